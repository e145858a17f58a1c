// /source/<file> (or /source/<municipality code>): the source viewer, every quoted span highlighted and anchored. A
// municipality code opens its newest source text (its current edition's: 302, since it changes when an edition is
// added), whose page lists the municipality's other texts; every text keeps its own URL.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { sourcesNewestFirst } from '../../documents/index.ts';
import { sourcePage, withParams } from '../../pages/index.ts';
import { etagOf } from '../lib/ld-http.ts';
import { HttpError } from '../lib/errors.ts';
import { LANG_QUERY, requestLang } from '../lib/lang.ts';
import { pageInit } from '../lib/page-reply.ts';
import { sendPrepared } from '../lib/representation.ts';
import type { SitePluginOptions } from '../lib/site.ts';

const schema = {
  params: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
  querystring: LANG_QUERY,
} as const;

type SourceRequest = FastifyRequest<{ Params: { name: string }; Querystring: { lang?: string } }>;

const sourceViewerPlugin: FastifyPluginAsync<SitePluginOptions> = async (app, { site }) => {
  const { urls } = site;
  app.get('/source/:name', { schema }, (request: SourceRequest, reply) => {
    const { name } = request.params;
    // The source's view (its quoted spans) is in the slice of the municipality whose plans quote it.
    const source = site.pageContext('ja', `sources/${name}`).view.sources.get(name);
    const file = source && site.sources.byName.get(name);
    if (!source || !file) {
      // A municipality code stands for its newest source text, decided on its slice's view (its plans' periods and
      // lineage); the shared view tells whether there is such a municipality at all.
      const known = site.pageContext('ja').view.municipalities.find((m) => m.code === name);
      const own = known && site.pageContext('ja', `id/${known.code}`).view;
      const first = own && sourcesNewestFirst(own, own.municipalities.find((m) => m.code === name) ?? known)[0];
      // Root-relative, so the redirect stays on the host the client reached.
      if (first) return reply.code(302).header('location', withParams(urls.local(urls.sourceView(first)), { lang: request.query.lang === 'en' ? 'en' : undefined })).send();
      throw new HttpError('not_found', `no source text at ${request.url.split('?')[0]}`);
    }
    const lang = requestLang(request);
    // The text is read from disk only when the page is not in the bounded cache.
    return sendPrepared(request, reply, site.representations, `source ${lang} ${name}`, async () =>
      pageInit({
        body: sourcePage({ ctx: site.pageContext(lang, `sources/${name}`), source, text: (await site.sources.read(file)).toString('utf8') }),
        etag: etagOf(site.version, `source/${name}`, `html-${lang}`),
      }),
    );
  });
};

export default sourceViewerPlugin;
