// The one table of error codes and HTTP statuses, and the error that carries one: plain, so that worker threads can
// throw it without loading the error pages (errors.ts answers it).

export const ERRORS = {
  bad_request: 400,
  malformed_query: 400,
  /** Nested too deep, or too many parameters: refused before any parser sees it. */
  query_too_complex: 400,
  /** Parsed, but asks for something the engine does not evaluate (e.g. an unknown function). */
  query_not_supported: 400,
  unsupported_content_type: 400,
  service_not_allowed: 400,
  read_only: 403,
  not_found: 404,
  method_not_allowed: 405,
  not_acceptable: 406,
  request_timeout: 408,
  /** If-Match names no current representation of the target (RFC 9110 §13.1.1). */
  precondition_failed: 412,
  query_too_large: 413,
  /** A Range header that selects no byte of the representation (or is not a byte range). */
  range_not_satisfiable: 416,
  /** A path segment longer than the router takes. */
  uri_too_long: 414,
  /** Our own bugs only: a client or upstream problem always has a code of its own. */
  query_failed: 500,
  internal: 500,
  /** A SERVICE endpoint failed or answered badly (named in the message). */
  bad_gateway: 502,
  busy: 503,
  timeout: 503,
  unavailable: 503,
  /** The query needed more memory or stack than one query may use. */
  query_too_costly: 503,
  /** A SERVICE endpoint did not answer in time (named in the message). */
  gateway_timeout: 504,
  /** The client closed the connection first: nobody reads this answer; the status is for the access log (nginx's 499). */
  client_gone: 499,
} as const satisfies Record<string, number>;
export type ErrorCode = keyof typeof ERRORS;

export interface ErrorOptions {
  /** Extra response headers, e.g. Retry-After. */
  readonly headers?: Readonly<Record<string, string>>;
  /** 1-based position of a syntax error in the query. */
  readonly line?: number | undefined;
  readonly column?: number | undefined;
  /** The failure this error stands for, for the log only: never shown to the client. */
  readonly cause?: unknown;
}

export class HttpError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: ErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HttpError';
    this.status = ERRORS[code];
  }
}
