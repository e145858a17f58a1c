// The shape of a negotiated metadata document (VoID) plus 303s from the resources it describes. The DCAT catalog has routes
// of its own (plugins/catalog.ts: one URL per format, pages, a 303 to each resource's own description).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contentType, DOCUMENT_EXTS, RDF_FORMATS } from '../../documents/index.ts';
import type { PageContext, PageLink } from '../../pages/index.ts';
import { DOCUMENT_CHOICES, etagOf, extOf, seeOther } from '../lib/ld-http.ts';
import { HttpError } from '../lib/errors.ts';
import { LANG_PARAM, requestLang } from '../lib/lang.ts';
import { pageInit } from '../lib/page-reply.ts';
import { sendPrepared, type LinkEntry } from '../lib/representation.ts';
import { negotiate } from '../lib/negotiate.ts';
import type { Site } from '../lib/site.ts';

const FORMAT_QUERY = {
  type: 'object',
  properties: {
    format: { type: 'string', description: 'overrides Accept: ttl, jsonld, rdf, nt, html (or a media type)' },
    lang: LANG_PARAM,
  },
} as const;
const WILDCARD = { type: 'object', properties: { '*': { type: 'string' } }, required: ['*'] } as const;

export interface MetadataRoutes {
  readonly kind: 'void';
  /** URL path of the document, e.g. /.well-known/void. */
  readonly url: string;
  /** URL path prefixes (ending in /) of the resources it describes, answered with 303 to the document. */
  readonly resourcePrefixes: readonly string[];
  /** Bare URL paths of resources it describes, answered the same way. */
  readonly resourcePaths?: readonly string[];
  /** The document as an HTML page, for browsers (it is a document: HTML is one more of its representations, by Accept). */
  readonly page: (ctx: PageContext, alternates: readonly PageLink[]) => string;
}

/** Registers the negotiated document (GET, HEAD via Fastify) and the 303s of its resources. */
export const registerMetadataRoutes = (app: FastifyInstance, site: Site, routes: MetadataRoutes): void => {
  const { urls } = site;
  const documentUrl = urls.base + routes.url.slice(1);
  // 303s point root-relative, so they stay on the host the client reached (the Link header names the IRIs).
  const documentPath = urls.local(documentUrl);
  const described = new Set(site.void.map((q) => q.subject.value));

  const formats = site.representations;
  const alternates: PageLink[] = DOCUMENT_EXTS.map((e) => ({ href: `${documentUrl}?format=${e}`, type: RDF_FORMATS[e].mediaType, label: RDF_FORMATS[e].label }));
  const linksBut = (except: string): LinkEntry[] => [
    ...alternates.filter((a) => a.href !== `${documentUrl}?format=${except}`).map((a) => ({ href: a.href, rel: 'alternate', type: a.type })),
    ...(except === 'html' ? [] : [{ href: `${documentUrl}?format=html`, rel: 'alternate', type: 'text/html' }]),
  ];
  // Turtle without Accept and for `*/*` (DOCUMENT_CHOICES), so VoID consumers get what they got; HTML for browsers.
  app.get(routes.url, { schema: { querystring: FORMAT_QUERY } }, (request: FastifyRequest<{ Querystring: { format?: string; lang?: string } }>, reply) => {
    const ext = extOf(negotiate(request.headers.accept, request.query.format, DOCUMENT_CHOICES));
    if (ext === 'html') {
      const lang = requestLang(request);
      return sendPrepared(request, reply, formats, `meta ${routes.kind} html-${lang}`, () =>
        pageInit({ body: routes.page(site.pageContext(lang), alternates), etag: etagOf(site.version, routes.kind, `html-${lang}`), links: linksBut('html'), varyAlso: ['Accept'] }),
      );
    }
    return sendPrepared(request, reply, formats, `meta ${routes.kind} ${ext}`, async () => ({
      body: await site.metadataBody(routes.kind, ext),
      contentType: contentType(RDF_FORMATS[ext]),
      etag: etagOf(site.version, routes.kind, ext),
      vary: ['Accept'],
      links: linksBut(ext),
    }));
  });

  const toDocument = (request: FastifyRequest, reply: FastifyReply) => {
    const iri = urls.base + request.url.split('?')[0]!.slice(1);
    if (!described.has(iri)) throw new HttpError('not_found', `no resource ${iri}`);
    return seeOther(reply, documentPath, false);
  };
  for (const prefix of routes.resourcePrefixes) app.get(`${prefix}*`, { schema: { params: WILDCARD } }, toDocument);
  for (const path of routes.resourcePaths ?? []) app.get(path, toDocument);
};
