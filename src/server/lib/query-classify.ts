// Parses every query with sparqljs and tells its form, its SERVICE endpoints and its outer LIMIT; refuses updates.
import sparqljs from 'sparqljs';
import type { QueryForm } from '../../store/index.ts';
import { HttpError } from './errors.ts';
import { BoundedMemo } from './bounded-memo.ts';
import type { ServiceAllowlist } from '../../store/index.ts';

export interface ClassifiedQuery {
  readonly form: QueryForm;
  /** SERVICE IRIs anywhere in the query (subqueries, OPTIONAL, EXISTS…), deduplicated. */
  readonly services: readonly string[];
  /** LIMIT of the outermost query, if any. */
  readonly limit: number | undefined;
  /** True when a VALUES block follows the outermost query's modifiers. */
  readonly trailingValues: boolean;
}

interface ParseErrorHash {
  readonly loc?: { readonly last_line?: number; readonly last_column?: number };
}

/** Collects SERVICE names by walking the whole syntax tree. */
const findServices = (node: unknown, found: { iris: Set<string>; variable: boolean }): void => {
  if (Array.isArray(node)) {
    for (const child of node) findServices(child, found);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const n = node as { type?: unknown; name?: { termType?: string; value?: string } };
  if (n.type === 'service' && n.name) {
    if (n.name.termType === 'NamedNode' && n.name.value !== undefined) found.iris.add(n.name.value);
    else found.variable = true;
  }
  for (const value of Object.values(node)) if (value !== null && typeof value === 'object') findServices(value, found);
};

/** Throws HttpError 400 (with line and column when the parser gives them) or 403 for updates. */
export const classifyQuery = (text: string, baseIri?: string): ClassifiedQuery => {
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = new sparqljs.Parser(baseIri ? { baseIRI: baseIri } : {}).parse(text);
  } catch (e) {
    const { message, hash } = e as Error & { hash?: ParseErrorHash };
    const line = hash?.loc?.last_line;
    const column = hash?.loc?.last_column === undefined ? undefined : hash.loc.last_column + 1;
    const where = line ? ` (line ${line}, column ${column})` : '';
    throw new HttpError('malformed_query', `malformed query${where}: ${message}`, { line, column });
  }
  if (parsed.type === 'update') throw new HttpError('read_only', 'this endpoint is read-only: SPARQL Update is not accepted');
  const found = { iris: new Set<string>(), variable: false };
  findServices(parsed.where ?? [], found);
  if (found.variable)
    throw new HttpError('service_not_allowed', 'SERVICE with a variable endpoint is not allowed; name an allowlisted endpoint IRI');
  return {
    form: parsed.queryType,
    services: [...found.iris],
    limit: (parsed as { limit?: number }).limit,
    trailingValues: parsed.values !== undefined && parsed.values.length > 0,
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

/**
 * classifyQuery with a bounded memo by query text, so a repeated query (the common case behind the answer
 * cache) is not parsed again. Failures are not memoized.
 */
export const classifier = (baseIri: string | undefined, maxEntries = 1000) => {
  const memo = new BoundedMemo<ClassifiedQuery>(maxEntries);
  const classify = (text: string) => classifyQuery(text, baseIri);
  return (text: string): ClassifiedQuery => memo.get(text, classify);
};
