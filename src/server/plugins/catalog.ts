// /catalog: the DCAT catalog (Turtle, JSON-LD, RDF/XML by Accept) and 303s from the datasets, distributions and service it describes.
import type { FastifyPluginAsync } from 'fastify';
import type { SitePluginOptions } from '../lib/site.ts';
import { registerMetadataRoutes } from './metadata.ts';

const catalogPlugin: FastifyPluginAsync<SitePluginOptions> = async (app, { site }) => {
  registerMetadataRoutes(app, site, { kind: 'catalog', url: '/catalog', resourcePrefixes: ['/catalog/', '/dataset/'], resourcePaths: ['/dataset'] });
};

export default catalogPlugin;
