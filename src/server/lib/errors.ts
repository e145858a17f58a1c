// The one table of error codes and HTTP statuses, and the handler that answers every error as JSON or text, never a stack.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { StoreError, type StoreErrorCode } from '../../store/store.ts';

export const ERRORS = {
  bad_request: 400,
  malformed_query: 400,
  /** Nested too deep, or too many parameters: refused before any parser sees it. */
  query_too_complex: 400,
  unsupported_content_type: 400,
  service_not_allowed: 400,
  read_only: 403,
  not_found: 404,
  method_not_allowed: 405,
  not_acceptable: 406,
  request_timeout: 408,
  query_too_large: 413,
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
} as const satisfies Record<string, number>;
export type ErrorCode = keyof typeof ERRORS;

export interface ErrorOptions {
  /** Extra response headers, e.g. Retry-After. */
  readonly headers?: Readonly<Record<string, string>>;
  /** 1-based position of a syntax error in the query. */
  readonly line?: number | undefined;
  readonly column?: number | undefined;
}

export class HttpError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: ErrorOptions = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = ERRORS[code];
  }
}

const STORE_CODES: Record<StoreErrorCode, ErrorCode> = {
  syntax: 'malformed_query',
  timeout: 'timeout',
  service_not_allowed: 'service_not_allowed',
  upstream: 'bad_gateway',
  upstream_timeout: 'gateway_timeout',
  too_costly: 'query_too_costly',
  unavailable: 'unavailable',
  execution: 'query_failed',
};

const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'query_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_content_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_ERR_VALIDATION: 'bad_request',
};

/** Any thrown value as an HttpError; unknown failures keep their message out of the answer. */
export const toHttpError = (e: unknown): HttpError => {
  if (e instanceof HttpError) return e;
  if (e instanceof StoreError) return new HttpError(STORE_CODES[e.code], e.message, e.position ?? {});
  const f = e as Partial<FastifyError>;
  const code = f.code ? FASTIFY_CODES[f.code] : undefined;
  if (code) return new HttpError(code, f.message ?? code);
  if (typeof f.statusCode === 'number' && f.statusCode >= 400 && f.statusCode < 500)
    return new HttpError('bad_request', f.message ?? 'bad request');
  return new HttpError('internal', 'internal server error');
};

/** Answers an error as text/plain (default) or JSON, as the Accept header prefers. */
export const sendError = (request: FastifyRequest, reply: FastifyReply, error: HttpError): FastifyReply => {
  const accept = request.headers.accept;
  const json = accept ? new Negotiator({ headers: { accept } }).mediaType(['text/plain', 'application/json']) === 'application/json' : false;
  // Headers set for a success that did not happen (validator, capping) must not travel with the error.
  for (const name of ['etag', 'x-sparql-capped', 'content-disposition']) reply.removeHeader(name);
  for (const [name, value] of Object.entries(error.options.headers ?? {})) reply.header(name, value);
  reply.code(error.status).header('cache-control', 'no-store').header('vary', 'Accept');
  const { line, column } = error.options;
  if (json) {
    const body = { error: error.code, status: error.status, message: error.message, ...(line ? { line, column } : {}) };
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
  }
  return reply.type('text/plain; charset=utf-8').send(`${error.message}\n`);
};

/** Installs the error and not-found handlers on the root instance. */
export const installErrorHandling = (app: FastifyInstance): void => {
  app.setErrorHandler((e, request, reply) => {
    const error = toHttpError(e);
    if (error.status >= 500 && !(e instanceof HttpError) && !(e instanceof StoreError)) request.log.error(e);
    return sendError(request, reply, error);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    // A path that exists for other methods is 405 with Allow (RFC 9110), not 404: the site is read-only.
    // (OPTIONS is left out of the test: the CORS plugin answers it on every path.)
    const allowed = READ_METHODS.filter((method) => app.findRoute({ method, url: path }) !== null);
    if (allowed.length > 0) {
      const allow = [...allowed, 'OPTIONS'].join(', ');
      return sendError(request, reply, new HttpError('method_not_allowed', `${request.method} is not allowed on ${path}; allowed: ${allow}`, { headers: { allow } }));
    }
    return sendError(request, reply, new HttpError('not_found', `nothing at ${request.method} ${path}`));
  });
};

const READ_METHODS = ['GET', 'HEAD', 'POST'] as const;
