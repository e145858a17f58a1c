// A crawler's walk: every k-th page of a build's sitemap, in a seeded random order, requested through the page route
// in process (its JSON-LD from the document threads), with the CPU each page took, every thread counted. As the
// reference in the same run, the municipalities' pages of the same sample rendered in process twice: from the view
// the site gives them (an element's or its owner's, made from rows) and from their municipality's whole slice (what
// every page but an element's was made from before), the slices kept in the site's LRU as the server keeps them.
// `--concurrency N` keeps N route requests in flight (a crawler's or several clients'), so that the document threads,
// which make a municipality's pages, work in parallel; `mainMsEach` is the main thread's busy time per page. `--gzip`
// asks as browsers and crawlers do (Accept-Encoding: gzip), so that each page is also compressed. `--warm-up N` other
// pages are asked for the same way first (a fresh process renders its first pages at a higher cost: V8 compiling
// their paths, the document threads loading).
// `npm run bench:pages [-- --pages 2000 --warm-up 500 --reference 300 --concurrency 1 --gzip]`; SYNTHETIC=true for build-synth/ (SITE_ROOT: a root whose
// data/sources holds the source texts, as for bench/site-startup.ts).
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { ensureBuild, readVerifiedBuild } from '../src/convert/index.ts';
import { LANGS } from '../src/documents/index.ts';
import { resourcePage } from '../src/pages/index.ts';
import { buildApp } from '../src/server/app.ts';
import { loadSite } from '../src/server/lib/site.ts';
import { SHARED, sliceOf } from '../src/documents/slice-keys.ts';
import { createStore } from '../src/store/index.ts';
import { measure, sitemapPaths, warmUpAndSample } from './crawl.ts';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '2000' }, 'warm-up': { type: 'string', default: '500' }, reference: { type: 'string', default: '300' }, seed: { type: 'string', default: '1' }, concurrency: { type: 'string', default: '1' }, gzip: { type: 'boolean', default: false } } });

const loaded = loadConfig({ ...process.env, SPARQL_WORKERS: '1' });
const config = { ...loaded, root: process.env.SITE_ROOT ?? loaded.root, reloadWatch: false };
await ensureBuild(config);
const { manifest } = readVerifiedBuild(config.buildDir, config.synthetic);

const all = sitemapPaths(config.buildDir, config.baseIri);
const [warming, sample] = warmUpAndSample(all, Number(values['warm-up']), Number(values.pages), Number(values.seed));
const site = await loadSite(config, manifest);
const store = createStore(config);
const app = await buildApp(config, store, manifest, { site });
const codes = new Set(site.summary.plans.map((p) => p.code));

const concurrency = Number(values.concurrency);
const headers = values.gzip ? { 'accept-encoding': 'gzip' } : {};
const ask = async (path: string) => (await app.inject({ url: `/page/${path}`, headers })).statusCode === 200;
const warmed = await measure(warming, ask, concurrency);
const loadsBefore = site.slices.stats.loads;
const route = await measure(sample, ask, concurrency);
// Slices the measured walk made (the warm-up made its own first): the shared one, a municipality's for a plan,
// municipality or source text page.
const routeSliceLoads = site.slices.stats.loads - loadsBefore;

// The reference: a municipality's pages of the same sample, rendered from the site's view and from the slice's.
const theirs = sample.filter((p) => { const key = sliceOf(p, site.summary, codes); return key !== undefined && key !== SHARED; }).slice(0, Number(values.reference));
const render = (path: string, view: 'site' | 'slice') => {
  const doc = site.document(path);
  if (!doc) return false;
  for (const lang of LANGS) {
    // From the slice: the shared context's links (no look-up per link), which only flatters the reference.
    const ctx = view === 'site' ? site.pageContext(lang, path) : { ...site.pageContext(lang), view: site.slices.get(sliceOf(path, site.summary, codes)!).view };
    resourcePage({ ctx, doc, alternates: [] });
  }
  return true;
};
const fromSite = await measure(theirs, (p) => render(p, 'site'));
const fromSlice = await measure(theirs, (p) => render(p, 'slice'));
console.log(
  JSON.stringify({
    build: config.buildDir,
    quads: manifest.quads,
    municipalities: codes.size,
    sitemapPages: all.length,
    sliceCacheEntries: config.sliceCacheEntries,
    route: { ...route, concurrency, gzip: values.gzip, sliceLoads: routeSliceLoads, warmUp: warmed },
    // Each of these renders a page in both languages (the pageContext's view is made per language).
    reference: { fromSite, fromSlice, slices: site.slices.stats },
  }),
);
await app.close();
await store.close();
site.close();
