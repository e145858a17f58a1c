// /sitemap.xml (the sitemap index crawlers know), /sitemap-<n>.xml (its parts, at most 50,000 URLs each) and
// /robots.txt (allow all, pointing to the index). The sitemap files were written by the converter and stream from disk.
// The parts sit at the root because a sitemap may list only URLs under its own folder (sitemaps.org); their former
// URLs, /sitemap/<n>.xml, answer 301 to them.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { SITEMAP_INDEX, sitemapPart } from '../../convert/index.ts';
import { robotsTxt } from '../../documents/index.ts';
import { sendDumpFile } from '../lib/dump-files.ts';
import { HttpError } from '../lib/errors.ts';
import { etagOf } from '../lib/ld-http.ts';
import { Representation, sendRepresentation } from '../lib/representation.ts';
import type { SitePluginOptions } from '../lib/site.ts';

const schema = { params: { type: 'object', properties: { part: { type: 'string' } }, required: ['part'] } } as const;
type PartRequest = FastifyRequest<{ Params: { part: string } }>;
/** A part's number as its URL gives it (`1.xml`), or undefined. */
const partNumber = (part: string): number | undefined => (/^[1-9]\d{0,8}\.xml$/.test(part) ? Number(part.slice(0, -4)) : undefined);

const sitemapPlugin: FastifyPluginAsync<SitePluginOptions> = async (app, { site }) => {
  const { urls } = site;
  const robots = new Representation({ body: robotsTxt(urls.sitemap()), contentType: 'text/plain; charset=utf-8', etag: etagOf(site.version, 'robots.txt', 'txt') });
  const notFound = (request: FastifyRequest) => new HttpError('not_found', `no sitemap at ${request.url.split('?')[0]}`);
  /** Part `part` of this build (a map look-up, never a file-system path), or undefined. */
  const part = (part: string) => {
    const n = partNumber(part);
    return n === undefined ? undefined : site.sitemap.get(sitemapPart(n));
  };
  // GET and HEAD by hand, as for the dumps: Fastify's own HEAD would read the stream to discard it.
  app.route({ method: ['GET', 'HEAD'], url: '/sitemap.xml', exposeHeadRoute: false, handler: (request, reply) => sendDumpFile(request, reply, site.sitemap.get(SITEMAP_INDEX)!) });
  app.route({
    method: ['GET', 'HEAD'],
    url: '/sitemap-:part',
    schema,
    exposeHeadRoute: false,
    handler: (request: PartRequest, reply) => {
      const found = part(request.params.part);
      if (!found) throw notFound(request);
      return sendDumpFile(request, reply, found);
    },
  });
  // The parts' former URLs (published in sitemap.xml until the parts moved to the root): moved for good, to the part of
  // the same number while the build has one (a number it no longer has is 404, not a redirect to a 404).
  app.get('/sitemap/:part', { schema }, (request: PartRequest, reply) => {
    const n = partNumber(request.params.part);
    if (n === undefined || !site.sitemap.has(sitemapPart(n))) throw notFound(request);
    // Host-relative, like every other redirect of the site; a day of caching, as for the plans' former IRIs.
    return reply.code(301).header('cache-control', 'public, max-age=86400').redirect(urls.local(urls.base + sitemapPart(n)), 301);
  });
  app.get('/robots.txt', (request, reply) => sendRepresentation(request, reply, robots));
};

export default sitemapPlugin;
