// /search?q=: Japanese full-text search over titles and texts, as an HTML page (default) or JSON (Accept or ?format=json).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { MAX_PAGE, MAX_QUERY_LENGTH, messages, PAGE_SIZE, searchOptions, searchPage, searchResponse, type SearchResponse } from '../../pages/index.ts';
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
      m: { type: 'string', description: 'the code of a municipality to search in (empty: all)' },
      // Strings, checked below, so that a bad value gets a message naming the parameter and its range.
      page: { type: 'string', description: `1-based page of ${PAGE_SIZE} results, 1 to ${MAX_PAGE} (the first ${MAX_PAGE * PAGE_SIZE} results are listed)` },
      format: { type: 'string', description: 'html or json; overrides Accept' },
      lang: LANG_PARAM,
    },
  },
} as const;

type SearchRequest = FastifyRequest<{ Querystring: { q?: string; m?: string; page?: string; format?: string; lang?: string; offset?: unknown; limit?: unknown } }>;

const NOTHING: SearchResult = { terms: [], total: 0, hits: [] };

const quoted = (raw: string) => JSON.stringify(raw.slice(0, 40));

const searchPlugin: FastifyPluginAsync<SitePluginOptions> = async (app, { site }) => {
  const codes = new Set(site.summary.municipalities.map((m) => m.code));
  const someCode = site.summary.municipalities[0]?.code ?? '132101';
  const answers = new BoundedMemo<Representation>(512);

  app.get('/search', { schema }, async (request: SearchRequest, reply) => {
    const format = negotiate(request.headers.accept, request.query.format, CHOICES);
    const lang = requestLang(request);
    const ctx = site.pageContext(lang);
    // Control characters never help a search; they are dropped before anything else looks at the text.
    const q = (request.query.q ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
    /** What is wrong with the request's parameters, if anything (an answer that silently did something else would mislead). */
    const invalid = (): string | undefined => {
      const m = messages(lang);
      const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (all, k: string) => String(values[k] ?? all));
      if (Array.from(q).length > MAX_QUERY_LENGTH) return `${m.queryTooLong} (≤ ${MAX_QUERY_LENGTH})`;
      // The JSON answer names its offset and limit: a client paging by them would get the first page again and again.
      if (request.query.offset !== undefined || request.query.limit !== undefined) return fill(m.searchNoOffset, { size: PAGE_SIZE, max: MAX_PAGE });
      const { page, m: code } = request.query;
      if (page !== undefined && !(/^[1-9][0-9]?$/.test(page) && Number(page) <= MAX_PAGE))
        return fill(m.searchBadPage, { max: MAX_PAGE, size: PAGE_SIZE, listed: MAX_PAGE * PAGE_SIZE, got: quoted(page) });
      if (code !== undefined && code !== '' && !codes.has(code)) return fill(m.searchBadMunicipality, { example: someCode, got: quoted(code) });
      return undefined;
    };
    const problem = invalid();
    if (problem !== undefined) {
      if (format === 'application/json') {
        // The same body errors.ts sends, chosen here by ?format= as well as by Accept.
        const error = new HttpError('bad_request', problem);
        const body = { error: error.code, status: error.status, message: problem };
        return reply.code(error.status).header('cache-control', 'no-store').header('vary', 'Accept, Accept-Language').type('application/json; charset=utf-8').send(JSON.stringify(body));
      }
      // The form keeps the search text, unless that text is what was refused.
      const shown = Array.from(q).length > MAX_QUERY_LENGTH ? '' : q;
      // … and the municipality chosen, when that is not what was refused.
      const chosen = request.query.m !== undefined && codes.has(request.query.m) ? { municipality: request.query.m } : {};
      const empty: SearchResponse = { query: shown, ...chosen, total: 0, offset: 0, limit: 0, results: [] };
      return sendErrorPage(reply, 400, searchPage({ ctx, response: empty, error: problem }), ['Accept']);
    }
    const municipality = request.query.m || undefined;
    const pageNo = Number(request.query.page ?? '1');
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
