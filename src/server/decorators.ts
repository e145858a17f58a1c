// The typed decorators every route plugin may rely on: the store and the manifest of the loaded build, and the site's URLs.
import type { Manifest } from '../convert/index.ts';
import type { SiteUrls } from '../rdf/uris.ts';
import type { Store } from '../store/index.ts';
import type { ResponseCache } from './lib/response-cache.ts';

/** The build manifest; only its version is required (tests pass a minimal one). */
export type AppManifest = Pick<Manifest, 'version'> & Partial<Omit<Manifest, 'version'>>;

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    manifest: AppManifest;
    /** The site's URLs, made once per site (lib/site.ts). */
    urls: SiteUrls;
    /** Answers replayed before routing (lifecycle/serve.ts); one cache per app, so per build. */
    responses: ResponseCache;
  }
}
