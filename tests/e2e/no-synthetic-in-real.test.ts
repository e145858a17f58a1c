// Nothing synthetic reaches the published dataset: with a synthetic set beside the real data and a synthetic build put
// where the real one goes, the real server (no SYNTHETIC) rebuilds the real dataset instead of serving it, and its
// build, dumps, catalog, sitemap and search hold no synthetic code (9xxxxx) and no synthetic marker; a synthetic build
// swapped in while it runs is refused and the real dataset stays served. SYNTHETIC=true never names the real build folder.
import { cpSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { convertAndWrite } from '../../src/convert/index.ts';
import { writeSynthetic } from '../../src/synth/index.ts';
import { removeDir, startServer, tempRoot, TEST_BASE, type ServerProc } from '../server/lifecycle/processes.ts';

/** What marks synthetic data: a 9xxxxx code in an IRI, the made-up bodies' names, the manifest's flag. */
const SYNTHETIC_MARKS = [/\/(id|graph|dataset|dataset-series|page\/id|data\/id)\/9\d{5}\b/, /架空/, /Synthetic /, /"synthetic"/, /-synth\.txt/];

let root: string;
let server: ServerProc;
let synthVersion: string;
const buildDir = () => join(root, 'build');

beforeAll(async () => {
  root = tempRoot();
  writeSynthetic(join(root, 'synth'), { bodies: 1, seed: '1' });
  const synthetic = await convertAndWrite({ root, baseIri: TEST_BASE, buildDir: join(root, 'synth-build'), synthetic: true, plansDir: 'synth/plans', sourcesDir: 'synth/sources' });
  expect(synthetic.synthetic).toBe(true);
  synthVersion = synthetic.version;
  // A synthetic build where the real one goes (copied by mistake, or by someone who wanted to see it served).
  cpSync(join(root, 'synth-build'), buildDir(), { recursive: true });
  server = await startServer({ cwd: root, buildDir: buildDir(), env: { STORE: 'embedded' } });
}, 15 * 60_000);

afterAll(async () => {
  await server?.kill();
  removeDir(root);
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(server.origin + path, { headers, redirect: 'manual' });
const expectClean = (what: string, text: string) => {
  for (const mark of SYNTHETIC_MARKS) expect(mark.test(text), `${what} matches ${mark}`).toBe(false);
};

describe('the real dataset', () => {
  it('SYNTHETIC=true never builds into or serves the real build folder', () => {
    expect(() => loadConfig({ SYNTHETIC: 'true', BUILD_DIR: 'build' }, root)).toThrow(/never builds into or serves .*\/build, the real build/);
    expect(loadConfig({ SYNTHETIC: 'true' }, root).buildDir).toBe(`${root}/build-synth`);
  });

  it('is rebuilt, not served, when a synthetic build is where the real one goes', async () => {
    expect(server.stderr()).toContain('a synthetic build (npm run synth), never served as the real dataset');
    // The converter ran as its own process: its report on stderr, stdout left to the JSON log lines.
    expect(server.stderr()).toMatch(new RegExp(`built ${buildDir()}: \\d+ quads in \\d+ graphs`));
    for (const line of server.stdout().split('\n').filter(Boolean)) expect(() => JSON.parse(line), line).not.toThrow();
    const health = (await (await get('/healthz')).json()) as { version: string };
    expect(health.version).not.toBe(synthVersion);
    const manifest = JSON.parse(readFileSync(join(buildDir(), 'manifest.json'), 'utf8')) as { version: string; synthetic?: boolean; graphs: { iri: string }[] };
    expect(manifest.version).toBe(health.version);
    expect(manifest.synthetic).toBeUndefined();
    for (const g of manifest.graphs) expect(g.iri).not.toMatch(/\/graph\/9\d{5}\//);
  });

  it('has no synthetic code or marker in its build files and dumps', async () => {
    for (const file of ['dataset.nq', 'dataset.trig', 'dataset.jsonld', 'manifest.json']) expectClean(`build/${file}`, readFileSync(join(buildDir(), file), 'utf8'));
    for (const dump of ['dataset.nq', 'dataset.trig', 'dataset.jsonld']) {
      const r = await get(`/dumps/${dump}`);
      expect(r.status, dump).toBe(200);
      const body = await r.text();
      expect(body.length).toBeGreaterThan(100_000);
      expectClean(`/dumps/${dump}`, body);
    }
  });

  it('has no synthetic dataset in its catalog, sitemap or search', async () => {
    for (const [path, accept] of [
      ['/catalog', 'text/turtle'],
      ['/catalog', 'application/ld+json'],
      ['/', 'text/html'],
      ['/sitemap.xml', 'application/xml'],
      ['/dumps/', 'text/html'],
    ] as const) {
      const r = await get(path, { accept });
      expect(r.status, path).toBe(200);
      expectClean(`${path} (${accept})`, await r.text());
    }
    const search = await get(`/search?q=${encodeURIComponent('架空')}&format=json`);
    expect(((await search.json()) as { total: number }).total).toBe(0);
    expect((await get('/id/900001', { accept: 'text/turtle' })).status).toBe(404);
  });

  it('refuses a synthetic build swapped in while it runs, and keeps serving the real one', async () => {
    const before = ((await (await get('/healthz')).json()) as { version: string }).version;
    renameSync(buildDir(), join(root, 'build.real'));
    renameSync(join(root, 'synth-build'), buildDir());
    const refused = () => /refused the build in .*a synthetic build \(npm run synth\), never served/.test(server.stdout());
    for (let i = 0; i < 120 && !refused(); i++) await new Promise((r) => setTimeout(r, 250));
    expect(refused(), server.stdout().slice(-2000)).toBe(true);
    const after = ((await (await get('/healthz')).json()) as { version: string }).version;
    expect(after).toBe(before);
    expect((await get('/id/900001', { accept: 'text/turtle' })).status).toBe(404);
  });
});
