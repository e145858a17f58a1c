// /page/<path>: the HTML page of every described resource (minimal rendering until the pages layer replaces it).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { DOCUMENT_EXTS, RDF_FORMATS } from '../../documents/index.ts';
import { resourcePage } from '../../pages/resource-page.ts';
import { etagOf, sendBody, sendNotFound } from '../lib/ld-http.ts';
import type { SitePluginOptions } from '../lib/site.ts';

const schema = { params: { type: 'object', properties: { '*': { type: 'string' } }, required: ['*'] } } as const;

const resourcePagesPlugin: FastifyPluginAsync<SitePluginOptions> = async (app, { site }) => {
  const { urls } = site;
  const pageOf = (iri: string) => {
    const path = urls.pathOf(iri);
    return path !== undefined && site.documents.byPath.has(path) ? urls.page(path) : undefined;
  };

  app.get('/page/*', { schema }, async (request: FastifyRequest<{ Params: { '*': string } }>, reply) => {
    const path = request.params['*'];
    const doc = site.documents.byPath.get(path);
    if (!doc) return sendNotFound(request, reply, `no page at ${request.url.split('?')[0]}`, urls.home());
    const alternates = DOCUMENT_EXTS.map((e) => ({ href: urls.data(path, e), type: RDF_FORMATS[e].mediaType, label: RDF_FORMATS[e].label }));
    const body = await site.cached(`page ${path}`, () => resourcePage({ doc, pageOf, alternates, home: urls.home() }));
    return sendBody(request, reply, {
      body,
      contentType: 'text/html; charset=utf-8',
      etag: etagOf(site.version, path, 'html'),
      links: [...alternates.map((a) => ({ href: a.href, rel: 'alternate', type: a.type })), { href: doc.iri, rel: 'http://xmlns.com/foaf/0.1/primaryTopic' }],
    });
  });
};

export default resourcePagesPlugin;
