// /catalog: the DCAT catalog (negotiated, or one format at /catalog.<ext>), its pages (?page=N), and 303s from every resource it mints.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { contentType, DOCUMENT_EXTS, RDF_FORMATS, type DocumentExt } from '../../documents/index.ts';
import { HttpError } from '../lib/errors.ts';
import { DOCUMENT_CHOICES, etagOf, extOf, RDF_CHOICES, rdfExtOf, seeOther } from '../lib/ld-http.ts';
import { negotiate } from '../lib/negotiate.ts';
import { sendPrepared } from '../lib/representation.ts';
import type { SitePluginOptions } from '../lib/site.ts';

const QUERY = {
  type: 'object',
  properties: {
    format: { type: 'string', description: 'overrides Accept: ttl, jsonld, rdf, nt (or a media type)' },
    // A string, checked below, so that a bad value gets a message naming the parameter.
    page: { type: 'string', description: 'a page of the catalog, 1 to the last (hydra:last)' },
  },
} as const;
const WILDCARD = { type: 'object', properties: { '*': { type: 'string' } }, required: ['*'] } as const;

type CatalogRequest = FastifyRequest<{ Querystring: { format?: string; page?: string } }>;

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

  /** The catalog (or one page of it) in `ext`; `direct` when the URL itself names the format. */
  const send = (request: CatalogRequest, reply: FastifyReply, ext: DocumentExt, direct: boolean) => {
    const page = pageOf(request.query.page);
    const self = (e: DocumentExt) => (page === undefined ? urls.catalogDocument(e) : urls.catalogPage(page, e));
    const key = `catalog ${ext} ${direct} ${page ?? 'all'}`;
    return sendPrepared(request, reply, formats, key, async () => ({
      body: await (page === undefined ? site.metadataBody('catalog', ext) : site.catalogPageBody(ext, page, direct)!),
      contentType: contentType(RDF_FORMATS[ext]),
      etag: etagOf(site.version, `catalog ${direct} ${page ?? 'all'}`, ext),
      ...(direct ? {} : { vary: ['Accept'] }),
      links: DOCUMENT_EXTS.filter((e) => e !== ext).map((e) => ({ href: self(e), rel: 'alternate', type: RDF_FORMATS[e].mediaType })),
    }));
  };

  // Negotiated; Turtle when no Accept is sent (ckanext-dcat sends none). Fastify answers HEAD from the GET route.
  app.get('/catalog', { schema: { querystring: QUERY } }, (request: CatalogRequest, reply) =>
    send(request, reply, rdfExtOf(negotiate(request.headers.accept, request.query.format, RDF_CHOICES)), false),
  );
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
