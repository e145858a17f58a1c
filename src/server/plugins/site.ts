// Registers the Linked Data site's route families (one plugin each) with the loaded site; owns no routes itself.
import type { FastifyPluginAsync } from 'fastify';
import type { SitePluginOptions } from '../lib/site.ts';
import catalogPlugin from './catalog.ts';
import dumpsPlugin from './dumps.ts';
import homePlugin from './home.ts';
import linkedDataPlugin from './linked-data.ts';
import movedPlugin from './moved.ts';
import resourcePagesPlugin from './resource-pages.ts';
import searchPlugin from './search.ts';
import sitemapPlugin from './sitemap.ts';
import sourceViewerPlugin from './source-viewer.ts';
import sourcesPlugin from './sources.ts';
import voidPlugin from './void.ts';

const sitePlugins: FastifyPluginAsync<SitePluginOptions> = async (app, options) => {
  for (const plugin of [
    homePlugin,
    linkedDataPlugin,
    resourcePagesPlugin,
    sourcesPlugin,
    sourceViewerPlugin,
    searchPlugin,
    voidPlugin,
    catalogPlugin,
    dumpsPlugin,
    sitemapPlugin,
    movedPlugin,
  ])
    await app.register(plugin, options);
};

export default sitePlugins;
