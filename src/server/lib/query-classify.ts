// Parses a query with sparqljs and tells its form, its SERVICE endpoints and its outer LIMIT; refuses updates.
// Pure and synchronous: the server runs it in a parser thread (query-parser.ts), behind a timeout, and hands its syntax
// tree on, so that no store parses the text again on the main thread.
import sparqljs from 'sparqljs';
import type { QueryForm } from '../../store/index.ts';
import { HttpError } from './http-error.ts';
import type { ServiceAllowlist } from '../../store/index.ts';

export interface ClassifiedQuery {
  readonly form: QueryForm;
  /** SERVICE IRIs anywhere in the query (subqueries, OPTIONAL, EXISTS…), deduplicated. */
  readonly services: readonly string[];
  /** LIMIT of the outermost query, if any. */
  readonly limit: number | undefined;
  /** True when a VALUES block follows the outermost query's modifiers. */
  readonly trailingValues: boolean;
  /** The syntax tree, as plain data that survives structured cloning (see plainWildcards). */
  readonly syntax: sparqljs.SparqlQuery;
}

/** `*` as plain data: sparqljs's Wildcard keeps its termType on its prototype, which a structured clone drops. */
const WILDCARD = { termType: 'Wildcard', value: '*' } as const;

/** Replaces every sparqljs Wildcard (SELECT *, DESCRIBE *, COUNT(*)) with WILDCARD, in place; iterative like findServices. */
const plainWildcards = (root: object): void => {
  const stack: object[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown>;
    for (const key of Object.keys(node)) {
      const value = node[key];
      if (value instanceof sparqljs.Wildcard) node[key] = WILDCARD;
      else if (value !== null && typeof value === 'object') stack.push(value);
    }
  }
};

interface ParseErrorHash {
  readonly loc?: { readonly last_line?: number; readonly last_column?: number };
}

/** Collects SERVICE names by walking the whole syntax tree, with an explicit stack: trees can be deep. */
const findServices = (root: unknown): { iris: Set<string>; variable: boolean } => {
  const found = { iris: new Set<string>(), variable: false };
  const stack: unknown[] = [root];
  // The parser builds a tree (no cycles), so this ends once every node has been visited.
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const child of node) if (child !== null && typeof child === 'object') stack.push(child);
      continue;
    }
    const n = node as { type?: unknown; name?: { termType?: string; value?: string } };
    if (n.type === 'service' && n.name) {
      if (n.name.termType === 'NamedNode' && n.name.value !== undefined) found.iris.add(n.name.value);
      else found.variable = true;
    }
    for (const value of Object.values(node)) if (value !== null && typeof value === 'object') stack.push(value);
  }
  return found;
};

/** Throws HttpError 400 (with line and column when the parser gives them) or 403 for updates. */
export const classifyQuery = (text: string, baseIri?: string): ClassifiedQuery => {
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = new sparqljs.Parser(baseIri ? { baseIRI: baseIri } : {}).parse(text);
  } catch (e) {
    // The parser recursing past the stack is the query's shape, not a syntax error; its message is V8's.
    if (e instanceof RangeError) throw new HttpError('query_too_complex', 'the query is structured too deeply to be parsed; flatten it');
    const { message, hash } = e as Error & { hash?: ParseErrorHash };
    const line = hash?.loc?.last_line;
    const column = hash?.loc?.last_column === undefined ? undefined : hash.loc.last_column + 1;
    const where = line ? ` (line ${line}, column ${column})` : '';
    throw new HttpError('malformed_query', `malformed query${where}: ${message}`, { line, column });
  }
  if (parsed.type === 'update') throw new HttpError('read_only', 'this endpoint is read-only: SPARQL Update is not accepted');
  const found = findServices(parsed.where ?? []);
  if (found.variable)
    throw new HttpError('service_not_allowed', 'SERVICE with a variable endpoint is not allowed; name an allowlisted endpoint IRI');
  plainWildcards(parsed);
  return {
    form: parsed.queryType,
    services: [...found.iris],
    limit: (parsed as { limit?: number }).limit,
    trailingValues: parsed.values !== undefined && parsed.values.length > 0,
    syntax: parsed,
  };
};

/** Refuses SERVICE endpoints outside the allowlist before any evaluation, naming the allowed ones. */
export const checkServices = (services: readonly string[], allowlist: ServiceAllowlist): void => {
  const refused = services.find((s) => !allowlist.allows(s));
  if (refused !== undefined)
    throw new HttpError(
      'service_not_allowed',
      `SERVICE <${refused}> is not allowed; this endpoint only federates with: ${allowlist.endpoints.join(', ') || '(none)'}`,
    );
};
