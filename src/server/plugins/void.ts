// /.well-known/void: the VoID description (RFC 8615 well-known URI from the VoID spec) and 303s from its partitions and linksets.
import type { FastifyPluginAsync } from 'fastify';
import { voidHtmlPage } from '../../pages/index.ts';
import type { SitePluginOptions } from '../lib/site.ts';
import { registerMetadataRoutes } from './metadata.ts';

const voidPlugin: FastifyPluginAsync<SitePluginOptions> = async (app, { site }) => {
  registerMetadataRoutes(app, site, {
    kind: 'void',
    url: '/.well-known/void',
    resourcePrefixes: ['/void/'],
    page: (ctx, alternates) => voidHtmlPage({ ctx, quads: site.void, description: site.urls.voidDescription(), alternates }),
  });
};

export default voidPlugin;
