// What the site serves from the build and the source folder without keeping it in memory: the dumps (byte ranges,
// the converter's gzip copies), the source texts (read on request) and the sitemap the converter wrote.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert, isSliceFile } from '../../../src/convert/index.ts';
import { withParams } from '../../../src/pages/index.ts';
import { writeSynthetic } from '../../../src/synth/index.ts';
import { BASE, siteFixture, type SiteFixture } from '../../site-helpers.ts';

let f: SiteFixture;
beforeAll(async () => {
  f = await siteFixture();
});
afterAll(() => f.close());

const get = (url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') => f.app.inject({ method, url, headers });
const onDisk = (path: string) => readFileSync(join(f.config.buildDir, path));
const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

describe('/dumps/ byte ranges', () => {
  const nq = () => onDisk('dataset.nq');

  it('answers one range with 206, Content-Range and exactly those bytes (first-last, first-, -suffix)', async () => {
    const size = nq().byteLength;
    for (const [range, start, end] of [
      ['bytes=0-99', 0, 99],
      ['bytes=1000-', 1000, size - 1],
      ['bytes=-10', size - 10, size - 1],
      ['bytes=10-99999999999', 10, size - 1],
      // Any number of digits, leading zeros included (RFC 9110 §14.1.2: 1*DIGIT); a last position past the end is the end.
      ['bytes=0-99999999999999999999', 0, size - 1],
      ['bytes=000-099', 0, 99],
      ['bytes=-99999999999999999', 0, size - 1],
      ['bytes=00000000000000000001-2', 1, 2],
      [`bytes=5-${'9'.repeat(400)}`, 5, size - 1],
      [`bytes=-${'9'.repeat(400)}`, 0, size - 1],
    ] as const) {
      const r = await get('/dumps/dataset.nq', { range });
      expect(r.statusCode, range).toBe(206);
      expect(r.headers['content-range'], range).toBe(`bytes ${start}-${end}/${size}`);
      expect(Number(r.headers['content-length']), range).toBe(end - start + 1);
      expect(r.rawPayload.equals(nq().subarray(start, end + 1)), range).toBe(true);
      expect(r.headers['accept-ranges']).toBe('bytes');
      expect(r.headers['content-type']).toBe('application/n-quads');
    }
  });

  it('says it takes ranges, and resumes only while If-Range names the current ETag', async () => {
    const whole = await get('/dumps/dataset.nq');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    const etag = String(whole.headers.etag);
    expect((await get('/dumps/dataset.nq', { range: 'bytes=5-9', 'if-range': etag })).statusCode).toBe(206);
    for (const ifRange of ['"0123-stale"', 'W/' + etag, 'Wed, 21 Oct 2026 07:28:00 GMT']) {
      const r = await get('/dumps/dataset.nq', { range: 'bytes=5-9', 'if-range': ifRange });
      expect(r.statusCode, ifRange).toBe(200);
      expect(r.rawPayload.equals(nq()), ifRange).toBe(true);
    }
    // A validator that matches still answers 304 before any range.
    expect((await get('/dumps/dataset.nq', { range: 'bytes=5-9', 'if-none-match': etag })).statusCode).toBe(304);
  });

  it('answers 412, never a range, when If-Match names another file or coding; * and the current tag are served', async () => {
    const etag = String((await get('/dumps/dataset.nq')).headers.etag);
    const gzEtag = String((await get('/dumps/dataset.nq', { 'accept-encoding': 'gzip' })).headers.etag);
    for (const [ifMatch, headers] of [
      ['"not-the-etag"', {}],
      [`W/${etag}`, {}],
      [gzEtag, {}],
      [etag, { 'accept-encoding': 'gzip' }],
    ] as const) {
      for (const range of [undefined, 'bytes=0-99']) {
        const r = await get('/dumps/dataset.nq', { ...headers, 'if-match': ifMatch, ...(range ? { range } : {}) });
        expect(r.statusCode, `${ifMatch} ${range}`).toBe(412);
        expect(r.headers['content-range'], ifMatch).toBeUndefined();
        expect(r.headers['content-encoding'], ifMatch).toBeUndefined();
        expect(r.headers.etag, ifMatch).toBeUndefined();
      }
      expect((await get('/dumps/dataset.nq', { ...headers, 'if-match': ifMatch }, 'HEAD')).statusCode, ifMatch).toBe(412);
    }
    for (const ifMatch of [etag, '*', `"stale", ${etag}`]) {
      const r = await get('/dumps/dataset.nq', { 'if-match': ifMatch, range: 'bytes=0-99' });
      expect(r.statusCode, ifMatch).toBe(206);
      expect(r.rawPayload.equals(nq().subarray(0, 100)), ifMatch).toBe(true);
    }
    expect((await get('/dumps/dataset.nq', { 'accept-encoding': 'gzip', 'if-match': gzEtag, range: 'bytes=0-9' })).statusCode).toBe(206);
    // If-Match is evaluated before If-None-Match.
    expect((await get('/dumps/dataset.nq', { 'if-match': '"old"', 'if-none-match': etag })).statusCode).toBe(412);
    // The sitemap streams from disk the same way.
    expect((await get('/sitemap.xml', { 'if-match': '"old"' })).statusCode).toBe(412);
    expect((await get('/sitemap-1.xml', { 'if-match': '*' })).statusCode).toBe(200);
  });

  it('sends the whole body for several ranges or another unit', async () => {
    for (const range of ['bytes=0-1,5-6', 'items=0-5']) {
      const r = await get('/dumps/dataset.nq', { range });
      expect(r.statusCode, range).toBe(200);
      expect(r.rawPayload.equals(nq()), range).toBe(true);
    }
  });

  it('refuses a range past the end or malformed with 416, Content-Range and a message, never a crash', async () => {
    const size = nq().byteLength;
    for (const range of [`bytes=${size}-`, 'bytes=-0', 'bytes=-0000', 'bytes=9-2', 'bytes=abc', 'bytes=-', 'bytes=1-2-3', 'bytes=99999999999999999999-', `bytes=${'9'.repeat(400)}-`, '=', 'bytes']) {
      const r = await get('/dumps/dataset.nq', { range, accept: 'text/plain' });
      expect(r.statusCode, range).toBe(416);
      expect(r.headers['content-range'], range).toBe(`bytes */${size}`);
      expect(r.body.length, range).toBeGreaterThan(10);
      expect(r.body.length, range).toBeLessThan(200);
    }
    expect((await get('/dumps/dataset.nq', { range: 'bytes=0-0' })).statusCode).toBe(206);
  });

  it('applies ranges to the gzip copy when gzip is sent, so a gzip download resumes too', async () => {
    const gz = onDisk('dataset.nq.gz');
    const whole = await get('/dumps/dataset.nq', { 'accept-encoding': 'gzip' });
    expect(whole.headers['content-encoding']).toBe('gzip');
    expect(whole.rawPayload.equals(gz)).toBe(true);
    const half = Math.floor(gz.byteLength / 2);
    const first = await get('/dumps/dataset.nq', { 'accept-encoding': 'gzip', range: `bytes=0-${half - 1}` });
    const rest = await get('/dumps/dataset.nq', { 'accept-encoding': 'gzip', range: `bytes=${half}-`, 'if-range': String(whole.headers.etag) });
    expect([first.statusCode, rest.statusCode]).toEqual([206, 206]);
    expect(rest.headers['content-range']).toBe(`bytes ${half}-${gz.byteLength - 1}/${gz.byteLength}`);
    expect(gunzipSync(Buffer.concat([first.rawPayload, rest.rawPayload])).equals(nq())).toBe(true);
  });

  it('answers HEAD with the length and no body, whole or ranged', async () => {
    const head = await get('/dumps/dataset.nq', {}, 'HEAD');
    expect(head.statusCode).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(nq().byteLength);
    expect(head.rawPayload.byteLength).toBe(0);
    const ranged = await get('/dumps/dataset.nq', { range: 'bytes=0-9' }, 'HEAD');
    expect(ranged.statusCode).toBe(206);
    expect(ranged.headers['content-length']).toBe('10');
  });
});

describe('the gzip copies the converter wrote', () => {
  it('are deterministic gzip (MTIME 0, no name, OS unknown) of every published file and of the manifest; the slice files get none', () => {
    const listed = f.dataset.manifest.files.map((x) => x.path);
    for (const path of listed.filter(isSliceFile)) expect(existsSync(join(f.config.buildDir, `${path}.gz`)), path).toBe(false);
    for (const path of [...listed.filter((p) => !isSliceFile(p)), 'manifest.json', 'sitemap.xml', 'sitemap-1.xml']) {
      const gz = onDisk(`${path}.gz`);
      expect(gz.readUInt32LE(4), path).toBe(0);
      expect(gz[3]! & 0x08, path).toBe(0);
      expect(gz[9], path).toBe(255);
      expect(gunzipSync(gz).equals(onDisk(path)), path).toBe(true);
    }
  });
});

describe('memory', () => {
  /** Every Buffer and long string reachable from `value`, summed. */
  const heldBytes = (value: unknown, seen = new Set<unknown>()): number => {
    if (Buffer.isBuffer(value)) return value.byteLength;
    if (typeof value === 'string') return value.length > 1024 ? value.length : 0;
    if (value === null || typeof value !== 'object' || seen.has(value)) return 0;
    seen.add(value);
    const children = value instanceof Map ? [...value.values()] : Object.values(value);
    return children.reduce((sum: number, v) => sum + heldBytes(v, seen), 0);
  };

  it('keeps no body of a dump, a source text or the sitemap after start-up', () => {
    expect(f.site.dumps.size).toBeGreaterThan(5);
    expect(f.site.sources.byName.size).toBe(6);
    expect(heldBytes(f.site.dumps)).toBe(0);
    expect(heldBytes(f.site.sources)).toBe(0);
    expect(heldBytes(f.site.sitemap)).toBe(0);
  });

  it('keeps no dump in the front response cache or the representation cache after a download', async () => {
    const [responses, representations] = [f.app.responses.bytes, f.site.representations.bytes];
    for (const headers of [{}, { 'accept-encoding': 'gzip' }] as Record<string, string>[]) expect((await get('/dumps/dataset.nq', headers)).statusCode).toBe(200);
    expect(f.app.responses.bytes - responses).toBeLessThan(4096);
    expect(f.site.representations.bytes).toBe(representations);
  });
});

describe('/sources/', () => {
  it('serves each text byte for byte from the source folder, with its type, ETag, links and gzip', async () => {
    const r = await get('/sources/132101-koganei.txt');
    expect(r.statusCode).toBe(200);
    expect(r.rawPayload.equals(readFileSync('data/sources/132101-koganei.txt'))).toBe(true);
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(String(r.headers.link)).toContain(`<${BASE}data/sources/132101-koganei.txt.ttl>; rel="describedby"`);
    expect((await get('/sources/132101-koganei.txt', { 'if-none-match': String(r.headers.etag) })).statusCode).toBe(304);
    const gz = await get('/sources/132101-koganei.txt', { 'accept-encoding': 'gzip' });
    expect(gunzipSync(gz.rawPayload).equals(r.rawPayload)).toBe(true);
    const md = await get('/sources/SEEDS-README.md');
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
  });

  it('answers 404 with a message for unknown names and traversals, never reading them', async () => {
    for (const url of ['/sources/nope.txt', '/sources/..%2Fpackage.json', '/sources/..%2F..%2Fetc%2Fpasswd', '/sources/.gitkeep', '/sources/SHA256SUMS', '/sources/%2Fetc%2Fpasswd']) {
      const r = await get(url, { accept: 'text/plain' });
      expect(r.statusCode, url).toBe(404);
      expect(r.body, url).toContain('no source text at');
    }
    for (const url of ['/source/..%2Fpackage.json', '/source/SHA256SUMS']) expect((await get(url)).statusCode, url).toBe(404);
  });
});

describe('the sitemap', () => {
  /** The page URLs, in order, as the site listed them when it made its sitemap in memory at start-up. */
  const expectedPages = () => {
    const { urls } = f.site;
    // Themes and municipalities in the order of the pages' view (the sitemap's).
    const { view } = f.site.pageContext('ja');
    const summary = { themes: view.themes.map((th) => th.iri), municipalities: view.municipalities };
    const paths = f.site.documentPaths();
    const sources = paths.filter((p) => p.startsWith('sources/')).map((p) => p.slice('sources/'.length));
    return [
      urls.home(),
      ...paths.map((p) => urls.page(p)),
      ...summary.themes.flatMap((th) => summary.municipalities.map((mu) => withParams(urls.page(urls.pathOf(th)!), { m: mu.code }))),
      ...sources.sort().map((s) => urls.sourceView(s)),
      urls.search(),
    ];
  };
  const served = async () => {
    const index = await get('/sitemap.xml');
    const pages: string[] = [];
    for (const part of locs(index.body)) {
      expect(part, part).toMatch(new RegExp(`^${BASE}sitemap-[1-9][0-9]*\\.xml$`));
      const listed = locs((await get(part.slice(BASE.length - 1))).body);
      // sitemaps.org: a sitemap lists only URLs under its own folder (crawler-commons drops the others).
      const folder = new URL('.', part).href;
      for (const page of listed) expect(page.startsWith(folder), `${page} in ${part}`).toBe(true);
      pages.push(...listed);
    }
    return { index, pages };
  };

  it('lists exactly the pages the site serves, in the same order as before it was written at convert time', async () => {
    const { index, pages } = await served();
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(index.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<sitemapindex xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">\n<sitemap><loc>/);
    expect(pages).toEqual(expectedPages());
    expect(pages.some((p) => /\/9\d{5}(?:\/|$|\?)|[?&]m=9/.test(p))).toBe(false);
  });

  it('serves the index and parts with ETag, 304, gzip and HEAD; unknown parts are 404', async () => {
    const r = await get('/sitemap-1.xml');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(r.body).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(r.rawPayload.equals(onDisk('sitemap-1.xml'))).toBe(true);
    expect((await get('/sitemap-1.xml', { 'if-none-match': String(r.headers.etag) })).statusCode).toBe(304);
    const gz = await get('/sitemap-1.xml', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(r.body);
    expect(Number((await get('/sitemap.xml', {}, 'HEAD')).headers['content-length'])).toBe(onDisk('sitemap.xml').byteLength);
    for (const url of ['/sitemap-0.xml', '/sitemap-2.xml', '/sitemap-01.xml', '/sitemap-..%2Fmanifest.json', '/sitemap-1.xml.gz', '/sitemap-1', '/sitemap-'])
      expect((await get(url)).statusCode, url).toBe(404);
    // The build holds the parts at its root, and nothing in the former folder.
    expect(existsSync(join(f.config.buildDir, 'sitemap'))).toBe(false);
  });

  it('answers the parts\' former URLs (/sitemap/<n>.xml) with 301 to the part at the root, and 404 for a part the build lacks', async () => {
    for (const method of ['GET', 'HEAD'] as const) {
      const r = await get('/sitemap/1.xml', {}, method);
      expect(r.statusCode, method).toBe(301);
      expect(r.headers.location, method).toBe('/sitemap-1.xml');
      expect(r.headers['cache-control'], method).toBe('public, max-age=86400');
      expect(r.headers['access-control-allow-origin'], method).toBe('*');
    }
    const followed = await get(String((await get('/sitemap/1.xml?x=1')).headers.location));
    expect(followed.statusCode).toBe(200);
    expect(followed.rawPayload.equals(onDisk('sitemap-1.xml'))).toBe(true);
    for (const url of ['/sitemap/0.xml', '/sitemap/2.xml', '/sitemap/01.xml', '/sitemap/..%2Fmanifest.json', '/sitemap/1.xml.gz', '/sitemap/']) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(404);
      expect(r.headers.location, url).toBeUndefined();
    }
  });

  it('is cut into parts of at most the configured number of URLs, listed in order by the index', { timeout: 300_000 }, async () => {
    const small = await convert({ root: process.cwd(), baseIri: BASE, sitemapMaxUrls: 400 });
    const file = (path: string) => small.files.find((x) => x.path === path)?.content?.toString();
    const parts = locs(file('sitemap.xml')!);
    expect(parts.length).toBe(Math.ceil(expectedPages().length / 400));
    const pages = parts.flatMap((p, i) => {
      expect(p).toBe(`${BASE}sitemap-${i + 1}.xml`);
      const these = locs(file(`sitemap-${i + 1}.xml`)!);
      expect(these.length).toBeLessThanOrEqual(400);
      return these;
    });
    expect(pages).toEqual(expectedPages());
  });

  it('of a synthetic build lists synthetic pages only', { timeout: 300_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'jpp-sitemap-synth-'));
    try {
      for (const dir of ['data', 'ontology']) cpSync(dir, join(root, dir), { recursive: true });
      writeSynthetic(join(root, 'synth'), { bodies: 2, seed: '3' });
      const built = await convert({ root, baseIri: BASE, synthetic: true, plansDir: 'synth/plans', sourcesDir: 'synth/sources' });
      const pages = built.files.filter((x) => /^sitemap-\d+\.xml$/.test(x.path)).flatMap((x) => locs(String(x.content)));
      expect(pages.length).toBeGreaterThan(100);
      const codes = new Set(pages.flatMap((p) => [...p.matchAll(/(?:\/|m=)(\d{6})(?=\/|$|-|\.)/g)].map((m) => m[1]!)));
      expect(codes.size).toBeGreaterThan(0);
      for (const code of codes) expect(code, code).toMatch(/^9/);
      for (const real of ['131121', '132101', 'koganei', 'SEEDS-README']) expect(pages.some((p) => p.includes(real)), real).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
