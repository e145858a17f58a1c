// What the shared slice and the catalog cost the main thread, in process on a build: the site's start-up work, the
// shared slice's page view (what the first home page makes), the first shared document (a theme's Turtle: the shared
// document index), the catalog's pages (Turtle, each the first time) and dataset descriptions, each with its time and
// the heap it leaves after a full collection (and the process RSS).
//   npm run bench:shared -- [--descriptions 200]    (SYNTHETIC=true for build-synth/; SITE_ROOT for its sources)
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { readVerifiedBuild } from '../src/convert/index.ts';
import { loadSite } from '../src/server/lib/site.ts';

const { values } = parseArgs({ options: { descriptions: { type: 'string', default: '200' } } });
const wanted = Number(values.descriptions);
if (!Number.isInteger(wanted) || wanted < 0) throw new Error(`--descriptions: a whole number, got "${values.descriptions}"`);
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/** Heap used after the current task's handles are gone and a full collection, in MB. */
const heap = async () => {
  await new Promise((r) => setTimeout(r, 1000));
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
const rss = () => `RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`;
const ms = (since: number) => `${(performance.now() - since).toFixed(0)} ms`;
const grew = (from: number, to: number) => `${to - from >= 0 ? '+' : ''}${(to - from).toFixed(1)} MB of heap`;

const loaded = loadConfig({ ...process.env, SPARQL_WORKERS: '1' });
const config = { ...loaded, root: process.env.SITE_ROOT ?? loaded.root, reloadWatch: false };
const { manifest } = readVerifiedBuild(config.buildDir, config.synthetic);
console.log(`${config.buildDir}: ${manifest.quads} quads in ${manifest.graphs.length} graphs`);
const h0 = await heap();
let t = performance.now();
const site = await loadSite(config, manifest);
const siteMs = ms(t);
const h1 = await heap();
console.log(`site: ${siteMs}, ${grew(h0, h1)}, ${rss()}`);

t = performance.now();
// Made in a function of its own, so that no handle of this module's scope keeps what the making left behind.
const makeView = () => void site.slices.get('shared').view;
makeView();
const viewMs = ms(t);
const h2 = await heap();
console.log(`shared slice and its page view: ${viewMs}, ${grew(h1, h2)}, ${rss()}`);

const themePath = site.urls.pathOf(site.summary.themes[0]!)!;
t = performance.now();
const first = await site.description(themePath, 'ttl');
const firstMs = ms(t);
const h3 = await heap();
console.log(`first shared document (${themePath}, ${first?.body.length} bytes of Turtle): ${firstMs}, ${grew(h2, h3)}, ${rss()}`);

const pages: string[] = [];
for (let p = 1; p <= site.catalogPages; p++) {
  t = performance.now();
  await site.catalogPageBody('ttl', p, false);
  pages.push(ms(t));
}
console.log(`catalog pages (Turtle, ${config.catalogPageSize} datasets each): ${pages.join(', ')}`);

const DATASET = 'http://www.w3.org/ns/dcat#dataset';
const datasets = [...new Set(site.catalog.filter((q) => q.predicate.value === DATASET).map((q) => q.object.value))];
const step = Math.max(1, Math.floor(datasets.length / Math.max(1, wanted)));
const sample = datasets.filter((_, i) => i % step === 0).slice(0, wanted);
t = performance.now();
for (const iri of sample) await site.description(site.urls.pathOf(iri)!, 'ttl');
if (sample.length > 0) console.log(`${sample.length} dataset descriptions (Turtle): ${((performance.now() - t) / sample.length).toFixed(1)} ms each`);
const h4 = await heap();
console.log(`after all of it: ${grew(h0, h4)} since before the site, ${rss()}`);
site.close();
process.exit(0);
