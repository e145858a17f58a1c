// /sitemap.xml (the sitemap index crawlers know), /sitemap/<n>.xml (its parts, at most 50,000 URLs each) and
// /robots.txt (allow all, pointing to the index). The sitemap files were written by the converter and stream from disk.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { robotsTxt } from '../../documents/index.ts';
import { sendDumpFile } from '../lib/dump-files.ts';
import { HttpError } from '../lib/errors.ts';
import { etagOf } from '../lib/ld-http.ts';
import { Representation, sendRepresentation } from '../lib/representation.ts';
import type { SitePluginOptions } from '../lib/site.ts';

const schema = { params: { type: 'object', properties: { part: { type: 'string' } }, required: ['part'] } } as const;

const sitemapPlugin: FastifyPluginAsync<SitePluginOptions> = async (app, { site }) => {
  const robots = new Representation({ body: robotsTxt(site.urls.sitemap()), contentType: 'text/plain; charset=utf-8', etag: etagOf(site.version, 'robots.txt', 'txt') });
  const file = (path: string, request: FastifyRequest) => {
    const found = site.sitemap.get(path);
    if (!found) throw new HttpError('not_found', `no sitemap at ${request.url.split('?')[0]}`);
    return found;
  };
  // GET and HEAD by hand, as for the dumps: Fastify's own HEAD would read the stream to discard it.
  app.route({ method: ['GET', 'HEAD'], url: '/sitemap.xml', exposeHeadRoute: false, handler: (request, reply) => sendDumpFile(request, reply, file('sitemap.xml', request)) });
  app.route({
    method: ['GET', 'HEAD'],
    url: '/sitemap/:part',
    schema,
    exposeHeadRoute: false,
    // Only the parts the build has (a map look-up, never a file-system path).
    handler: (request: FastifyRequest<{ Params: { part: string } }>, reply) => sendDumpFile(request, reply, file(`sitemap/${request.params.part}`, request)),
  });
  app.get('/robots.txt', (request, reply) => sendRepresentation(request, reply, robots));
};

export default sitemapPlugin;
