// The whole pipeline on a small synthetic national set, as an operator runs it, on the backend of this test run
// (vitest project "embedded" or "virtuoso"): `npm run synth`, `SYNTHETIC=true npm run validate`, `SYNTHETIC=true npm run
// convert` (into build-synth/), on Virtuoso `SYNTHETIC=true npm run virtuoso -- load`, then `SYNTHETIC=true npm start`;
// then what users depend on, over HTTP only: dereference, document, page, search, SPARQL, catalog and sitemap.
//
// E2E_SYNTH_BODIES sets the number of bodies (default 50, the "small synthetic national set": 132 s on the
// embedded store on an idle 2-core machine, of which validate 54 s, convert 12 s and start-up 52 s).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { BACKEND } from '../helpers.ts';
import { removeDir, startServer, tempRoot, TEST_BASE, type ServerProc } from '../server/lifecycle/processes.ts';
import { command, type Ran } from './commands.ts';

const BODIES = Number(process.env.E2E_SYNTH_BODIES || 50);
const MINUTE = 60_000;
/** Each command's bound: ~1 s per body on an idle machine today; ten times that on a loaded one, with room. */
const PIPELINE_TIMEOUT = 10 * MINUTE + BODIES * 10_000;

interface Manifest {
  version: string;
  quads: number;
  synthetic?: boolean;
  graphs: { iri: string; quads: number; plan?: { municipality: string; id: string } }[];
}
interface Element {
  id: string;
  type: string;
  title?: string;
}

let root: string;
let server: ServerProc | undefined;
let manifest: Manifest;
const ran: Record<string, Ran> = {};
/** A Measure of the first body's plan: its IRI path (/id/…), title and the triples the build holds about it. */
let element: { path: string; iri: string; title: string; triples: Set<string> };

const env = { SYNTHETIC: 'true', BASE_IRI: TEST_BASE, STORE: BACKEND };
const step = async (name: string, run: () => Promise<Ran>) => {
  ran[name] = await run();
  if (ran[name].code !== 0) throw new Error(`${name} exited ${ran[name].code}:\n${ran[name].out}`);
  console.log(`e2e ${BACKEND}, ${BODIES} bodies: ${name} took ${(ran[name].ms / 1000).toFixed(1)} s`);
};

/** One triple as a comparable key (subject, predicate, object in N-Triples terms). */
const key = (q: { subject: { value: string }; predicate: { value: string }; object: { termType: string; value: string; language?: string; datatype?: { value: string } } }) =>
  JSON.stringify([q.subject.value, q.predicate.value, q.object.termType, q.object.value, q.object.language ?? '', q.object.termType === 'Literal' ? q.object.datatype?.value : '']);

