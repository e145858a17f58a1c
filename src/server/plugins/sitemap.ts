// /sitemap.xml (every HTML page) and /robots.txt (allow all, pointing to the sitemap).
import type { FastifyPluginAsync } from 'fastify';
import { robotsTxt } from '../../documents/index.ts';
import { etagOf } from '../lib/ld-http.ts';
import { Representation, sendRepresentation } from '../lib/representation.ts';
import type { SitePluginOptions } from '../lib/site.ts';

const sitemapPlugin: FastifyPluginAsync<SitePluginOptions> = async (app, { site }) => {
  const sitemap = new Representation({ body: site.sitemap, contentType: 'application/xml; charset=utf-8', etag: etagOf(site.version, 'sitemap.xml', 'xml') });
  const robots = new Representation({ body: robotsTxt(site.urls.sitemap()), contentType: 'text/plain; charset=utf-8', etag: etagOf(site.version, 'robots.txt', 'txt') });
  app.get('/sitemap.xml', (request, reply) => sendRepresentation(request, reply, sitemap));
  app.get('/robots.txt', (request, reply) => sendRepresentation(request, reply, robots));
};

export default sitemapPlugin;
