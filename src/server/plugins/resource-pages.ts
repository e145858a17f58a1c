// /page/<path>: the HTML page of every described resource, in Japanese or English; /page/ itself redirects to the home page.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { DOCUMENT_EXTS, RDF_FORMATS, type ResourceDocument } from '../../documents/index.ts';
import { makeLinks, withParams } from '../../pages/links.ts';
import { resourcePage } from '../../pages/resource-page.ts';
import { FOAF } from '../../rdf/vocab.ts';
import { etagOf, sendNotFound } from '../lib/ld-http.ts';
import { requestLang } from '../lib/lang.ts';
import { sendPage, type PageBody } from '../lib/page-reply.ts';
import { serializeQuads } from '../lib/rdf-serialize.ts';
import type { SitePluginOptions } from '../lib/site.ts';

const schema = {
  params: { type: 'object', properties: { '*': { type: 'string' } }, required: ['*'] },
  querystring: {
    type: 'object',
    properties: {
      lang: { type: 'string', description: 'ja (default) or en; overrides Accept-Language' },
      m: { type: 'string', description: 'on a theme page: the municipality code to show alone' },
    },
  },
} as const;

type PageRequest = FastifyRequest<{ Params: { '*': string }; Querystring: { lang?: string; m?: string } }>;

const resourcePagesPlugin: FastifyPluginAsync<SitePluginOptions> = async (app, { site }) => {
  const { urls, view } = site;
  const hasPage = (path: string) => site.documents.byPath.has(path);
  const codes = new Set(view.municipalities.map((m) => m.code));
  const themes = new Set(view.themes.map((t) => t.iri));
  const pages = new Map<string, Promise<PageBody>>();
  const ownJsonLd = (doc: ResourceDocument) => site.cached(`own jsonld ${doc.path}`, () => serializeQuads(doc.own, 'application/ld+json'));

  app.get('/page/*', { schema }, async (request: PageRequest, reply) => {
    const path = request.params['*'];
    const lang = requestLang(request);
    if (path === '') return reply.code(301).header('location', withParams(urls.home(), { lang: request.query.lang === 'en' ? 'en' : undefined })).send();
    const doc = site.documents.byPath.get(path);
    if (!doc) return sendNotFound(request, reply, `no page at ${request.url.split('?')[0]}`, urls.home());
    const only = themes.has(doc.iri) && request.query.m && codes.has(request.query.m) ? request.query.m : undefined;
    const variant = `html-${lang}${only ? `-${only}` : ''}`;
    const key = `page ${variant} ${path}`;
    // A page is made once (even under concurrent requests): its body, validator and Link header together.
    let page = pages.get(key);
    if (!page) {
      const alternates = DOCUMENT_EXTS.map((e) => ({ href: urls.data(path, e), type: RDF_FORMATS[e].mediaType, label: RDF_FORMATS[e].label }));
      const made = ownJsonLd(doc).then((jsonld) => ({
        body: Buffer.from(resourcePage({ doc, view, links: makeLinks(urls, lang, hasPage), alternates, jsonld: jsonld.toString('utf8'), only })),
        etag: etagOf(site.version, path, variant),
        links: [...alternates.map((a) => ({ href: a.href, rel: 'alternate', type: a.type })), { href: doc.iri, rel: `${FOAF}primaryTopic` }],
      }));
      made.catch(() => pages.delete(key));
      pages.set(key, (page = made));
    }
    return sendPage(request, reply, await page);
  });
};

export default resourcePagesPlugin;
