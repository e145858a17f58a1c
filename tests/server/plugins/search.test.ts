// /search over app.inject with the real dataset: the JSON shape, ranking, highlighting, paging, filters and hostile queries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchPage, type SearchResponse } from '../../../src/pages/index.ts';
import { BASE, siteFixture, type SiteFixture } from '../../site-helpers.ts';

let f: SiteFixture;
beforeAll(async () => {
  f = await siteFixture();
});
afterAll(() => f.close());

const get = (url: string, headers: Record<string, string> = {}) => f.app.inject({ method: 'GET', url, headers });
const search = (q: string, extra = '') => get(`/search?q=${encodeURIComponent(q)}${extra}`);
const json = async (q: string, extra = '') => (await search(q, `&format=json${extra}`)).json() as SearchResponse;

describe('/search', () => {
  it('answers JSON in the documented shape', async () => {
    const r = await search('脱炭素', '&format=json');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(String(r.headers.vary)).toBe('Accept, Accept-Language, Accept-Encoding');
    const body = r.json() as SearchResponse;
    expect(body).toMatchObject({ query: '脱炭素', offset: 0, limit: 20 });
    expect(body.total).toBe(body.results.length);
    const first = body.results[0]!;
    expect(Object.keys(first).sort()).toEqual(['highlights', 'iri', 'label', 'level', 'municipality', 'page', 'score', 'snippet', 'type'].sort());
    expect(first).toMatchObject({
      iri: `${BASE}id/131121/plan/2024-kihon-keikaku/policy/5`,
      page: `${BASE}page/id/131121/plan/2024-kihon-keikaku/policy/5`,
      label: '自然との共生と脱炭素社会の構築',
      type: '政策',
      level: '重点政策 ❺',
      municipality: '世田谷区',
    });
    for (const result of body.results) {
      expect(result.highlights.length).toBeGreaterThan(0);
      for (const [a, b] of result.highlights) expect(Array.from(result.snippet).slice(a, b).join('')).toBe('脱炭素');
    }
    // Scores only go down.
    expect(body.results.every((x, i) => i === 0 || x.score <= body.results[i - 1]!.score)).toBe(true);
    // Accept: application/json works as well as ?format=json, and English labels follow the language.
    const viaAccept = await get(`/search?q=${encodeURIComponent('脱炭素')}`, { accept: 'application/json', 'accept-language': 'en' });
    expect((viaAccept.json() as SearchResponse).results[0]).toMatchObject({ type: 'Policy', municipality: 'Setagaya City' });
  });

  it('renders HTML by default with highlighted snippets and links to the pages', async () => {
    const r = await search('脱炭素');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body).toContain('<html lang="ja">');
    expect(r.body).toContain(`<a href="/page/id/131121/plan/2024-kihon-keikaku/policy/5" lang="ja">自然との共生と<mark>脱炭素</mark>社会の構築</a>`);
    expect(r.body).toContain('value="脱炭素"');
    expect(r.body).toMatch(/<strong>\d+<\/strong> 件の結果/);
  });

  it('finds one-character queries, several words (AND) and full-width/half-width alike', async () => {
    expect((await json('緑')).total).toBeGreaterThan(0);
    const both = await json('子育て 支援');
    expect(both.total).toBeGreaterThan(0);
    expect(both.total).toBeLessThan((await json('子育て')).total);
    expect(both.total).toBeLessThan((await json('支援')).total);
    expect((await json('sdgs')).total).toBeGreaterThan(0);
    expect((await json('ＳＤＧｓ')).total).toBe((await json('sdgs')).total);
  });

  it('filters by municipality and pages', async () => {
    const all = await json('まち');
    const kiyose = await json('まち', '&m=132217');
    expect(kiyose.total).toBeGreaterThan(0);
    expect(kiyose.total).toBeLessThan(all.total);
    expect(kiyose.results.every((r) => r.municipality === '清瀬市')).toBe(true);
    expect(all.total).toBeGreaterThan(20);
    const page2 = await json('まち', '&page=2');
    expect(page2.offset).toBe(20);
    expect(page2.results[0]!.iri).not.toBe(all.results[0]!.iri);
    expect((await search('まち', '&page=2')).body).toContain('rel="prev"');
    // A page past the results but within the served ones is empty; the pager never links past the last served page.
    expect((await search('まち', '&page=50')).statusCode).toBe(200);
    expect((await json('まち', '&page=50')).results).toEqual([]);
  });

  it('finds a municipality by its name, first, and its plans by its name and their words', async () => {
    const body = await json('世田谷区');
    expect(body.results[0]).toMatchObject({ iri: `${BASE}id/131121`, page: `${BASE}page/id/131121`, label: '世田谷区', type: '地方公共団体', level: '', municipality: '世田谷区' });
    // Its plan, whose title (基本計画) does not name it, is found by its name too; no other municipality's rows are.
    expect(body.results.map((r) => r.iri)).toContain(`${BASE}id/131121/plan/2024-kihon-keikaku`);
    expect(body.results.every((r) => r.iri.startsWith(`${BASE}id/131121`))).toBe(true);
    const plan = await json('世田谷区 基本計画');
    expect(plan.results[0]).toMatchObject({ iri: `${BASE}id/131121/plan/2024-kihon-keikaku`, type: '計画' });
    expect((await json('小金井市', '&m=132101')).results[0]!.iri).toBe(`${BASE}id/132101`);
    const en = (await get(`/search?q=${encodeURIComponent('清瀬市')}&format=json`, { 'accept-language': 'en' })).json() as SearchResponse;
    expect(en.results[0]).toMatchObject({ iri: `${BASE}id/132217`, label: 'Kiyose City', type: 'Municipality' });
    const page = await search('西東京市');
    expect(page.body).toContain('<a href="/page/id/132292" lang="ja"><mark>西東京市</mark></a>');
  });

  it('answers an empty query with the form and no results, never a 500', async () => {
    for (const url of ['/search', '/search?q=', '/search?q=%20%20', '/search?page=2', '/search?q=%E3%80%81%E3%80%82', '/search?q=&m=']) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(200);
      expect(r.body).toContain('<form class="search-form"');
      expect(r.body).not.toContain('<li class="result">');
    }
    expect((await json('')).total).toBe(0);
  });

  it('refuses a page, municipality or parameter it cannot honour with 400 naming the parameter and what it takes', async () => {
    const cases: [string, RegExp][] = [
      ...['0', '-1', '51', '9999', 'abc', '1.5', '', '1e3', '01'].map((p): [string, RegExp] => [`&page=${encodeURIComponent(p)}`, /^page must be a whole number from 1 to 50 \(20 results a page; the first 1000 are listed\), got "/]),
      ['&m=999999', /^m must be the code of a municipality whose plans are here \(e\.g\. \d{6}\), or empty for all, got "999999"$/],
      ['&limit=100000&offset=-5', /^offset and limit are not parameters of \/search: results come 20 a page, chosen by page \(1 to 50\)$/],
      ['&offset=20', /^offset and limit are not parameters/],
    ];
    for (const [extra, message] of cases) {
      const r = await search('子', `&format=json&lang=en${extra}`);
      expect(r.statusCode, extra).toBe(400);
      expect(r.headers['content-type'], extra).toBe('application/json; charset=utf-8');
      expect(r.headers['cache-control'], extra).toBe('no-store');
      const body = r.json() as { error: string; status: number; message: string };
      expect(body, extra).toMatchObject({ error: 'bad_request', status: 400 });
      expect(body.message, extra).toMatch(message);
      // A browser gets the search page with the message and its search text kept.
      const page = await search('子', extra);
      expect(page.statusCode, extra).toBe(400);
      expect(page.headers['content-type'], extra).toBe('text/html; charset=utf-8');
      expect(page.body, extra).toContain('<p class="error" role="alert">');
      expect(page.body, extra).toContain('value="子"');
      expect(page.body, extra).not.toContain('<li class="result">');
    }
    expect((await json('子', '&m=132101&page=1')).municipality).toBe('132101');
    // In the page's language, and the municipality chosen stays chosen in the form.
    const ja = await search('子', '&m=132101&page=51');
    expect(ja.body).toContain('page は 1 から 50 までの整数で指定してください');
    expect(ja.body).toContain('<option value="132101" selected>');
    expect((await search('子', '&format=json&m=999999')).json()).toMatchObject({ message: expect.stringMatching(/^m には計画を掲載している自治体のコード/) });
  });

  it('lists at most 50 pages: past 1000 results the pager stops at page 50 and says so', async () => {
    const ctx = f.site.pageContext('ja');
    const at = (offset: number) => searchPage({ ctx, response: { query: 'まち', total: 5000, offset, limit: 20, results: [] } });
    const last = at(980);
    expect(last).toContain('(50/50)');
    expect(last).not.toContain('rel="next"');
    expect(last).toContain('表示するのは上位 1000 件までです。');
    expect(at(960)).toContain(`rel="next" href="/search?q=${encodeURIComponent('まち')}&amp;page=50"`);
    const few = searchPage({ ctx, response: { query: 'まち', total: 45, offset: 0, limit: 20, results: [] } });
    expect(few).toContain('(1/3)');
    expect(few).not.toContain('上位');
  });

  it('escapes hostile queries and refuses huge or repeated ones with 400', async () => {
    const evil = await search('<script>alert(1)</script>"\'');
    expect(evil.statusCode).toBe(200);
    expect(evil.body).not.toContain('<script>alert');
    expect(evil.body).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;"');
    for (const q of ['.*', '\\', '%00', '\u202e\u0000', '(((', '脱炭素'.repeat(33)]) expect((await search(q)).statusCode, q).toBe(200);
    // FTS5 syntax is plain text to the on-disk index: 200 with results or none.
    for (const q of ['"', '*', 'まち*', 'NEAR(', 'NEAR(まち 緑)', ':', 'title:まち', '-まち', '^まち', 'AND OR NOT', 'まち AND 緑', '{title}']) {
      const r = await search(q, '&format=json');
      expect(r.statusCode, q).toBe(200);
      expect((r.json() as SearchResponse).total, q).toBeGreaterThanOrEqual(0);
    }
    expect((await json('まち*')).total).toBe((await json('まち')).total);
    const huge = await search('あ'.repeat(101));
    expect(huge.statusCode).toBe(400);
    expect(huge.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(huge.body).toContain('role="alert"');
    const hugeJson = await search('あ'.repeat(101), '&format=json');
    expect(hugeJson.statusCode).toBe(400);
    expect(hugeJson.json()).toMatchObject({ error: 'bad_request' });
    expect((await get('/search?q=a&q=b')).statusCode).toBe(400);
    expect((await search('x', '&format=xml')).statusCode).toBe(406);
  });
});
