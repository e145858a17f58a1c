// Builds the Fastify application (CORS, error handling, /healthz and the route plugins); it never listens.
import cors from '@fastify/cors';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from '../config.ts';
import { siteUrls } from '../rdf/uris.ts';
import type { Store } from '../store/index.ts';
import type { AppManifest } from './decorators.ts';
import { frameworkErrorHandler, installErrorHandling, installPlainOptions } from './lib/errors.ts';
import { lazyChildLogger } from './lib/lazy-logger.ts';
import { ifMatchHolds, preconditionFailed } from './lib/preconditions.ts';
import { ResponseCache } from './lib/response-cache.ts';
import type { Site } from './lib/site.ts';
import assetsPlugin from './plugins/assets.ts';
import sitePlugins from './plugins/site.ts';
import sparqlPlugin from './plugins/sparql.ts';

/** Headers browsers may read from cross-origin answers, besides the CORS-safelisted ones (Content-Type, Content-Length, …). */
export const EXPOSED_HEADERS = ['ETag', 'Link', 'Location', 'Retry-After', 'Vary', 'X-SPARQL-Capped'];

export interface BuildOptions {
  /** Fastify logger setting; off by default (tests), main.ts turns it on. */
  readonly logger?: FastifyServerOptions['logger'];
  /** A logger made by the caller (main.ts: pino writing asynchronously); takes precedence over `logger`. */
  readonly loggerInstance?: FastifyBaseLogger;
  /** The loaded Linked Data site (src/server/lib/site.ts); without it only /healthz and /sparql are served. */
  readonly site?: Site;
}

export const buildApp = async (config: Config, store: Store, manifest: AppManifest, options: BuildOptions = {}): Promise<FastifyInstance> => {
  // The site's URLs, made once: the loaded site's, or (serving /sparql alone) made here.
  const urls = options.site?.urls ?? siteUrls(config.baseIri);
  const onFrameworkError = frameworkErrorHandler(urls);
  const app = Fastify({
    ...(options.loggerInstance ? { loggerInstance: options.loggerInstance } : { logger: options.logger ?? false }),
    // The one access line per request is written by the HTTP server (lifecycle/serve.ts), which also answers from the cache.
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: lazyChildLogger,
    // Room for a GET whose percent-encoded query reaches the query size limit, so it gets our 413 rather than Node's 431.
    http: { maxHeaderSize: Math.max(16 * 1024, config.sparql.maxQueryBytes * 3 + 16 * 1024) },
    // A URL Fastify cannot route (bad percent-encoding, an overlong path segment) is answered before any hook runs:
    // in our error format, with the CORS header the hooks would have added.
    frameworkErrors: (error, request, reply) => onFrameworkError(error, request, reply.header('access-control-allow-origin', '*')),
  });
  app.decorate('store', store);
  app.decorate('manifest', manifest);
  app.decorate('urls', urls);
  // Public, fresh answers are offered to the cache that the HTTP server consults before routing (response-cache.ts).
  const responses = new ResponseCache(config.http.responseCacheBytes);
  app.decorate('responses', responses);
  app.addHook('onSend', (request, reply, payload, done) => {
    // If-Match for a 2xx or 304 that carries no ETag (every answer with one evaluated it before anything else:
    // sendRepresentation, sendDumpFile, the SPARQL answers): no entity tag can match it, so it becomes 412 (RFC 9110
    // §13.1.1, §13.2.2), unless If-Match is `*`.
    if (request.headers['if-match'] !== undefined && request.method !== 'OPTIONS' && !reply.hasHeader('etag') && (reply.statusCode === 304 || (reply.statusCode >= 200 && reply.statusCode < 300))) {
      if (!ifMatchHolds(request.headers['if-match'], undefined)) {
        if (payload !== null && typeof payload === 'object' && typeof (payload as { destroy?: unknown }).destroy === 'function') (payload as { destroy(): void }).destroy();
        done(preconditionFailed(request));
        return;
      }
    }
    if (request.method === 'GET') responses.offer(request.raw.url!, request.headers, reply.statusCode, reply.getHeaders(), payload);
    done(null, payload);
  });
  installErrorHandling(app, urls);
  // Before the CORS plugin's hook, which refuses an OPTIONS that is not a preflight.
  installPlainOptions(app, urls);
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
    // One string, so the plugin does not join the list on every request.
    exposedHeaders: EXPOSED_HEADERS.join(', '),
    maxAge: 86400,
  });

  const count = { type: 'integer' } as const;
  const health = {
    type: 'object',
    properties: { status: { type: 'string' }, version: { type: 'string' }, workersReady: count, workersWanted: count, workersReplaced: count },
  } as const;
  // The truth about the engine: 503 when no worker could take a query, so a monitor or a proxy can act on it.
  app.get('/healthz', { schema: { response: { 200: health, 503: health } } }, (_request, reply) => {
    const { ok, workersReady, workersWanted, workersReplaced } = store.health();
    reply.code(ok ? 200 : 503).header('cache-control', 'no-store');
    return { status: ok ? 'ok' : 'unavailable', version: store.version ?? manifest.version, workersReady, workersWanted, workersReplaced };
  });

  // /assets/: the stylesheet and the query page's scripts, needed by /sparql even without the site.
  await app.register(assetsPlugin);
  await app.register(sparqlPlugin, { config });
  // Linked Data and pages: /, /id, /def, /ontology, /data, /page, /sources, /source, /search, /.well-known/void, /catalog, /dumps,
  // /sitemap.xml, /robots.txt.
  if (options.site) await app.register(sitePlugins, { config, site: options.site });

  await app.ready();
  return app;
};
