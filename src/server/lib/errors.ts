// The handler that answers every error as text, JSON or an HTML page, never a stack (the codes and statuses: http-error.ts).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { errorPage, makeLinks } from '../../pages/index.ts';
import type { SiteUrls } from '../../rdf/uris.ts';
import { StoreError, type StoreErrorCode } from '../../store/store.ts';
import { pageHeaders } from './csp.ts';
import { requestLang } from './lang.ts';
import { PAGE_TYPE } from './page-reply.ts';
import { HttpError, type ErrorCode } from './http-error.ts';
import { plainRanges } from './negotiate.ts';

export { ERRORS, HttpError, type ErrorCode, type ErrorOptions } from './http-error.ts';

const STORE_CODES: Record<StoreErrorCode, ErrorCode> = {
  syntax: 'malformed_query',
  timeout: 'timeout',
  service_not_allowed: 'service_not_allowed',
  upstream: 'bad_gateway',
  upstream_timeout: 'gateway_timeout',
  too_costly: 'query_too_costly',
  unsupported: 'query_not_supported',
  unrepresentable: 'not_acceptable',
  unavailable: 'unavailable',
  execution: 'query_failed',
};

/** Fastify's own errors, with the message the client gets (Fastify's may quote the request or name internals). */
const FASTIFY_CODES: Readonly<Record<string, readonly [ErrorCode, string | undefined]>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ['query_too_large', undefined],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_content_type', undefined],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['bad_request', undefined],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['bad_request', undefined],
  FST_ERR_CTP_INVALID_JSON_BODY: ['bad_request', undefined],
  FST_ERR_VALIDATION: ['bad_request', undefined],
  FST_ERR_BAD_URL: ['bad_request', 'the URL is not valid: its percent-encoding does not decode to UTF-8'],
  FST_ERR_MAX_PARAM_LENGTH: ['uri_too_long', 'a segment of the URL path is too long'],
  FST_ERR_ASYNC_CONSTRAINT: ['internal', 'internal server error'],
};

/**
 * Messages that come from inside an engine, the runtime or the HTTP client (WASM traps, V8 limits, undici and
 * socket errors): they tell a client nothing it can act on and something about our internals.
 */
const INTERNAL_MESSAGE =
  /memory access out of bounds|(^|: )unreachable( executed)?$|RuntimeError|wasm|invalid (string|array|typed array) length|array buffer allocation failed|maximum call stack|out of memory|fetch failed|undici|UND_ERR|includes credentials|\bE(CONNREFUSED|CONNRESET|NOTFOUND|TIMEDOUT|AI_AGAIN|PIPE|HOSTUNREACH)\b|AbortError|operation was aborted|(file|node):\S*:\d+:\d+/i;

/** What a client is told when the engine's own message has to stay in the log. */
const GENERIC_MESSAGES: Readonly<Record<StoreErrorCode, string>> = {
  syntax: 'the query could not be parsed',
  timeout: 'the query was stopped: it ran longer than allowed',
  service_not_allowed: 'the query names a SERVICE endpoint that is not allowed',
  upstream: 'a SERVICE endpoint could not be reached or answered badly',
  upstream_timeout: 'a SERVICE endpoint did not answer in time',
  too_costly: 'the query needed more memory or stack than one query may use; simplify it',
  unsupported: 'the query asks for something this endpoint does not evaluate',
  unrepresentable: 'the answer cannot be written in the format asked for; ask for another',
  unavailable: 'the query engine is not available right now; retry later',
  execution: 'the query engine failed on this query',
};

/** V8 running out of room for one answer (a string, an array, the stack) is the query's size, not a bug of ours. */
const RESOURCE_LIMIT = /invalid (string|array|typed array) length|array buffer allocation failed|maximum call stack/i;

/** Any thrown value as an HttpError; engine-internal and unknown failures keep their message out of the answer. */
export const toHttpError = (e: unknown): HttpError => {
  if (e instanceof HttpError) return e;
  if (e instanceof StoreError) {
    if (INTERNAL_MESSAGE.test(e.message)) return new HttpError(STORE_CODES[e.code], GENERIC_MESSAGES[e.code], { cause: e });
    return new HttpError(STORE_CODES[e.code], e.message, { ...e.position, ...(e.code === 'execution' ? { cause: e } : {}) });
  }
  const f = e as Partial<FastifyError>;
  const known = f.code ? FASTIFY_CODES[f.code] : undefined;
  if (known) return new HttpError(known[0], known[1] ?? f.message ?? known[0], known[0] === 'internal' ? { cause: e } : {});
  if (typeof f.statusCode === 'number' && f.statusCode >= 400 && f.statusCode < 500)
    return new HttpError('bad_request', f.message ?? 'bad request');
  if (e instanceof RangeError && RESOURCE_LIMIT.test(e.message)) return new HttpError('query_too_costly', GENERIC_MESSAGES.too_costly, { cause: e });
  return new HttpError('internal', 'internal server error', { cause: e });
};

/**
 * The representations of an error, text/plain first (the answer to no Accept and to `*\/*`). RDF is not among them:
 * an error is about the request, not a resource, and no vocabulary of ours describes it. Browsers (text/html or
 * application/xhtml+xml) get a page of the site.
 */
