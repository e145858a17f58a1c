// Reads a query (store/query-outline.ts) and tells its form, its SERVICE endpoints and its outer LIMIT; refuses updates.
// Pure and synchronous: the server runs it in a parser thread (query-parser.ts), behind a timeout, and hands its outline
// on, so that no store parses the text again on the main thread.
// Straight from the modules, not the store's index: a parser thread loads only what it parses with.
import type { ServiceAllowlist } from '../../store/index.ts';
import { outlineQuery, type QueryOutline } from '../../store/query-outline.ts';
import { StoreError, type QueryForm } from '../../store/store.ts';
import { HttpError } from './http-error.ts';

export interface ClassifiedQuery {
  readonly form: QueryForm;
  /** SERVICE IRIs anywhere in the query (subqueries, OPTIONAL, EXISTS…), deduplicated. */
  readonly services: readonly string[];
  /** LIMIT of the outermost query, if any. */
  readonly limit: number | undefined;
  /** True when a VALUES block follows the outermost query's modifiers. */
  readonly trailingValues: boolean;
  /** What the stores need of the query, as plain data that survives structured cloning. */
  readonly outline: QueryOutline;
}

/** Throws HttpError 400 (with line and column when the parser gives them) or 403 for updates. */
export const classifyQuery = (text: string, baseIri?: string): ClassifiedQuery => {
  let outline;
  try {
    outline = outlineQuery(text, baseIri);
  } catch (e) {
    // The parser recursing past the stack is the query's shape, not a syntax error; its message is V8's.
    if (e instanceof RangeError) throw new HttpError('query_too_complex', 'the query is structured too deeply to be parsed; flatten it');
    if (!(e instanceof StoreError) || e.code !== 'syntax') throw e;
    const { line, column } = e.position ?? {};
    const where = line ? ` (line ${line}, column ${column})` : '';
    throw new HttpError('malformed_query', `malformed query${where}: ${e.message}`, { line, column });
  }
  if (outline.type === 'update') throw new HttpError('read_only', 'this endpoint is read-only: SPARQL Update is not accepted');
  if (outline.serviceVariable)
    throw new HttpError('service_not_allowed', 'SERVICE with a variable endpoint is not allowed; name an allowlisted endpoint IRI');
  return { form: outline.form, services: outline.services, limit: outline.limit, trailingValues: outline.trailingValues, outline };
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
