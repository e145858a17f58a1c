// The HTML pages over app.inject with the real dataset: home, resource pages, themes, source viewer, languages, headers, 404s.
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, siteFixture, type SiteFixture } from '../../site-helpers.ts';

const PLAN = 'id/132101/plan/dai5ji-kihon-koso';
const MEASURE = `${PLAN}/measure/12`;
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

let f: SiteFixture;
beforeAll(async () => {
  f = await siteFixture();
});
afterAll(() => f.close());

const get = (url: string, headers: Record<string, string> = {}) => f.app.inject({ method: 'GET', url, headers });

/** The basic shape every page has: HTML5, a language, a title, our stylesheet, the CSP and Vary headers. */
const expectPage = (r: Awaited<ReturnType<typeof get>>, lang = 'ja') => {
  expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
  expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(r.body).toMatch(new RegExp(`^<!doctype html>\\n<html lang="${lang}">`));
  expect(r.body).toMatch(/<title>[^<]+<\/title>/);
  expect(r.body).toContain(`<link rel="stylesheet" href="/assets/site.css">`);
  expect(r.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(String(r.headers.vary)).toContain('Accept-Language');
  expect(String(r.headers['content-security-policy'])).toContain("script-src 'self'");
  expect(r.body).not.toMatch(/(src|href)="https?:\/\/(?!localhost:3000\/)[^"]*\.(js|css)"/);
};

describe('home', () => {
  it('lists the five municipalities with their plans and element counts, the heatmap and the developer links', async () => {
    const r = await get('/');
    expectPage(r);
    for (const name of ['世田谷区', '小金井市', '小平市', '清瀬市', '西東京市']) expect(r.body).toContain(`>${name}</a>`);
    expect(r.body).toContain(`href="/page/${PLAN}">第5次小金井市 基本構想・前期基本計画(案)</a>`);
    expect(r.body).toMatch(/>施策<\/a> <span class="n">29<\/span>/);
    expect(r.body).toContain('<svg class="heatmap"');
    expect(r.body).toContain(`<a href="/page/id/theme/environment?m=132101" aria-label="環境・みどり・脱炭素 × 小金井市: 9">`);
    expect(r.body).toContain('凡例');
    for (const href of ['sparql', 'catalog', 'dumps/', '.well-known/void', 'search']) expect(r.body).toContain(`href="/${href}"`);
  });

  it('speaks English with ?lang=en or Accept-Language: en, and ?lang=ja wins over the header', async () => {
    const en = await get('/?lang=en');
    expectPage(en, 'en');
    expect(en.body).toContain('Municipalities and plans');
    expect(en.body).toContain('>Koganei City</a>');
    expect(en.body).toContain(`href="/page/${PLAN}?lang=en"`);
    expect((await get('/', { 'accept-language': 'en-US,en;q=0.9' })).body).toContain('<html lang="en">');
    expect((await get('/?lang=ja', { 'accept-language': 'en' })).body).toContain('<html lang="ja">');
    expect((await get('/', { 'accept-language': 'fr' })).body).toContain('<html lang="ja">');
    expect((await get('/')).headers.etag).not.toBe(en.headers.etag);
  });

  it('redirects /page/ to the home page and revalidates with ETag', async () => {
    const r = await get('/page/');
    expect(r.statusCode).toBe(301);
    expect(r.headers.location).toBe('/');
    const home = await get('/');
    expect((await get('/', { 'if-none-match': String(home.headers.etag) })).statusCode).toBe(304);
  });
});

describe('resource pages', () => {
  it('shows a measure: title, class and level, breadcrumbs, themes, SDGs, the source quote, formats and its JSON-LD', async () => {
    const r = await get(`/page/${MEASURE}`);
    expectPage(r);
    const b = r.body;
    expect(b).toContain('<h1 lang="ja">子どもの育ちの支援</h1>');
    expect(b).toContain('>施策</a> <span class="level">施策 12</span>');
    // municipality › plan › policy › measure
    expect(b).toMatch(/<nav class="crumbs"[^>]*><ol><li><a[^>]*>ホーム<\/a><\/li><li><a href="[^"]*id\/132101">小金井市<\/a><\/li><li><a href="[^"]*dai5ji-kihon-koso"[^>]*>[^<]+<\/a><\/li><li><a href="[^"]*policy\/3"[^>]*>政策 5-③ 子どもと教育<\/a><\/li><li aria-current="page">施策 12<\/li><\/ol><\/nav>/);
    expect(b).toContain(`<a class="chip" href="/page/id/theme/children">子ども・子育て</a>`);
    expect(b).toContain('貧困をなくそう');
    expect(b).toContain(`href="/source/132101-koganei.txt#132101-dai5ji-kihon-koso-measure-12-title"`);
    for (const ext of ['ttl', 'jsonld', 'nt', 'rdf']) expect(b).toContain(`href="/data/${MEASURE}.${ext}"`);
    const ld = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(b);
    expect(JSON.parse(ld![1]!)['@id']).toBe(`${BASE}${MEASURE}`);
    // No raw IRI of another resource is shown as link text.
    expect(b).not.toMatch(/>https?:\/\/[^<]*<\/a>/);
  });

  it('sends a page asked for first by a gzip client as the same page in either coding, each with its own validator', async () => {
    const path = `/page/${MEASURE}/quote/title`;
    const gz = await get(path, { 'accept-encoding': 'gzip' });
    expect(gz.statusCode).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(String(gz.headers.vary)).toContain('Accept-Encoding');
    const plain = await get(path);
    expectPage(plain);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(plain.body);
    expect(gz.headers.etag).not.toBe(plain.headers.etag);
    expect((await get(path, { 'accept-encoding': 'gzip', 'if-none-match': String(gz.headers.etag) })).statusCode).toBe(304);
    expect((await get(path, { 'if-none-match': String(plain.headers.etag) })).statusCode).toBe(304);
  });

  it('lists children in the plan order and indicators as a table with a bar chart', async () => {
    const policy = (await get(`/page/${PLAN}/policy/3`)).body;
    const order = ['子どもの健やかな育ちの実現', '子育て環境の充実', '施策 12', '施策 13', '施策 16'].map((s) => policy.indexOf(s));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    const goal = (await get(`/page/${PLAN}/goal/1`)).body;
    expect(goal).toContain('<table class="indicators">');
    expect(goal).toContain('<span class="num">84.9</span>');
    expect(goal).toContain('令和元年度 (2019年度)');
    expect((await get(`/page/${PLAN}/goal/1?lang=en`)).body).toContain('令和元年度 (FY2019)');
    expect(goal).toMatch(/<svg class="bars"[^>]*aria-label="現状値 84.9% → 目標値 100%"/);
  });

  it('shows a plan with its outline and counts, a municipality with its plans, and English class labels', async () => {
    const plan = await get(`/page/${PLAN}`);
    expectPage(plan);
    expect(plan.body).toContain('<ol class="tree">');
    expect(plan.body).toContain('計画期間');
    const muni = await get('/page/id/132101?lang=en');
    expectPage(muni, 'en');
    expect(muni.body).toContain('<h1>Koganei City</h1>');
    expect(muni.body).toMatch(/>Measure<\/a> <span class="n">29<\/span>/);
  });

  it('puts every municipality side by side on a theme page, or one with ?m=', async () => {
    const all = await get('/page/id/theme/environment');
    expectPage(all);
    for (const code of ['131121', '132101', '132110', '132217', '132292']) expect(all.body).toContain(`id="h-m-${code}"`);
    expect(all.body).toContain('自然との共生と脱炭素社会の構築');
    const one = await get('/page/id/theme/environment?m=132101');
    expect(one.body).toContain('id="h-m-132101"');
    expect(one.body).not.toContain('id="h-m-131121"');
    expect(one.headers.etag).not.toBe(all.headers.etag);
    expect((await get('/page/id/theme/environment?m=000000')).body).toContain('id="h-m-131121"');
    const scheme = await get('/page/id/theme');
    expect(scheme.body.match(/<li class="card">/g)).toHaveLength(12);
  });

  it('names ontology terms and unlabelled quote selections instead of showing their IRIs', async () => {
    const term = await get('/page/def/Measure');
    expectPage(term);
    expect(term.body).toContain('<h1>施策</h1>');
    expect(term.body).toContain('第4次清瀬市長期総合計画');
    const sel = await get(`/page/${PLAN}/measure/1/quote/title`);
    expect(sel.body).toContain('<h1>引用: タイトル（みどりと水の環境整備）</h1>');
    expect((await get(`/page/${PLAN}/measure/1/quote/title/exact?lang=en`)).body).toContain('<h1>Text quote selector — Quote: title (みどりと水の環境整備)</h1>');
  });

  it('answers an unknown page with an HTML 404 in the asked language', async () => {
    const r = await get('/page/id/999999', { accept: BROWSER, 'accept-language': 'en' });
    expect(r.statusCode).toBe(404);
    expect(r.body).toContain('<html lang="en">');
    expect(r.body).toContain('<h1>Not found</h1>');
    expect(String(r.headers.vary)).toContain('Accept-Language');
  });
});

describe('the catalog and VoID pages', () => {
  it('are pages like the others, in Japanese or English, naming the catalog’s datasets and the dataset’s subsets', async () => {
    for (const url of ['/catalog', '/.well-known/void']) {
      const ja = await get(url, { accept: BROWSER });
      expectPage(ja);
      expect(ja.body, url).toContain('<nav class="crumbs"');
      expect(ja.body, url).toContain(`href="/page/dataset/132101/dai5ji-kihon-koso">第5次小金井市 基本構想・前期基本計画(案)</a>`);
      expect(ja.body, url).toContain(`<link rel="alternate" hreflang="en" href="${BASE}${url.slice(1)}?lang=en">`);
      const en = await get(`${url}?lang=en`, { accept: BROWSER });
      expectPage(en, 'en');
      expect(en.body, url).toContain(`href="/page/dataset/132101/dai5ji-kihon-koso?lang=en">Koganei City 5th Basic Concept and First-Term Basic Plan (draft)</a>`);
      expect((await get(url, { accept: BROWSER, 'accept-language': 'en' })).body).toContain('<html lang="en">');
    }
    const catalog = (await get('/catalog', { accept: BROWSER })).body;
    expect(catalog).toContain('<h1>日本の地方公共団体の総合計画 Linked Open Data カタログ</h1>');
    expect(catalog).toContain('<a href="/dumps/plans/132101-dai5ji-kihon-koso.ttl">plans/132101-dai5ji-kihon-koso.ttl</a>');
    expect(catalog).toContain('<a href="/page/dataset-series/132101/sogo-keikaku">');
    const types = { ttl: 'text/turtle', jsonld: 'application/ld+json', nt: 'application/n-triples', rdf: 'application/rdf+xml' };
    for (const [ext, type] of Object.entries(types)) expect(catalog).toContain(`<link rel="alternate" type="${type}" href="${BASE}catalog.${ext}">`);
    expect((await get('/catalog?lang=en', { accept: BROWSER })).body).toContain('<h1>Catalog of Japanese Municipal Comprehensive Plans as Linked Open Data</h1>');
  });
});

describe('source viewer', () => {
  it('shows the text with every quoted span marked, anchored and linked back', async () => {
    const r = await get('/source/132101-koganei.txt');
    expectPage(r);
    const marks = r.body.match(/<mark id="/g) ?? [];
    expect(marks.length).toBe(f.site.pageContext('ja', 'sources/132101-koganei.txt').view.sources.get('132101-koganei.txt')!.quotes.length);
    expect(r.body).toMatch(
      new RegExp(`<mark id="132101-dai5ji-kihon-koso-measure-12-title" class="q q-title"><a class="q-tag" href="/page/${MEASURE}"[^>]*>施策 12 · タイトル</a>子どもの育ちの支援</mark>`),
    );
    expect(r.body).toContain('<div class="source-text" lang="ja">');
  });

  it('keeps the text: stripping the tags gives back the source (line breaks included)', async () => {
    const r = await get('/source/132217-kiyose.txt');
    const inner = /<div class="source-text" lang="ja">([\s\S]*)<\/div>\n<\/article>/.exec(r.body)![1]!;
    const text = inner
      .replace(/<a class="q-tag"[^>]*>[^<]*<\/a>/g, '')
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    expect(text).toBe(readFileSync('data/sources/132217-kiyose.txt', 'utf8'));
  });

  it('redirects a municipality code to its source and 404s anything else', async () => {
    const r = await get('/source/132101?lang=en');
    expect(r.statusCode).toBe(302);
    expect(r.headers.location).toBe(`/source/132101-koganei.txt?lang=en`);
    expect((await get('/source/nope.txt', { accept: BROWSER })).statusCode).toBe(404);
    expect((await get('/source/..%2Fpackage.json')).statusCode).toBe(404);
  });
});

describe('/sparql in a browser', () => {
  it('serves YASGUI from /assets/ with every query file as an example, in the asked language', async () => {
    const r = await get('/sparql', { accept: BROWSER });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain(`<script src="/assets/yasgui.min.js"></script>`);
    expect(r.body.match(/<button type="button" class="example"/g)).toHaveLength(readdirSync('queries').filter((f) => f.endsWith('.rq')).length);
    expect(r.body).toContain('自治体ごと・分野ごとの施策の数は？');
    expect(String(r.headers.vary)).toContain('Accept-Language');
    expect(String(r.headers['content-security-policy'])).toContain("connect-src 'self'");
    const en = await get('/sparql?lang=en', { accept: BROWSER });
    expect(en.body).toContain('How many measures does each municipality have in each theme?');
  });

  it('serves the assets with their media types, and nothing else', async () => {
    const types: Record<string, RegExp> = {
      'yasgui.min.js': /^text\/javascript/,
      'yasgui.min.css': /^text\/css/,
      'site.css': /^text\/css/,
      'sparql-page.js': /^text\/javascript/,
      'favicon.svg': /^image\/svg\+xml/,
    };
    for (const [name, type] of Object.entries(types)) {
      const r = await get(`/assets/${name}`);
      expect(r.statusCode, name).toBe(200);
      expect(r.headers['content-type']).toMatch(type);
      expect(r.body).not.toContain('sourceMappingURL');
    }
    for (const bad of ['nope.js', '..%2Fpackage.json', 'yasgui.min.js.map']) expect((await get(`/assets/${bad}`)).statusCode, bad).toBe(404);
  });
});

describe('from any host', () => {
  const ORIGIN = new URL(BASE).origin;
  /** Every URL the browser would fetch or follow: href, src and action, except <link rel=alternate> (names, not fetched). */
  const targets = (body: string) =>
    [...body.matchAll(/<(\w+)\b([^>]*)>/g)]
      .filter(([, , attrs]) => !/\brel="alternate"/.test(attrs!))
      .flatMap(([, tag, attrs]) => [...attrs!.matchAll(/\b(href|src|action)="([^"]*)"/g)].map(([, name, value]) => ({ tag, name, value: value!.replace(/&amp;/g, '&') })));
  const PAGES: [string, Record<string, string>?][] = [
    ['/'],
    ['/?lang=en'],
    [`/page/${MEASURE}`],
    [`/page/${MEASURE}?lang=en`],
    [`/page/${PLAN}`],
    [`/page/${PLAN}/goal/1`],
    ['/page/id/132101'],
    ['/page/id/theme'],
    ['/page/id/theme/environment?m=132101'],
    ['/page/def/Measure'],
    [`/page/${PLAN}/measure/1/quote/title/exact`],
    ['/page/sources/132101-koganei.txt'],
    ['/source/132101-koganei.txt'],
    [`/search?q=${encodeURIComponent('脱炭素')}`],
    [`/search?q=${'あ'.repeat(101)}`],
    ['/sparql', { accept: BROWSER }],
    ['/page/id/999999', { accept: BROWSER }],
    ['/dumps/'],
    ['/catalog', { accept: BROWSER }],
    ['/catalog?lang=en', { accept: BROWSER }],
    ['/.well-known/void', { accept: BROWSER }],
  ];

  it('links, forms, stylesheets and scripts point root-relative, never to the base IRI’s origin', async () => {
    for (const [url, headers] of PAGES) {
      // Reached through 127.0.0.1 while the base IRI is http://localhost:3000/: the CSP allows only 'self'.
      const r = await get(url, { host: '127.0.0.1:3000', ...headers });
      expect(r.headers['content-type'], url).toBe('text/html; charset=utf-8');
      const all = targets(r.body);
      expect(all.length, url).toBeGreaterThan(0);
      for (const t of all) {
        expect(t.value.startsWith(ORIGIN), `${url}: <${t.tag} ${t.name}="${t.value}">`).toBe(false);
        // Ours are root-relative or fragments (and the no-script form's `sparql`); anything else is another site's.
        expect(/^(\/|#|sparql$)/.test(t.value) || (/^https?:\/\//.test(t.value) && !t.value.startsWith(ORIGIN)), `${url}: ${t.value}`).toBe(true);
      }
      expect(all.filter((t) => t.tag === 'link' && t.name === 'href').map((t) => t.value), url).toContain('/assets/site.css');
    }
  });

  it('names resources by their IRIs: shown IRIs, JSON-LD @id, <link rel=alternate>, the endpoint', async () => {
    const { body } = await get(`/page/${MEASURE}`);
    expect(body).toContain(`<code>${BASE}${MEASURE}</code>`);
    expect(JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(body)![1]!)['@id']).toBe(`${BASE}${MEASURE}`);
    expect(body).toContain(`<link rel="alternate" type="text/turtle" href="${BASE}data/${MEASURE}.ttl">`);
    expect(body).toContain(`<link rel="alternate" hreflang="en" href="${BASE}page/${MEASURE}?lang=en">`);
    expect((await get('/')).body).toContain(`<code>${BASE}sparql</code>`);
    const query = await get('/sparql', { accept: BROWSER });
    expect(query.body).toContain(`<code>${BASE}sparql</code>`);
    // YASGUI gets the endpoint's path and queries it on the page's own host.
    expect(JSON.parse(/<script type="application\/json" id="sparql-config">([^<]*)<\/script>/.exec(query.body)![1]!).endpoint).toBe('/sparql');
  });

  it('sends Referrer-Policy with every HTML answer: pages, the query page, 404 and 400 pages', async () => {
    for (const [url, headers, status] of [
      ['/', {}, 200],
      ['/sparql', { accept: BROWSER }, 200],
      ['/page/id/999999', { accept: BROWSER }, 404],
      [`/search?q=${'あ'.repeat(101)}`, {}, 400],
    ] as const) {
      const r = await get(url, headers);
      expect(r.statusCode, url).toBe(status);
      expect(r.headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
      expect(r.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });
});

describe('sitemap', () => {
  it('lists the home, the resource pages, each theme per municipality, the source viewers and the search', async () => {
    // /sitemap.xml is the index; the pages are listed in its parts.
    const locsOf = async (url: string) => [...(await get(url)).body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    const parts = await locsOf('/sitemap.xml');
    const locs = new Set((await Promise.all(parts.map((p) => locsOf(p.slice(BASE.length - 1))))).flat());
    for (const url of [BASE, `${BASE}page/${MEASURE}`, `${BASE}page/id/theme/environment?m=132101`, `${BASE}source/132101-koganei.txt`, `${BASE}search`])
      expect(locs.has(url), url).toBe(true);
  });
});