const ERROR_TYPES = ['text/plain', 'application/json', 'text/html', 'application/xhtml+xml'];

/**
 * Answers an error in the representation the Accept header prefers, each carrying the same status, code and
 * message: text (default), JSON `{error, status, message[, line, column]}`, or an HTML page linking to the site's home.
 */
export const sendError = (request: FastifyRequest, reply: FastifyReply, error: HttpError, urls: SiteUrls): FastifyReply => {
  const accept = request.headers.accept;
  const type = accept ? new Negotiator({ headers: { accept: plainRanges(accept) } }).mediaType(ERROR_TYPES) : undefined;
  // Headers set for a success that did not happen (validator, capping) must not travel with the error.
  for (const name of ['etag', 'x-sparql-capped', 'content-disposition', 'content-encoding', 'content-range', 'link']) reply.removeHeader(name);
  for (const [name, value] of Object.entries(error.options.headers ?? {})) reply.header(name, value);
  // nosniff: an error may quote what the client sent, and must never be taken for anything but what it says it is.
  reply.code(error.status).header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
  const { line, column } = error.options;
  if (type === 'text/html' || type === 'application/xhtml+xml') {
    const self = urls.home() + (request.url.split('?')[0] ?? '/').slice(1);
    const page = errorPage({ links: makeLinks(urls, requestLang(request), () => false), status: error.status, message: error.message, self });
    return reply.headers(pageHeaders()).header('vary', 'Accept, Accept-Language').type(PAGE_TYPE).send(page);
  }
  reply.header('vary', 'Accept');
  if (type === 'application/json') {
    const body = { error: error.code, status: error.status, message: error.message, ...(line ? { line, column } : {}) };
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
  }
  return reply.type('text/plain; charset=utf-8').send(`${error.message}\n`);
};

/** Logs what an error stands for when the client was not told (a bug, or an engine's own message), with its cause. */
const logHidden = (request: FastifyRequest, error: HttpError): void => {
  if (error.cause === undefined) return;
  const original = error.cause as Error;
  request.log.error({ err: original, cause: original.cause, answered: { status: error.status, message: error.message } }, 'request failed');
};

/**
 * Fastify's `frameworkErrors` option: failures met before routing (a URL whose percent-encoding is broken, a path
 * segment too long) answered in the site's error format rather than Fastify's own JSON.
 */
export const frameworkErrorHandler =
  (urls: SiteUrls) =>
  (e: Error, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const error = toHttpError(e);
    logHidden(request, error);
    return sendError(request, reply, error, urls);
  };

/**
 * Installs the error and not-found handlers on the root instance: every route throws (an HttpError, or anything else,
 * which becomes a 500 whose cause is only logged) and is answered here, error pages linking into the site's `urls`.
 */
export const installErrorHandling = (app: FastifyInstance, urls: SiteUrls): void => {
  app.setErrorHandler((e, request, reply) => {
    const error = toHttpError(e);
    logHidden(request, error);
    return sendError(request, reply, error, urls);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    // A path that exists for other methods is 405 with Allow (RFC 9110), not 404: the site is read-only.
    const allow = allowOf(app, path);
    if (allow !== undefined) {
      return sendError(request, reply, new HttpError('method_not_allowed', `${request.method} is not allowed on ${path}; allowed: ${allow}`, { headers: { allow } }), urls);
    }
    // Not naming the method: HEAD's answer must have GET's headers, Content-Length included (RFC 9110 §8.6, §9.3.2).
    return sendError(request, reply, new HttpError('not_found', `nothing at ${path}`), urls);
  });
};

const READ_METHODS = ['GET', 'HEAD', 'POST'] as const;

/**
 * The Allow header of `path`: the methods a route serves it with, and OPTIONS (which every path answers, a CORS
 * preflight or a plain OPTIONS); undefined when no route serves it (OPTIONS is left out of the test: the CORS plugin's
 * route takes it on every path).
 */
export const allowOf = (app: FastifyInstance, path: string): string | undefined => {
  const allowed = READ_METHODS.filter((method) => app.findRoute({ method, url: path }) !== null);
  return allowed.length === 0 ? undefined : [...allowed, 'OPTIONS'].join(', ');
};

/**
 * Answers a plain OPTIONS, one that is not a CORS preflight (no Access-Control-Request-Method), with 204 and the
 * path's Allow (RFC 9110 §9.3.7), or 404 where nothing is served; the CORS plugin would refuse it (400 "Invalid
 * Preflight Request"), so this hook runs before the plugin's. Preflights go on to the plugin.
 */
export const installPlainOptions = (app: FastifyInstance, urls: SiteUrls): void => {
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method !== 'OPTIONS' || request.headers['access-control-request-method'] !== undefined) return done();
    const path = request.url.split('?')[0] ?? '/';
    const allow = allowOf(app, path);
    reply.header('access-control-allow-origin', '*');
    if (allow === undefined) sendError(request, reply, new HttpError('not_found', `nothing at ${path}`), urls);
    else reply.code(204).header('allow', allow).header('content-length', '0').send();
  });
};
