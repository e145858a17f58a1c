// /sitemap.xml (every HTML page) and /robots.txt (allow all, pointing to the sitemap).
import type { FastifyPluginAsync } from 'fastify';
import { robotsTxt } from '../../documents/index.ts';
import { etagOf, sendBody } from '../lib/ld-http.ts';
import type { SitePluginOptions } from '../lib/site.ts';

const sitemapPlugin: FastifyPluginAsync<SitePluginOptions> = async (app, { site }) => {
  const robots = robotsTxt(site.urls.sitemap());
  app.get('/sitemap.xml', (request, reply) =>
    sendBody(request, reply, { body: site.sitemap, contentType: 'application/xml; charset=utf-8', etag: etagOf(site.version, 'sitemap.xml', 'xml') }),
  );
  app.get('/robots.txt', (request, reply) =>
    sendBody(request, reply, { body: robots, contentType: 'text/plain; charset=utf-8', etag: etagOf(site.version, 'robots.txt', 'txt') }),
  );
};

export default sitemapPlugin;
