// Measures the Linked Data site's start-up (time, heap, RSS) and its memory after serving N documents and N pages
// through the real routes (app.inject), in a fresh process: `npx tsx bench/site-startup.ts [N]`; SYNTHETIC=true for build-synth/.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.ts';
import { ensureBuild, readVerifiedBuild } from '../src/convert/index.ts';
import { buildApp } from '../src/server/app.ts';
import { loadSite } from '../src/server/lib/site.ts';
import { createStore } from '../src/store/index.ts';

const mb = (n: number) => Math.round(n / 2 ** 20);

/** N resource paths under id/{code}/, spread evenly over the sorted subjects of the dump (the same list for any server). */
const samplePaths = (buildDir: string, base: string, n: number): string[] => {
  const subjects = new Set<string>();
  const re = new RegExp(`^<(${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}id/\\d{6}/[^>]*)>`);
  for (const line of readFileSync(join(buildDir, 'dataset.nq'), 'utf8').split('\n')) {
    const m = re.exec(line);
    if (m) subjects.add(m[1]!.slice(base.length));
  }
  const all = [...subjects].sort();
  const step = Math.max(1, all.length / n);
  return Array.from({ length: Math.min(n, all.length) }, (_, i) => all[Math.floor(i * step)]!);
};

const child = process.argv[2] === '--child';
if (child) {
  const n = Number(process.argv[3] ?? 500);
  // The store is made but never loaded: the document and page routes do not query it.
  const loaded = loadConfig({ ...process.env, SPARQL_WORKERS: '1' });
  // The site reads source texts from <root>/data/sources: SITE_ROOT points a synthetic run at a root whose data/sources is synth/sources.
  const config = { ...loaded, root: process.env.SITE_ROOT ?? loaded.root, reloadWatch: false };
  const { manifest } = readVerifiedBuild(config.buildDir, config.synthetic);
  const paths = samplePaths(config.buildDir, config.baseIri, n);
  globalThis.gc?.();
  const before = process.memoryUsage();
  const started = performance.now();
  const site = await loadSite(config, manifest);
  const startupMs = Math.round(performance.now() - started);
  globalThis.gc?.();
  const afterStart = process.memoryUsage();
  // Memory of one slice: the heap a municipality's slice adds once made (the first three, each alone in the cache).
  const perSlice = site.summary.municipalities.slice(0, 3).map(({ code }) => {
    globalThis.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    site.document(`id/${code}`);
    const makeMs = Math.round(performance.now() - t0);
    globalThis.gc?.();
    return { code, makeMs, heapMB: +((process.memoryUsage().heapUsed - heap0) / 2 ** 20).toFixed(1) };
  });
  const store = createStore(config);
  const app = await buildApp(config, store, manifest, { site });
  const served = { documents: 0, pages: 0, missing: 0 };
  const requestsStarted = performance.now();
  for (const path of paths) {
    const doc = await app.inject({ url: `/data/${path}.ttl` });
    const page = await app.inject({ url: `/page/${path}` });
    if (doc.statusCode === 200) served.documents++;
    if (page.statusCode === 200) served.pages++;
    if (doc.statusCode === 404) served.missing++;
  }
  const requestsMs = Math.round(performance.now() - requestsStarted);
  globalThis.gc?.();
  const afterRequests = process.memoryUsage();
  console.log(
    JSON.stringify({
      build: config.buildDir,
      quads: manifest.quads,
      requested: paths.length,
      served,
      startupMs,
      timings: site.timings,
      afterStart: { heapUsedMB: mb(afterStart.heapUsed), heapGrowthMB: mb(afterStart.heapUsed - before.heapUsed), rssMB: mb(afterStart.rss) },
      requestsMs,
      afterRequests: { heapUsedMB: mb(afterRequests.heapUsed), rssMB: mb(afterRequests.rss) },
      slices: site.slices.stats,
      perSlice,
      bodyCacheMB: mb(site.bodies.bytes),
    }),
  );
  await app.close();
  await store.close();
} else {
  const config = loadConfig();
  await ensureBuild(config);
  const self = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--child', process.argv[2] ?? '500'], { encoding: 'utf8', env: process.env });
  console.log(out.trim());
}