beforeAll(async () => {
  root = tempRoot();
  const opts = { cwd: root, env, timeoutMs: PIPELINE_TIMEOUT };
  await step('synth', () => command('synth', ['--bodies', String(BODIES), '--seed', '1', '--out', join(root, 'synth')], opts));
  await step('validate', () => command('validate', [], opts));
  await step('convert', () => command('convert', [], opts));
  manifest = JSON.parse(readFileSync(join(root, 'build-synth/manifest.json'), 'utf8')) as Manifest;

  const first = readdirSync(join(root, 'synth/plans')).sort()[0]!;
  const plan = parseYaml(readFileSync(join(root, 'synth/plans', first), 'utf8')) as { municipality: { code: string }; plan: { id: string }; elements: Element[] };
  const measure = plan.elements.find((e) => e.type === 'Measure' && e.title)!;
  const path = `/id/${plan.municipality.code}/plan/${plan.plan.id}/${measure.id}`;
  const iri = `${TEST_BASE}${path.slice(1)}`;
  // The element's triples as the build holds them (any graph; the document describes the merge).
  const lines = readFileSync(join(root, 'build-synth/dataset.nq'), 'utf8').split('\n').filter((l) => l.startsWith(`<${iri}> `));
  const triples = new Set(new Parser({ format: 'N-Quads' }).parse(lines.join('\n')).map(key));
  element = { path, iri, title: measure.title!, triples };

  if (BACKEND === 'virtuoso') await step('virtuoso load', () => command('virtuoso', ['load'], opts));
  const started = performance.now();
  server = await startServer({
    cwd: root,
    buildDir: join(root, 'build-synth'),
    env: { ...env, VIRTUOSO_AUTOLOAD: 'false', RELOAD_WATCH: 'false', CATALOG_PAGE_SIZE: '1000' },
  });
  console.log(`e2e ${BACKEND}, ${BODIES} bodies: server ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}, 3 * PIPELINE_TIMEOUT);

afterAll(async () => {
  await server?.kill();
  removeDir(root);
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(server!.origin + path, { headers, redirect: 'manual' });
const sparqlJson = async (query: string) => {
  const r = await get(`/sparql?query=${encodeURIComponent(query)}`, { accept: 'application/sparql-results+json' });
  expect(r.status, await r.clone().text()).toBe(200);
  return ((await r.json()) as { results: { bindings: Record<string, { value: string }>[] } }).results.bindings;
};

describe(`the synthetic pipeline on ${BACKEND}`, () => {
  it('validates and converts the synthetic set into a synthetic build', () => {
    expect(ran.synth!.out).toContain(`for ${BODIES} synthetic bodies (seed 1)`);
    const valid = /valid: (\d+) quads in (\d+) graphs/.exec(ran.validate!.out);
    expect(valid, ran.validate!.out).not.toBeNull();
    expect(ran.convert!.out).toMatch(/\(SYNTHETIC\): \d+ quads/);
    expect(ran.convert!.out).toMatch(new RegExp(`pages rendered ahead: \\d+ \\(${BODIES} municipalities rendered, 0 taken unchanged`));
    expect(manifest.synthetic).toBe(true);
    expect(manifest.quads).toBe(Number(valid![1]));
    const plans = manifest.graphs.filter((g) => g.plan);
    expect(plans.length).toBeGreaterThanOrEqual(BODIES);
    for (const g of plans) expect(g.plan!.municipality).toMatch(/^9\d{5}$/);
  });

  it('dereferences an element IRI with 303 to its Turtle document, which holds the element\'s triples', async () => {
    expect(element.triples.size).toBeGreaterThan(5);
    const r = await get(element.path, { accept: 'text/turtle' });
    expect(r.status).toBe(303);
    const location = new URL(r.headers.get('location')!, server!.origin);
    expect(location.pathname).toBe(`/data${element.path}.ttl`);
    const doc = await get(location.pathname);
    expect(doc.status).toBe(200);
    expect(doc.headers.get('content-type')).toMatch(/^text\/turtle/);
    const quads = new Parser({ format: 'Turtle', baseIRI: TEST_BASE }).parse(await doc.text());
    const held = new Set(quads.map(key));
    const missing = [...element.triples].filter((t) => !held.has(t));
    expect(missing).toEqual([]);
  });

  it('serves the element\'s HTML page, naming it, as the convert rendered it ahead', async () => {
    const r = await get(`/page${element.path}?lang=ja`, { accept: 'text/html' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await r.text();
    expect(html).toContain(element.title);
    const db = new Database(join(root, 'build-synth/pages.sqlite'), { readonly: true });
    const stored = db.prepare("SELECT body FROM page WHERE iri = ? AND lang = 'ja'").pluck().get(element.iri) as Buffer;
    db.close();
    expect(html).toBe(gunzipSync(stored).toString('utf8'));
  });

  it('finds the element by its title', async () => {
    const r = await get(`/search?q=${encodeURIComponent(element.title)}&format=json`);
    expect(r.status).toBe(200);
    const body = (await r.json()) as { total: number; results: { iri: string }[] };
    expect(body.results.map((x) => x.iri)).toContain(element.iri);
  });

  it('answers a SPARQL COUNT of every quad with the manifest\'s count', async () => {
    const [row] = await sparqlJson('SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }');
    expect(Number(row!['n']!.value)).toBe(manifest.quads);
  });

  it('lists every synthetic plan\'s dataset in the catalog', async () => {
    const r = await get('/catalog', { accept: 'text/turtle' });
    expect(r.status).toBe(200);
    const catalog = await r.text();
    for (const g of manifest.graphs.filter((x) => x.plan)) expect(catalog).toContain(`<${TEST_BASE}dataset/${g.plan!.municipality}/${g.plan!.id}>`);
  });

  it('lists the synthetic pages in the sitemap', async () => {
    const locs = await sitemapLocs('/sitemap.xml');
    expect(locs).toContain(`${TEST_BASE}page${element.path}`);
    for (const g of manifest.graphs.filter((x) => x.plan)) expect(locs).toContain(`${TEST_BASE}page/id/${g.plan!.municipality}`);
  });
});

/** Every <loc> of a sitemap, following a sitemap index (served by this server) one level down. */
const sitemapLocs = async (path: string): Promise<string[]> => {
  const r = await get(path);
  expect(r.status).toBe(200);
  const xml = await r.text();
  const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
  if (!xml.includes('<sitemapindex')) return locs;
  const nested = await Promise.all(locs.map((l) => sitemapLocs(new URL(l).pathname)));
  return nested.flat();
};
