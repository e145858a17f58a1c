// What a fuzz case is, and the context generators draw from (the research queries, example paths, the loopback upstream).

/** One request, as bytes: the runner sends it verbatim on a fresh loopback connection. */
export interface FuzzCase {
  readonly index: number;
  /** Route family, for the report: 'sparql', '/id', '/data', … */
  readonly family: string;
  /** What was done to the request, e.g. 'sparql:nest-braces' or 'path:traversal'. */
  readonly kind: string;
  readonly method: string;
  /** The request-target exactly as written on the wire (may hold invalid UTF-8 or bad percent-encoding). */
  readonly target: Buffer;
  /** Extra header lines; a `host` here replaces the default one. */
  readonly headers: readonly (readonly [string, string | Buffer])[];
  readonly body?: Buffer | undefined;
  /** Send no Host header at all. */
  readonly noHost?: boolean | undefined;
  /** A body over the server's limit: the server may cut the connection, which is then no failure. */
  readonly oversized?: boolean | undefined;
  /** Short description for the report (sizes, depths, the header tried). */
  readonly note: string;
}

export type CaseDraft = Omit<FuzzCase, 'index'>;

export interface FuzzContext {
  /** queries/*.rq, name and text. */
  readonly queries: readonly { readonly file: string; readonly text: string }[];
  /** The one allowlisted SERVICE endpoint: a fake on 127.0.0.1 run by the fuzz itself. */
  readonly upstream: string;
  /** The server's limit on query text, to aim just under and over it. */
  readonly maxQueryBytes: number;
}

export const bytes = (s: string | Buffer): Buffer => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s);

const ENCODED = Array.from({ length: 256 }, (_, byte) => {
  const c = String.fromCharCode(byte);
  return /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
});

/** Percent-encodes every byte that is not unreserved (so invalid UTF-8 survives as %FF and the like). */
export const percentEncode = (b: Buffer): string => {
  const parts = new Array<string>(b.length);
  for (let i = 0; i < b.length; i++) parts[i] = ENCODED[b[i]!]!;
  return parts.join('');
};
