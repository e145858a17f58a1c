// The home page at /: municipalities, plans, element counts, the theme × municipality heatmap and the developer links.
import type { FastifyPluginAsync } from 'fastify';
import { homePage } from '../../pages/index.ts';
import { etagOf } from '../lib/ld-http.ts';
import { LANG_QUERY, requestLang } from '../lib/lang.ts';
import { pageInit } from '../lib/page-reply.ts';
import { sendPrepared } from '../lib/representation.ts';
import type { SitePluginOptions } from '../lib/site.ts';

const schema = { querystring: LANG_QUERY } as const;

const homePlugin: FastifyPluginAsync<SitePluginOptions> = async (app, { site }) => {
  app.get('/', { schema }, (request, reply) => {
    const lang = requestLang(request);
    // The home is the whole dataset's landing page: it carries that dataset's schema.org markup.
    const dataset = site.datasetMarkup.get(site.urls.home())?.[lang];
    return sendPrepared(request, reply, site.representations, `home ${lang}`, () =>
      pageInit({ body: homePage({ ctx: site.pageContext(lang), dataset }), etag: etagOf(site.version, '', `html-${lang}`) }),
    );
  });
};

export default homePlugin;
