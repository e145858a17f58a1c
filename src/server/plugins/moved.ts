// 301 Moved Permanently for every URL published under a plan's former id (before plan IRIs carried an edition key):
// its resources' IRIs, their documents and pages, its named graph, its DCAT dataset and its dump file.
import type { FastifyPluginAsync } from 'fastify';
import { HttpError } from '../lib/errors.ts';
import type { SitePluginOptions } from '../lib/site.ts';

const movedPlugin: FastifyPluginAsync<SitePluginOptions> = async (app, { site }) => {
  const { urls, moved } = site;
  for (const prefix of moved) {
    const from = urls.local(prefix.from);
    const to = urls.local(prefix.to);
    // One route per moved prefix, more specific than the route families it shadows.
    app.route({
      method: ['GET', 'HEAD'],
      url: `${from}*`,
      handler: (request, reply) => {
        // The rest of the URL as sent (query string included), after the prefix.
        const rest = request.url.slice(from.length);
        // Only whole path segments or an extension move: a name that merely begins like a former id is nothing of ours.
        if (!/^($|[/.?])/.test(rest)) throw new HttpError('not_found', `nothing at ${request.url.split('?')[0]}`);
        // Host-relative, like every other redirect of the site.
        return reply.code(301).header('cache-control', 'public, max-age=86400').redirect(to + rest, 301);
      },
    });
  }
};

export default movedPlugin;
