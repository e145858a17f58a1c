// Reads a SPARQL 1.1 Protocol request (GET, URL-encoded POST, direct POST) into its parameters, or a 400/403/413.
import { HttpError } from './errors.ts';

export type ProtocolRequest =
  | { readonly kind: 'description'; readonly format: readonly string[] }
  | {
      readonly kind: 'query';
      readonly query: string;
      readonly defaultGraphs: readonly string[];
      readonly namedGraphs: readonly string[];
      /** Every `format` value given, in order (not a protocol parameter: see negotiate()). */
      readonly format: readonly string[];
    };

export interface RawRequest {
  readonly method: string;
  /** Request target as received, with its raw query string. */
  readonly url: string;
  readonly contentType: string | undefined;
  readonly body: Buffer | undefined;
}

const FORM = 'application/x-www-form-urlencoded';
const DIRECT = 'application/sparql-query';
const UPDATE = 'application/sparql-update';
const utf8 = new TextDecoder('utf-8', { fatal: true });

const decodeUtf8 = (body: Buffer): string => {
  try {
    return utf8.decode(body);
  } catch {
    throw new HttpError('bad_request', 'the request body is not valid UTF-8');
  }
};

/** How many parameters `a=1&b=2` carries, without decoding any (empty pairs are not parameters). */
export const countParams = (raw: string): number => {
  let n = 0;
  let start = 0;
  while (start <= raw.length) {
    let end = raw.indexOf('&', start);
    if (end < 0) end = raw.length;
    if (end > start) n++;
    start = end + 1;
  }
  return n;
};

const decodeComponent = (s: string, pair: string) => {
  try {
    return decodeURIComponent(s.includes('+') ? s.replace(/\+/g, ' ') : s);
  } catch {
    throw new HttpError('bad_request', `parameter "${pair.slice(0, 40)}" is not valid percent-encoded UTF-8`);
  }
};

/**
 * Splits `a=1&b=2` into repeated parameters, appending to `into` (linear in the number of parameters, repeated names
 * included); malformed percent-encoding or non-UTF-8 is a 400.
 */
export const parseParams = (raw: string, into = new Map<string, string[]>()): Map<string, string[]> => {
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decodeComponent(eq < 0 ? pair : pair.slice(0, eq), pair);
    const value = eq < 0 ? '' : decodeComponent(pair.slice(eq + 1), pair);
    const values = into.get(name);
    if (values) values.push(value);
    else into.set(name, [value]);
  }
  return into;
};

const single = (params: Map<string, string[]>, name: string): string | undefined => {
  const values = params.get(name);
  if (values && values.length > 1) throw new HttpError('bad_request', `the ${name} parameter was given ${values.length} times; give it once`);
  return values?.[0];
};

const graphs = (params: Map<string, string[]>, name: string): string[] => {
  const values = params.get(name) ?? [];
  for (const v of values)
    if (!/^[a-z][a-z0-9+.-]*:[^\s<>"{}|^`\\]*$/i.test(v)) throw new HttpError('bad_request', `${name} must be an absolute IRI, got "${v}"`);
  return [...new Set(values)];
};

const mediaTypeOf = (contentType: string) => {
  const [raw = '', ...parameters] = contentType.split(';').map((s) => s.trim());
  const type = raw.toLowerCase();
  const charset = parameters.find((p) => /^charset=/i.test(p))?.slice(8).replace(/"/g, '');
  // A form body is ASCII whatever its label (Apache HttpClient 4 labels every form ISO-8859-1): its percent-escapes
  // must decode to UTF-8, which parseParams checks. A direct query's bytes are the text, so its charset counts.
  if (type !== FORM && charset !== undefined && !/^utf-?8$/i.test(charset))
    throw new HttpError('bad_request', `only UTF-8 request bodies are accepted, not charset=${charset}`);
  return type;
};

export interface ProtocolLimits {
  /** Largest query text, in UTF-8 bytes (413 beyond). */
  readonly maxQueryBytes: number;
  /** Most parameters, query string and form body together (400 beyond), counted before any is decoded. */
  readonly maxParameters: number;
}

const tooManyParams = (n: number, max: number) =>
  new HttpError('query_too_complex', `the request carries ${n} parameters (query string and form together); the limit is ${max}`);

/** Interprets the request per the SPARQL 1.1 Protocol, within the limits. */
export const readProtocolRequest = (raw: RawRequest, limits: ProtocolLimits): ProtocolRequest => {
  const q = raw.url.indexOf('?');
  const queryString = q < 0 ? '' : raw.url.slice(q + 1);
  let count = countParams(queryString);
  if (count > limits.maxParameters) throw tooManyParams(count, limits.maxParameters);
  let query: string | undefined;
  let form: string | undefined;
  if (raw.method === 'POST') {
    if (!raw.contentType) throw new HttpError('unsupported_content_type', `a POST needs a Content-Type: ${FORM} or ${DIRECT}`);
    const type = mediaTypeOf(raw.contentType);
    if (type === UPDATE) throw new HttpError('read_only', 'this endpoint is read-only: SPARQL Update is not accepted');
    if (type === FORM) {
      form = decodeUtf8(raw.body ?? Buffer.alloc(0));
      count += countParams(form);
      if (count > limits.maxParameters) throw tooManyParams(count, limits.maxParameters);
    } else if (type === DIRECT) {
      query = decodeUtf8(raw.body ?? Buffer.alloc(0));
    } else throw new HttpError('unsupported_content_type', `unsupported Content-Type "${type}"; use ${FORM} or ${DIRECT}`);
  }
  const params = parseParams(queryString);
  if (form !== undefined) parseParams(form, params);
  if (query !== undefined && params.has('query'))
    throw new HttpError('bad_request', `with ${DIRECT} the query is the body; do not also pass a query parameter`);
  const update = params.get('update');
  query ??= single(params, 'query');
  if (update && query !== undefined) throw new HttpError('bad_request', 'a request may carry a query or an update, not both');
  if (update) throw new HttpError('read_only', 'this endpoint is read-only: SPARQL Update is not accepted');
  const format = params.get('format') ?? [];
  const defaultGraphs = graphs(params, 'default-graph-uri');
  const namedGraphs = graphs(params, 'named-graph-uri');
  if (query === undefined) {
    if (raw.method !== 'POST' && defaultGraphs.length + namedGraphs.length === 0) return { kind: 'description', format };
    throw new HttpError('bad_request', 'missing query: pass it as the query parameter (or as an application/sparql-query body)');
  }
  if (query.trim() === '') throw new HttpError('bad_request', 'the query is empty');
  const bytes = Buffer.byteLength(query);
  if (bytes > limits.maxQueryBytes) throw new HttpError('query_too_large', `the query has ${bytes} bytes; the limit is ${limits.maxQueryBytes}`);
  return { kind: 'query', query, defaultGraphs, namedGraphs, format };
};
