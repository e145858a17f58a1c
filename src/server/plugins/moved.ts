// 301 Moved Permanently for every URL published under a plan's former id (before plan IRIs carried an edition key):
// its resources' IRIs, their documents and pages, its named graph, its DCAT dataset and its dump file.
import type { FastifyPluginAsync } from 'fastify';
import { movedTo } from '../../documents/index.ts';
import { HttpError } from '../lib/errors.ts';
import type { SitePluginOptions } from '../lib/site.ts';

const movedPlugin: FastifyPluginAsync<SitePluginOptions> = async (app, { site }) => {
  const { urls, moved } = site;
  for (const prefix of moved) {
    // One route per moved prefix, more specific than the route families it shadows.
    app.route({
      method: ['GET', 'HEAD'],
      url: `${urls.local(prefix.from)}*`,
      handler: (request, reply) => {
        const q = request.url.indexOf('?');
        const to = movedTo(moved, urls.base + request.url.slice(urls.local(urls.base).length, q < 0 ? undefined : q));
        // A name that merely begins like a former id (the plan files forbid such ids) is nothing of ours.
        if (to === undefined) throw new HttpError('not_found', `nothing at ${request.method} ${request.url.split('?')[0]}`);
        // Host-relative, like every other redirect of the site; the query string travels along.
        return reply.code(301).header('cache-control', 'public, max-age=86400').redirect(urls.local(to) + (q < 0 ? '' : request.url.slice(q)), 301);
      },
    });
  }
};

export default movedPlugin;
