// Cool URIs: /id/*, /def/* and /ontology answer 303 See Other by Accept; /data/*.<ext> and /ontology.<ext> serve the documents.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DOCUMENT_EXTS, isDocumentExt, RDF_FORMATS, contentType, type DocumentExt, type ResourceDocument } from '../../documents/index.ts';
import { JPP_ONTOLOGY } from '../../rdf/vocab.ts';
import { DOCUMENT_CHOICES, etagOf, extOf, seeOther, sendBody, sendNotFound, type LinkEntry } from '../lib/ld-http.ts';
import { negotiate } from '../lib/negotiate.ts';
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
  const home = urls.home();

  /** Link headers of a description: every other format, the HTML page, and the thing described. */
  const links = (path: string, iri: string, except?: DocumentExt): LinkEntry[] => [
    ...DOCUMENT_EXTS.filter((e) => e !== except).map((e) => ({ href: urls.data(path, e), rel: 'alternate', type: RDF_FORMATS[e].mediaType })),
    { href: urls.page(path), rel: 'alternate', type: 'text/html' },
    { href: iri, rel: 'http://xmlns.com/foaf/0.1/primaryTopic' },
  ];

  /** 303 to the description of `path` in the negotiated format (or to its page). */
  const redirect = (request: WildcardRequest, reply: FastifyReply, path: string) => {
    const ext = extOf(negotiate(request.headers.accept, request.query.format, DOCUMENT_CHOICES));
    return seeOther(reply, ext === 'html' ? urls.page(path) : urls.data(path, ext));
  };

  // Validators and Link headers depend only on the document and format: made once, so a request is lookups.
  const headers = new Map<string, { etag: string; links: LinkEntry[] }>();
  const headersOf = (doc: ResourceDocument, ext: DocumentExt) => {
    const key = `${doc.path}.${ext}`;
    let h = headers.get(key);
    if (!h) headers.set(key, (h = { etag: etagOf(site.version, doc.path, ext), links: links(doc.path, doc.iri, ext) }));
    return h;
  };
  const describe = (request: FastifyRequest, reply: FastifyReply, doc: ResourceDocument, ext: DocumentExt) => {
    const send = (body: Buffer) => sendBody(request, reply, { body, contentType: contentType(RDF_FORMATS[ext]), ...headersOf(doc, ext) });
    // Made bodies are sent synchronously: the hot path of a document request is lookups only.
    const ready = site.readyDocumentBody(doc, ext);
    return ready ? send(ready) : site.documentBody(doc, ext).then(send);
  };

  const dereference = (prefix: string) => (request: WildcardRequest, reply: FastifyReply) => {
    const path = prefix + request.params['*'];
    if (!site.documents.byPath.has(path)) return sendNotFound(request, reply, `no resource ${urls.iriOf(path) ?? request.url.split('?')[0]}`, home);
    return redirect(request, reply, path);
  };

  // Resources under <base>id/ (municipalities, plans, elements, values, quotations, selectors, themes, SSDS fields).
  app.get('/id/*', { schema }, dereference('id/'));
  // Terms of https://w3id.org/jp-plan/def#: hash IRIs cannot be dereferenced one by one, so /def/<LocalName>
  // stands in for each term (303 to its own description and page), while the namespace IRI itself redirects
  // from w3id.org to /ontology below.
  app.get('/def/*', { schema }, dereference('def/'));

  // The ontology document. https://w3id.org/jp-plan/def (the ontology IRI) is a w3id.org redirect to this URL.
  app.get('/ontology', { schema: { querystring: FORMAT_QUERY } }, (request: WildcardRequest, reply) => redirect(request, reply, 'ontology'));
  for (const ext of DOCUMENT_EXTS)
    app.get(`/ontology.${ext}`, (request, reply) =>
      site.metadataBody('ontology', ext).then((body) =>
        sendBody(request, reply, {
          body,
          contentType: contentType(RDF_FORMATS[ext]),
          etag: etagOf(site.version, 'ontology', ext),
          links: links('ontology', JPP_ONTOLOGY, ext),
        }),
      ),
    );

  // Descriptions: /data/<path>.<ext> is one format; /data/<path> negotiates with a 303 like the resource itself.
  app.get('/data/*', { schema }, (request: WildcardRequest, reply) => {
    const rest = request.params['*'];
    const dot = rest.lastIndexOf('.');
    const ext = dot > rest.lastIndexOf('/') ? rest.slice(dot + 1) : '';
    const path = ext ? rest.slice(0, dot) : rest;
    const doc = site.documents.byPath.get(path);
    if (doc && path !== 'ontology' && isDocumentExt(ext)) return describe(request, reply, doc, ext);
    if (rest !== 'ontology' && site.documents.byPath.has(rest)) return redirect(request, reply, rest);
    return sendNotFound(request, reply, `no description at ${request.url.split('?')[0]}`, home);
  });
};

export default linkedDataPlugin;
