// /page/<path>: the HTML page of every described resource, in Japanese or English; /page/ itself redirects to the home page.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Lang } from '../../documents/index.ts';
import { withParams } from '../../pages/index.ts';
import { descriptionLinks, etagOf } from '../lib/ld-http.ts';
import { HttpError } from '../lib/errors.ts';
import { LANG_PARAM, requestLang } from '../lib/lang.ts';
import { pageInit } from '../lib/page-reply.ts';
import { sendRepresentation, type RepresentationInit } from '../lib/representation.ts';
import type { SitePluginOptions } from '../lib/site.ts';

const schema = {
  params: { type: 'object', properties: { '*': { type: 'string' } }, required: ['*'] },
  querystring: {
    type: 'object',
    properties: {
      lang: LANG_PARAM,
      m: { type: 'string', description: 'on a theme page: the municipality code to show alone' },
    },
  },
} as const;

type PageRequest = FastifyRequest<{ Params: { '*': string }; Querystring: { lang?: string; m?: string } }>;

const resourcePagesPlugin: FastifyPluginAsync<SitePluginOptions> = async (app, { site }) => {
  const { urls } = site;
  const codes = new Set(site.summary.municipalities.map((m) => m.code));
  const themes = new Set(site.summary.themes);
  // A page is made once per language (and theme filter), even under concurrent requests: body, validators, Link header.
  const pages = site.representations;
  // Redirects are root-relative, so they stay on the host the client reached.
  const home = urls.local(urls.home());
  const makePage = async (path: string, lang: Lang, variant: string, only: string | undefined): Promise<RepresentationInit> => {
    const body = await site.resourcePage(path, lang, only);
    return pageInit({ body, etag: etagOf(site.version, path, variant), links: descriptionLinks(urls, path, urls.iriOf(path) ?? '', 'html') });
  };

  app.get('/page/*', { schema }, (request: PageRequest, reply) => {
    const path = request.params['*'];
    const lang = requestLang(request);
    if (path === '') return reply.code(301).header('location', withParams(home, { lang: request.query.lang === 'en' ? 'en' : undefined })).send();
    const iri = urls.iriOf(path);
    const only = iri !== undefined && themes.has(iri) && request.query.m && codes.has(request.query.m) ? request.query.m : undefined;
    const variant = only ? `html-${lang}-${only}` : `html-${lang}`;
    const key = `page ${variant} ${path}`;
    // sendPrepared, written out: the hot path makes no closure once the page is ready, nor looks up its document.
    const ready = pages.peek(key);
    if (ready) return sendRepresentation(request, reply, ready);
    if (!site.hasDocument(path)) throw new HttpError('not_found', `no page at ${request.url.split('?')[0]}`);
    return pages.get(key, () => makePage(path, lang, variant, only)).then((made) => sendRepresentation(request, reply, made));
  });
};

export default resourcePagesPlugin;
