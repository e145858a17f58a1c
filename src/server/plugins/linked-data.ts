// Cool URIs: /id/*, /def/*, /graph/* and /ontology answer 303 See Other by Accept; /data/*.<ext> and /ontology.<ext> serve the documents.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DOCUMENT_EXTS, isDocumentExt, RDF_FORMATS, contentType, type DocumentExt } from '../../documents/index.ts';
import { JPP_ONTOLOGY } from '../../rdf/vocab.ts';
import { descriptionLinks, DOCUMENT_CHOICES, etagOf, extOf, seeOther, splitDataPath } from '../lib/ld-http.ts';
import { HttpError } from '../lib/errors.ts';
import { negotiate } from '../lib/negotiate.ts';
import { sendPrepared, type RepresentationInit } from '../lib/representation.ts';
import type { SitePluginOptions } from '../lib/site.ts';

const WILDCARD = { type: 'object', properties: { '*': { type: 'string' } }, required: ['*'] } as const;
const FORMAT_QUERY = {
  type: 'object',
  properties: { format: { type: 'string', description: 'overrides Accept: ttl, jsonld, nt, rdf or html (or a media type)' } },
} as const;
const schema = { params: WILDCARD, querystring: FORMAT_QUERY };

type WildcardRequest = FastifyRequest<{ Params: { '*': string }; Querystring: { format?: string } }>;

const linkedDataPlugin: FastifyPluginAsync<SitePluginOptions> = async (app, { site }) => {
  const { urls } = site;

  /**
   * 303 to the description of `path` in the negotiated format (or to its page). The Location is root-relative
   * (RFC 9110 §10.2.2): the client stays on the host it reached, be it the base IRI's, 127.0.0.1 or a proxy's.
   */
  const redirect = (request: WildcardRequest, reply: FastifyReply, path: string) => {
    const ext = extOf(negotiate(request.headers.accept, request.query.format, DOCUMENT_CHOICES));
    return seeOther(reply, urls.local(ext === 'html' ? urls.page(path) : urls.data(path, ext)));
  };

  // Each description is prepared once (body, gzip copy, validators, Link header): a request is then look-ups only.
  const prepared = site.representations;
  const described = (body: Buffer, path: string, iri: string, ext: DocumentExt): RepresentationInit => ({
    body,
    contentType: contentType(RDF_FORMATS[ext]),
    etag: etagOf(site.version, path, ext),
    links: descriptionLinks(urls, path, iri, ext),
  });
  const describe = (request: FastifyRequest, reply: FastifyReply, path: string, ext: DocumentExt) =>
    sendPrepared(request, reply, prepared, `data ${ext} ${path}`, async () => {
      const made = await site.description(path, ext);
      if (!made) throw new HttpError('not_found', `no description at ${request.url.split('?')[0]}`);
      return described(made.body, path, made.iri, ext);
    });

  const dereference = (prefix: string) => (request: WildcardRequest, reply: FastifyReply) => {
    const path = prefix + request.params['*'];
    if (!site.hasDocument(path)) throw new HttpError('not_found', `no resource ${urls.iriOf(path) ?? request.url.split('?')[0]}`);
    return redirect(request, reply, path);
  };

  // Resources under <base>id/ (municipalities, plans, elements, values, quotations, selectors, themes, SSDS fields).
  app.get('/id/*', { schema }, dereference('id/'));
  // Terms of https://w3id.org/jp-plan/def#: hash IRIs cannot be dereferenced one by one, so /def/<LocalName>
  // stands in for each term (303 to its own description and page), while the namespace IRI itself redirects
  // from w3id.org to /ontology below.
  app.get('/def/*', { schema }, dereference('def/'));
  // The named graphs of the SPARQL endpoint (<base>graph/…): each is described as an sd:NamedGraph tied to the
  // dataset (VoID subset, DCAT dataset) that publishes it.
  app.get('/graph/*', { schema }, dereference('graph/'));

  // The ontology document. https://w3id.org/jp-plan/def (the ontology IRI) is a w3id.org redirect to this URL.
  app.get('/ontology', { schema: { querystring: FORMAT_QUERY } }, (request: WildcardRequest, reply) => redirect(request, reply, 'ontology'));
  for (const ext of DOCUMENT_EXTS)
    app.get(`/ontology.${ext}`, (request, reply) =>
      sendPrepared(request, reply, prepared, `data ${ext} ontology`, async () => described(await site.metadataBody('ontology', ext), 'ontology', JPP_ONTOLOGY, ext)),
    );

  // Descriptions: /data/<path>.<ext> is one format; /data/<path> negotiates with a 303 like the resource itself.
  app.get('/data/*', { schema }, (request: WildcardRequest, reply) => {
    const rest = request.params['*'];
    const { path, ext } = splitDataPath(rest);
    // A prepared description is sent without looking the document up (its slice may have left the cache).
    if (isDocumentExt(ext) && path !== 'ontology' && (prepared.peek(`data ${ext} ${path}`) || site.hasDocument(path))) return describe(request, reply, path, ext);
    if (rest !== 'ontology' && site.hasDocument(rest)) return redirect(request, reply, rest);
    throw new HttpError('not_found', `no description at ${request.url.split('?')[0]}`);
  });
};

export default linkedDataPlugin;
