// /sources/<file>: the source texts exactly as stored in data/sources/ (the information resources the quotations point into).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { DOCUMENT_EXTS, RDF_FORMATS } from '../../documents/index.ts';
import { etagOf } from '../lib/ld-http.ts';
import { HttpError } from '../lib/errors.ts';
import { Representation, sendRepresentation } from '../lib/representation.ts';
import type { SitePluginOptions } from '../lib/site.ts';

const schema = { params: { type: 'object', properties: { file: { type: 'string' } }, required: ['file'] } } as const;

const sourcesPlugin: FastifyPluginAsync<SitePluginOptions> = async (app, { site }) => {
  const { urls } = site;
  // The text is its own representation (200, no 303); its RDF description lives under /data/.
  const texts = new Map(
    [...site.sources.values()].map((source) => {
      const path = `sources/${source.file}`;
      const links = [
        ...DOCUMENT_EXTS.map((e) => ({ href: urls.data(path, e), rel: 'describedby', type: RDF_FORMATS[e].mediaType })),
        { href: urls.page(path), rel: 'describedby', type: 'text/html' },
      ];
      return [source.file, new Representation({ body: source.body, contentType: source.contentType, etag: etagOf(site.version, path, 'raw'), links })];
    }),
  );
  app.get('/sources/:file', { schema }, (request: FastifyRequest<{ Params: { file: string } }>, reply) => {
    const text = texts.get(request.params.file);
    if (!text) throw new HttpError('not_found', `no source text at ${request.url.split('?')[0]}`);
    return sendRepresentation(request, reply, text);
  });
};

export default sourcesPlugin;
