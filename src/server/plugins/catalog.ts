// /catalog: the DCAT catalog (negotiated, or one format at /catalog.<ext>), its pages (?page=N), and 303s from every resource it mints.
// A browser gets the catalog as an HTML page at the same URL: the catalog is a document (its RDF is served here with
// 200, not by a 303), so HTML is one more representation of it, chosen by Accept like the others (Vary: Accept).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { contentType, DOCUMENT_EXTS, RDF_FORMATS, type DocumentExt } from '../../documents/index.ts';
import { HttpError } from '../lib/errors.ts';
import { catalogHtmlPage, withParams } from '../../pages/index.ts';
import { DOCUMENT_CHOICES, etagOf, extOf, seeOther } from '../lib/ld-http.ts';
import { LANG_PARAM, requestLang } from '../lib/lang.ts';
import { negotiate } from '../lib/negotiate.ts';
import { pageInit } from '../lib/page-reply.ts';
import { sendPrepared, type LinkEntry } from '../lib/representation.ts';
import type { SitePluginOptions } from '../lib/site.ts';

const QUERY = {
  type: 'object',
  properties: {
    format: { type: 'string', description: 'overrides Accept: ttl, jsonld, rdf, nt, html (or a media type)' },
    // A string, checked below, so that a bad value gets a message naming the parameter.
    page: { type: 'string', description: 'a page of the catalog, 1 to the last (hydra:last)' },
    lang: LANG_PARAM,
  },
} as const;
const WILDCARD = { type: 'object', properties: { '*': { type: 'string' } }, required: ['*'] } as const;

type CatalogRequest = FastifyRequest<{ Querystring: { format?: string; page?: string; lang?: string } }>;

const catalogPlugin: FastifyPluginAsync<SitePluginOptions> = async (app, { site }) => {
  const { urls } = site;
  const formats = site.representations;

  /** The page asked for: undefined for the whole catalog; 400 when not a positive integer, 404 past the last page. */
  const pageOf = (raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    if (!/^[1-9][0-9]{0,8}$/.test(raw)) throw new HttpError('bad_request', `page must be a whole number from 1 to ${site.catalogPages}, got ${JSON.stringify(raw.slice(0, 40))}`);
    const page = Number(raw);
    if (page > site.catalogPages) throw new HttpError('not_found', `no page ${page}: the catalog has ${site.catalogPages} page(s) of datasets`);
    return page;
  };

  /** The catalog (or page `page`) in one RDF format, and its HTML page, which has no URL of its own but `?format=html`. */
  const documentOf = (page: number | undefined, e: DocumentExt) => (page === undefined ? urls.catalogDocument(e) : urls.catalogPage(page, e));
  const htmlOf = (page: number | undefined) => withParams(page === undefined ? urls.catalog() : urls.catalogPage(page), { format: 'html' });

  /** The catalog (or one page of it) in `ext`; `direct` when the URL itself names the format. */
  const send = (request: CatalogRequest, reply: FastifyReply, ext: DocumentExt, direct: boolean) => {
    const page = pageOf(request.query.page);
    const key = `catalog ${ext} ${direct} ${page ?? 'all'}`;
    return sendPrepared(request, reply, formats, key, async () => ({
      body: await (page === undefined ? site.metadataBody('catalog', ext) : site.catalogPageBody(ext, page, direct)!),
      contentType: contentType(RDF_FORMATS[ext]),
      etag: etagOf(site.version, `catalog ${direct} ${page ?? 'all'}`, ext),
      ...(direct ? {} : { vary: ['Accept'] }),
      links: [
        ...DOCUMENT_EXTS.filter((e) => e !== ext).map((e): LinkEntry => ({ href: documentOf(page, e), rel: 'alternate', type: RDF_FORMATS[e].mediaType })),
        { href: htmlOf(page), rel: 'alternate', type: 'text/html' },
      ],
    }));
  };

  /** The catalog as an HTML page: one page of its datasets (the first at /catalog), in the asked language. */
  const sendPage = (request: CatalogRequest, reply: FastifyReply) => {
    const page = pageOf(request.query.page);
    const lang = requestLang(request);
    const alternates = DOCUMENT_EXTS.map((e) => ({ href: documentOf(page, e), type: RDF_FORMATS[e].mediaType, label: RDF_FORMATS[e].label }));
    return sendPrepared(request, reply, formats, `catalog html ${lang} ${page ?? 'all'}`, () => {
      const shown = page ?? 1;
      return pageInit({
        body: catalogHtmlPage({
          ctx: site.pageContext(lang),
          quads: site.catalogPageQuads(shown)!,
          catalog: urls.catalog(),
          page: shown,
          pages: site.catalogPages,
          alternates,
          self: page === undefined ? urls.catalog() : urls.catalogPage(page),
        }),
        etag: etagOf(site.version, `catalog html ${page ?? 'all'}`, `html-${lang}`),
        links: alternates.map((a) => ({ href: a.href, rel: 'alternate', type: a.type })),
        varyAlso: ['Accept'],
      });
    });
  };

  // Negotiated. Turtle when no Accept is sent (ckanext-dcat sends none) and for `*/*`; HTML when a browser asks for it
  // (DOCUMENT_CHOICES). Fastify answers HEAD from the GET route.
  app.get('/catalog', { schema: { querystring: QUERY } }, (request: CatalogRequest, reply) => {
    const ext = extOf(negotiate(request.headers.accept, request.query.format, DOCUMENT_CHOICES));
    return ext === 'html' ? sendPage(request, reply) : send(request, reply, ext, false);
  });
  // One format each, whatever Accept says: the URL a harvester is configured with picks its parser by Content-Type.
  for (const ext of DOCUMENT_EXTS) app.get(`/catalog.${ext}`, { schema: { querystring: QUERY } }, (request: CatalogRequest, reply) => send(request, reply, ext, true));

  // Every resource the catalog mints answers 303 to its own description (Cool URIs), or to its page for browsers.
  const toDescription = (request: FastifyRequest<{ Querystring: { format?: string } }>, reply: FastifyReply) => {
    const path = request.url.split('?')[0]!.slice(1);
    const iri = urls.iriOf(path);
    if (iri === undefined || !site.hasDocument(path)) throw new HttpError('not_found', `no resource ${urls.base}${path}`);
    const ext = extOf(negotiate(request.headers.accept, request.query.format, DOCUMENT_CHOICES));
    return seeOther(reply, urls.local(ext === 'html' ? urls.page(path) : urls.data(path, ext)));
  };
  const schema = { querystring: { type: 'object', properties: { format: QUERY.properties.format } } };
  app.get('/dataset', { schema }, toDescription);
  for (const prefix of ['/dataset/', '/dataset-series/', '/catalog/']) app.get(`${prefix}*`, { schema: { ...schema, params: WILDCARD } }, toDescription);
};

export default catalogPlugin;
