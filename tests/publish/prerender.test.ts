// The pages `npm run convert` renders ahead (pages.sqlite): each is the page the server would render on request, the
// server answers from them only when they were made for its build by its code, and a rebuild renders again only the
// municipalities whose plans changed, giving the bytes of a build from scratch.
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { convertAndWriteReport, type Manifest } from '../../src/convert/index.ts';
import { openPageStore, PAGES_FILE, rendererKey, type PageStoreReport } from '../../src/publish/page-store.ts';
import { prerenderStage } from '../../src/publish/prerender.ts';
import { loadSite } from '../../src/server/lib/site.ts';
import { writeSynthetic } from '../../src/synth/index.ts';

const BASE = 'http://localhost:3000/';
const EDITED = 'synth/plans/900010-synth.yaml';
let root: string;
const reports: PageStoreReport[] = [];
const at = (name: string) => ({
  root,
  baseIri: BASE,
  buildDir: join(root, name),
  cacheDir: join(root, `cache-${name}`),
  convertWorkers: 2,
  synthetic: true,
  plansDir: 'synth/plans',
  sourcesDir: 'synth/sources',
});
const build = (name: string) => convertAndWriteReport(at(name), undefined, prerenderStage(2, (r) => reports.push(r)));
const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

type Row = { code: string; iri: string; lang: 'ja' | 'en'; body: Buffer };
const storedPages = (buildDir: string): Row[] => {
  const db = new Database(join(buildDir, PAGES_FILE), { readonly: true });
  try {
    return db.prepare('SELECT code, iri, lang, body FROM page ORDER BY code, iri, lang').all() as Row[];
  } finally {
    db.close();
  }
};
const rewrite = (buildDir: string, sql: string, ...params: unknown[]) => {
  const db = new Database(join(buildDir, PAGES_FILE));
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
};
const siteOf = (buildDir: string, manifest: Manifest) => loadSite({ ...loadConfig({ BASE_IRI: BASE, SYNTHETIC: 'true' }, root), buildDir }, manifest);

let manifest: Manifest;
let pages: Row[];
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'jpp-prerender-'));
  for (const dir of ['data', 'ontology']) cpSync(dir, join(root, dir), { recursive: true });
  writeSynthetic(join(root, 'synth'), { bodies: 3, seed: '7' });
  manifest = (await build('a')).manifest;
  pages = storedPages(join(root, 'a'));
}, 300_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('pages rendered ahead', () => {
  it("holds every plan element's page in both languages, made for its build and this code", () => {
    expect(reports[0]).toMatchObject({ rendered: ['900001', '900010', '900028'], reused: [], pages: pages.length });
    const iris = new Set(pages.map((p) => p.iri));
    // Every element of every plan (the build's element counts), in both languages; nothing beneath them.
    const counts = (JSON.parse(readFileSync(join(root, 'a/site.json'), 'utf8')) as { elementCounts: Record<string, Record<string, number>> }).elementCounts;
    expect(iris.size).toBe(Object.values(counts).reduce((n, byClass) => n + Object.values(byClass).reduce((a, b) => a + b, 0), 0));
    expect(iris.size).toBeGreaterThan(300);
    expect(pages.length).toBe(2 * iris.size);
    expect(pages.some((p) => /\/(value|quote|selector)\b/.test(p.iri))).toBe(false);
    expect(iris.has(`${BASE}id/900001`)).toBe(false);
    expect([...iris].every((iri) => /^http:\/\/localhost:3000\/id\/9000(01|10|28)\/.+/.test(iri))).toBe(true);
    expect(openPageStore(join(root, 'a', PAGES_FILE), { build: manifest.version, renderer: rendererKey(BASE) })).toBeDefined();
    expect(openPageStore(join(root, 'a', PAGES_FILE), { build: manifest.version, renderer: rendererKey('http://example.org/') })).toBeUndefined();
    expect(openPageStore(join(root, 'a', PAGES_FILE), { build: 'another', renderer: rendererKey(BASE) })).toBeUndefined();
    expect(openPageStore(join(root, 'nowhere', PAGES_FILE), { build: manifest.version, renderer: rendererKey(BASE) })).toBeUndefined();
  });

  it('stores each page as the server renders it on request', { timeout: 120_000 }, async () => {
    const dir = join(root, 'live');
    cpSync(join(root, 'a'), dir, { recursive: true });
    // Made for another build: the server renders every page itself.
    rewrite(dir, "UPDATE made_with SET value = 'another' WHERE name = 'build'");
    const site = await siteOf(dir, manifest);
    try {
      for (const p of pages) {
        const live = await site.resourcePage(p.iri.slice(BASE.length), p.lang);
        expect(Buffer.from(live).equals(gunzipSync(p.body)), `${p.iri} ${p.lang}`).toBe(true);
      }
    } finally {
      site.close();
    }
  });

  it('is what the server answers with, when made for its build', { timeout: 60_000 }, async () => {
    const dir = join(root, 'marked');
    cpSync(join(root, 'a'), dir, { recursive: true });
    const [marked, other] = [pages[0]!, pages[pages.length - 1]!];
    rewrite(dir, 'UPDATE page SET body = ? WHERE code = ? AND iri = ? AND lang = ?', gzipSync('<p>stored</p>'), marked.code, marked.iri, marked.lang);
    const site = await siteOf(dir, manifest);
    try {
      expect((await site.resourcePage(marked.iri.slice(BASE.length), marked.lang)).toString()).toBe('<p>stored</p>');
      expect((await site.resourcePage(other.iri.slice(BASE.length), other.lang)).toString()).toBe(gunzipSync(other.body).toString());
    } finally {
      site.close();
    }
  });

  it('renders again only the municipalities whose plans changed, with the bytes of a build from scratch', { timeout: 300_000 }, async () => {
    const before = digest(join(root, 'a', PAGES_FILE));
    await build('a');
    expect(reports.at(-1)).toMatchObject({ rendered: [], reused: ['900001', '900010', '900028'] });
    expect(digest(join(root, 'a', PAGES_FILE))).toBe(before);

    const path = join(root, EDITED);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^ {2}titleEn: .*$/m, '  titleEn: A retitled plan'));
    await build('a');
    expect(reports.at(-1)).toMatchObject({ rendered: ['900010'], reused: ['900001', '900028'] });
    const changed = storedPages(join(root, 'a')).filter((p) => p.code === '900010' && p.lang === 'en');
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((p) => gunzipSync(p.body).toString().includes('A retitled plan'))).toBe(true);

    await build('b');
    expect(digest(join(root, 'a', PAGES_FILE))).toBe(digest(join(root, 'b', PAGES_FILE)));
  });

  it('renders every page again when the previous store cannot be read', { timeout: 300_000 }, async () => {
    writeFileSync(join(root, 'b', PAGES_FILE), 'not a database');
    await build('b');
    expect(reports.at(-1)).toMatchObject({ rendered: ['900001', '900010', '900028'], reused: [] });
    expect(digest(join(root, 'a', PAGES_FILE))).toBe(digest(join(root, 'b', PAGES_FILE)));
  });
});
