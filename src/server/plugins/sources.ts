// /sources/<file>: the source texts exactly as stored in data/sources/ (the information resources the quotations point
// into), read from disk on request and kept in the site's bounded representation cache.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { DOCUMENT_EXTS, RDF_FORMATS } from '../../documents/index.ts';
import { etagOf } from '../lib/ld-http.ts';
import { HttpError } from '../lib/errors.ts';
import { sendPrepared } from '../lib/representation.ts';
import type { SitePluginOptions } from '../lib/site.ts';

const schema = { params: { type: 'object', properties: { file: { type: 'string' } }, required: ['file'] } } as const;

const sourcesPlugin: FastifyPluginAsync<SitePluginOptions> = async (app, { site }) => {
  const { urls } = site;
  // The text is its own representation (200, no 303); its RDF description lives under /data/.
  app.get('/sources/:file', { schema }, (request: FastifyRequest<{ Params: { file: string } }>, reply) => {
    // A name the data does not list (a traversal, a file beside the texts) is never looked up on disk.
    const source = site.sources.byName.get(request.params.file);
    if (!source) throw new HttpError('not_found', `no source text at ${request.url.split('?')[0]}`);
    const path = `sources/${source.file}`;
    return sendPrepared(request, reply, site.representations, `sources raw ${source.file}`, async () => ({
      body: await site.sources.read(source),
      contentType: source.contentType,
      etag: etagOf(site.version, path, 'raw'),
      links: [
        ...DOCUMENT_EXTS.map((e) => ({ href: urls.data(path, e), rel: 'describedby', type: RDF_FORMATS[e].mediaType })),
        { href: urls.page(path), rel: 'describedby', type: 'text/html' },
      ],
    }));
  });
};

export default sourcesPlugin;
