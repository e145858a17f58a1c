// 301 Moved Permanently for the URLs published under a plan's former id (before plan IRIs carried an edition key):
// its resources' IRIs, their documents and pages, its named graph, its DCAT dataset and its dump file. Only a URL whose
// new place the site serves moves; any other name under the old prefix never existed and is 404 at once, not a 301 to one.
import type { FastifyPluginAsync } from 'fastify';
import { isDocumentExt } from '../../documents/index.ts';
import { HttpError } from '../lib/errors.ts';
import { splitDataPath } from '../lib/ld-http.ts';
import type { SitePluginOptions } from '../lib/site.ts';

/** A percent-encoded path as the routes see it (they match decoded paths); undefined when it does not decode (the router refuses such URLs first). */
const decoded = (path: string): string | undefined => {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
};

const movedPlugin: FastifyPluginAsync<SitePluginOptions> = async (app, { site }) => {
  const { urls, moved } = site;

  /** Whether the site serves `path` (under the base, decoded) as the route family of its first segment would. */
  const serves = (path: string): boolean => {
    if (path.startsWith('page/')) return site.hasDocument(path.slice('page/'.length));
    if (path.startsWith('dumps/')) return site.dumps.has(path.slice('dumps/'.length));
    if (path.startsWith('data/')) {
      // As linked-data.ts reads /data/*: a description in one format (`<path>.<ext>`), or the negotiating `<path>`.
      const rest = path.slice('data/'.length);
      const { path: described, ext } = splitDataPath(rest);
      return (isDocumentExt(ext) && site.hasDocument(described)) || site.hasDocument(rest);
    }
    // /id/…, /graph/… and /dataset/…: a resource with a description.
    return site.hasDocument(path);
  };

  for (const prefix of moved) {
    const from = urls.local(prefix.from);
    const to = urls.local(prefix.to);
    const toPath = prefix.to.slice(urls.base.length);
    // One route per moved prefix, more specific than the route families it shadows.
    app.route({
      method: ['GET', 'HEAD'],
      url: `${from}*`,
      handler: (request, reply) => {
        // The rest of the URL as sent (query string included), after the prefix.
        const rest = request.url.slice(from.length);
        const restPath = decoded(rest.split('?')[0]!);
        // Only whole path segments or an extension move (a name that merely begins like a former id is nothing of
        // ours), and only to something the site serves.
        if (!/^($|[/.?])/.test(rest) || restPath === undefined || !serves(toPath + restPath)) throw new HttpError('not_found', `nothing at ${request.url.split('?')[0]}`);
        // Host-relative, like every other redirect of the site.
        return reply.code(301).header('cache-control', 'public, max-age=86400').redirect(to + rest, 301);
      },
    });
  }
};

export default movedPlugin;
