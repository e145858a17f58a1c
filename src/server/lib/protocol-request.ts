// Reads a SPARQL 1.1 Protocol request (GET, URL-encoded POST, direct POST) into its parameters, or a 400/403/413.
import { HttpError } from './errors.ts';

export type ProtocolRequest =
  | { readonly kind: 'description'; readonly format: string | undefined }
  | {
      readonly kind: 'query';
      readonly query: string;
      readonly defaultGraphs: readonly string[];
      readonly namedGraphs: readonly string[];
      readonly format: string | undefined;
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

/** Splits `a=1&b=2` into repeated parameters; malformed percent-encoding or non-UTF-8 is a 400. */
export const parseParams = (raw: string): Map<string, string[]> => {
  const params = new Map<string, string[]>();
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const [name, value] = [eq < 0 ? pair : pair.slice(0, eq), eq < 0 ? '' : pair.slice(eq + 1)].map((s) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        throw new HttpError('bad_request', `parameter "${pair.slice(0, 40)}" is not valid percent-encoded UTF-8`);
      }
    }) as [string, string];
    params.set(name, [...(params.get(name) ?? []), value]);
  }
  return params;
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
  const [type = '', ...parameters] = contentType.split(';').map((s) => s.trim());
  const charset = parameters.find((p) => /^charset=/i.test(p))?.slice(8).replace(/"/g, '');
  if (charset !== undefined && !/^utf-?8$/i.test(charset))
    throw new HttpError('bad_request', `only UTF-8 request bodies are accepted, not charset=${charset}`);
  return type.toLowerCase();
};

/** Interprets the request per the SPARQL 1.1 Protocol; maxQueryBytes bounds the query text. */
export const readProtocolRequest = (raw: RawRequest, maxQueryBytes: number): ProtocolRequest => {
  const q = raw.url.indexOf('?');
  const params = parseParams(q < 0 ? '' : raw.url.slice(q + 1));
  let query: string | undefined;
  if (raw.method === 'POST') {
    if (!raw.contentType) throw new HttpError('unsupported_content_type', `a POST needs a Content-Type: ${FORM} or ${DIRECT}`);
    const type = mediaTypeOf(raw.contentType);
    if (type === UPDATE) throw new HttpError('read_only', 'this endpoint is read-only: SPARQL Update is not accepted');
    if (type === FORM) {
      for (const [name, values] of parseParams(decodeUtf8(raw.body ?? Buffer.alloc(0))))
        params.set(name, [...(params.get(name) ?? []), ...values]);
    } else if (type === DIRECT) {
      if (params.has('query')) throw new HttpError('bad_request', `with ${DIRECT} the query is the body; do not also pass a query parameter`);
      query = decodeUtf8(raw.body ?? Buffer.alloc(0));
    } else throw new HttpError('unsupported_content_type', `unsupported Content-Type "${type}"; use ${FORM} or ${DIRECT}`);
  }
  const update = params.get('update');
  query ??= single(params, 'query');
  if (update && query !== undefined) throw new HttpError('bad_request', 'a request may carry a query or an update, not both');
  if (update) throw new HttpError('read_only', 'this endpoint is read-only: SPARQL Update is not accepted');
  const format = single(params, 'format');
  const defaultGraphs = graphs(params, 'default-graph-uri');
  const namedGraphs = graphs(params, 'named-graph-uri');
  if (query === undefined) {
    if (raw.method !== 'POST' && defaultGraphs.length + namedGraphs.length === 0) return { kind: 'description', format };
    throw new HttpError('bad_request', 'missing query: pass it as the query parameter (or as an application/sparql-query body)');
  }
  if (query.trim() === '') throw new HttpError('bad_request', 'the query is empty');
  const bytes = Buffer.byteLength(query);
  if (bytes > maxQueryBytes) throw new HttpError('query_too_large', `the query has ${bytes} bytes; the limit is ${maxQueryBytes}`);
  return { kind: 'query', query, defaultGraphs, namedGraphs, format };
};
