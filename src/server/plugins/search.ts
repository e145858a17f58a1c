// /search?q=: Japanese full-text search over titles and texts, as an HTML page (default) or JSON (Accept or ?format=json).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { MAX_QUERY_LENGTH, messages, searchOptions, searchPage, searchResponse, type SearchResponse } from '../../pages/index.ts';
import { HttpError } from '../lib/errors.ts';
import { BoundedMemo } from '../lib/bounded-memo.ts';
import { etagOf } from '../lib/ld-http.ts';
import { LANG_PARAM, requestLang } from '../lib/lang.ts';
import { negotiate, type Choice } from '../lib/negotiate.ts';
import { pageInit, sendErrorPage } from '../lib/page-reply.ts';
import { Representation, sendRepresentation } from '../lib/representation.ts';
import type { SitePluginOptions } from '../lib/site.ts';
import type { SearchResult } from '../../search/index.ts';

const CHOICES: readonly Choice[] = [
  { type: 'text/html', alsoAccepts: ['application/xhtml+xml'], names: ['html'] },
  { type: 'application/json', names: ['json'] },
];

const schema = {
  querystring: {
    type: 'object',
    properties: {
      q: { type: 'string', description: `the search text (at most ${MAX_QUERY_LENGTH} characters)` },
      m: { type: 'string', description: 'a municipality code to search in' },
      page: { type: 'string', description: '1-based page of 20 results' },
      format: { type: 'string', description: 'html or json; overrides Accept' },
      lang: LANG_PARAM,
    },
  },
} as const;

type SearchRequest = FastifyRequest<{ Querystring: { q?: string; m?: string; page?: string; format?: string; lang?: string } }>;

const NOTHING: SearchResult = { terms: [], total: 0, hits: [] };

/** Pages beyond this are not served (a result list is capped at 1000 entries). */
const MAX_PAGE = 50;

const searchPlugin: FastifyPluginAsync<SitePluginOptions> = async (app, { site }) => {
  const codes = new Set(site.summary.municipalities.map((m) => m.code));
  const answers = new BoundedMemo<Representation>(512);

  app.get('/search', { schema }, async (request: SearchRequest, reply) => {
    const format = negotiate(request.headers.accept, request.query.format, CHOICES);
    const lang = requestLang(request);
    const ctx = site.pageContext(lang);
    // Control characters never help a search; they are dropped before anything else looks at the text.
    const q = (request.query.q ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
    const municipality = request.query.m && codes.has(request.query.m) ? request.query.m : undefined;
    const pageNo = Math.min(MAX_PAGE, Math.max(1, Number.parseInt(request.query.page ?? '1', 10) || 1));
    const tooLong = Array.from(q).length > MAX_QUERY_LENGTH;
    if (tooLong) {
      const message = `${messages(lang).queryTooLong} (≤ ${MAX_QUERY_LENGTH})`;
      if (format === 'application/json') {
        // The same body errors.ts sends, chosen here by ?format= as well as by Accept.
        const error = new HttpError('bad_request', message);
        const body = { error: error.code, status: error.status, message };
        return reply.code(error.status).header('cache-control', 'no-store').header('vary', 'Accept, Accept-Language').type('application/json; charset=utf-8').send(JSON.stringify(body));
      }
      const empty: SearchResponse = { query: '', total: 0, offset: 0, limit: 0, results: [] };
      return sendErrorPage(reply, 400, searchPage({ ctx, response: empty, error: message }), ['Accept']);
    }
    const key = `search?${new URLSearchParams({ q, m: municipality ?? '', page: String(pageNo), lang })}`;
    // Searches repeat (links, back buttons, revalidation): their answers are kept, boundedly, with their gzip copies.
    const memoKey = `${format} ${key}`;
    let answer = answers.peek(memoKey);
    if (!answer) {
      const req = { q, page: pageNo, municipality };
      const found = q ? await site.search(q, searchOptions(req)) : NOTHING;
      const response = searchResponse(ctx, req, found);
      answer =
        format === 'application/json'
          ? new Representation({
              body: `${JSON.stringify(response)}\n`,
              contentType: 'application/json; charset=utf-8',
              etag: etagOf(site.version, key, 'json'),
              vary: ['Accept', 'Accept-Language'],
            })
          : new Representation(pageInit({ body: searchPage({ ctx, response }), etag: etagOf(site.version, key, 'html'), varyAlso: ['Accept'] }));
      answers.set(memoKey, answer);
    }
    return sendRepresentation(request, reply, answer);
  });
};

export default searchPlugin;
