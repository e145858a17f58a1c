// A Linked Data crawler's walk: every k-th document of a build's sitemap, in a seeded random order, asked for in one
// RDF syntax (/data/<path>.<ext>) through the route in process, `--concurrency N` in flight, each made the first time
// (by the document threads from the build's rows, or from the shared slice), with the CPU each took (every thread)
// and the main thread's busy time; after as many other documents (`--warm-up N`) walked the same way first, since a
// fresh process makes its first thousands of documents at twice the cost (V8 compiling their paths, threads loading).
// As the reference in the same run, the same documents asked for again: then prepared (the representation cache holds
// them all), so they cost HTTP and a look-up alone. Last, a municipality's documents of the sample made on the main
// thread as a document thread makes them, per document: its rows read and its document made, and its serialization;
// and, in Turtle, its stored body read as a document thread serves it (convert/document-bodies.ts).
// `npm run bench:documents [-- --documents 4000 --warm-up 4000 --concurrency 10 --ext ttl]`; SYNTHETIC=true for build-synth/ (SITE_ROOT: a
// root whose data/sources holds the source texts, as for bench/pages.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Parser } from 'n3';
import { loadConfig } from '../src/config.ts';
import { documentFromRows, vocabularyIndex } from '../src/convert/document-bodies.ts';
import { openDocumentRows } from '../src/convert/document-rows.ts';
import { DOCUMENTS_FILE, ensureBuild, readVerifiedBuild, truncationOf } from '../src/convert/index.ts';
import { parseCatalogFile } from '../src/documents/catalog-file.ts';
import { isDocumentExt } from '../src/documents/formats.ts';
import { compactQuads } from '../src/rdf/owned-terms.ts';
import { siteUrls } from '../src/rdf/uris.ts';
import { buildApp } from '../src/server/app.ts';
import { documentBody } from '../src/rdf/document-body.ts';
import { loadSite } from '../src/server/lib/site.ts';
import { SHARED, sliceOf } from '../src/documents/slice-keys.ts';
import { createStore } from '../src/store/index.ts';
import { measure, sitemapPaths, warmUpAndSample } from './crawl.ts';

const { values } = parseArgs({
  options: { documents: { type: 'string', default: '4000' }, 'warm-up': { type: 'string', default: '4000' }, seed: { type: 'string', default: '1' }, concurrency: { type: 'string', default: '10' }, ext: { type: 'string', default: 'ttl' } },
});
const ext = values.ext;
if (!isDocumentExt(ext)) throw new Error(`--ext: one of the document extensions (ttl, jsonld, nt, rdf), got ${ext}`);
const want = Number(values.documents);

const loaded = loadConfig({ ...process.env, SPARQL_WORKERS: '1' });
// Every document of the sample is kept once made, so that the second pass is the prepared one.
const config = { ...loaded, root: process.env.SITE_ROOT ?? loaded.root, reloadWatch: false, http: { ...loaded.http, documentCacheEntries: want, documentCacheBytes: 2 ** 31 } };
await ensureBuild(config);
const { manifest } = readVerifiedBuild(config.buildDir, config.synthetic);

// A page's variants (`?m=`, a theme's page for one municipality) are no documents.
const all = sitemapPaths(config.buildDir, config.baseIri).filter((p) => !p.includes('?'));
const [warming, sample] = warmUpAndSample(all, Number(values['warm-up']), want, Number(values.seed));
const site = await loadSite(config, manifest);
const store = createStore(config);
const app = await buildApp(config, store, manifest, { site });

const concurrency = Number(values.concurrency);
const ask = async (path: string) => (await app.inject({ url: `/data/${path}.${ext}` })).statusCode === 200;
const warmed = await measure(warming, ask, concurrency);
const made = await measure(sample, ask, concurrency);
const kept = site.representations.size;
const prepared = await measure(sample, ask, concurrency);

// A document thread's work, here: rows read and document made, then serialized (document-worker.ts).
const codes = new Set(site.summary.plans.map((p) => p.code));
const theirs = sample.filter((p) => {
  const key = sliceOf(p, site.summary, codes);
  return key !== undefined && key !== SHARED;
});
const urls = siteUrls(config.baseIri);
const vocabulary = vocabularyIndex(compactQuads(new Parser({ format: 'N-Quads' }).parse(readFileSync(join(config.buildDir, site.summary.vocabularyFile), 'utf8'))));
const { license } = parseCatalogFile('data/catalog.yaml', readFileSync(join(config.root, 'data/catalog.yaml'), 'utf8'));
const rows = openDocumentRows(join(config.buildDir, DOCUMENTS_FILE), config.baseIri, license);
const facts = { urls, license };
let making = 0;
let serializing = 0;
let reading = 0;
let stored = 0;
let bytes = 0;
for (const path of theirs) {
  const code = sliceOf(path, site.summary, codes)!;
  if (ext === 'ttl') {
    const t = performance.now();
    if (rows.turtle(code, urls.iriOf(path)!)) stored++;
    reading += performance.now() - t;
  }
  const slice = rows.slice(code);
  const t0 = performance.now();
  const doc = documentFromRows(urls.iriOf(path)!, path, slice, vocabulary);
  const t1 = performance.now();
  if (doc) bytes += (await documentBody(doc, ext, facts, truncationOf(site.summary, doc.iri))).byteLength;
  making += t1 - t0;
  serializing += performance.now() - t1;
}
rows.close();
const each = (total: number) => +(total / Math.max(1, theirs.length)).toFixed(3);

console.log(
  JSON.stringify({
    build: config.buildDir,
    quads: manifest.quads,
    sitemapDocuments: all.length,
    ext,
    concurrency,
    route: { warmUp: warmed, made, prepared, kept },
    inProcess: {
      n: theirs.length,
      makeMsEach: each(making),
      serializeMsEach: each(serializing),
      bytesEach: Math.round(bytes / Math.max(1, theirs.length)),
      ...(ext === 'ttl' ? { stored, storedReadMsEach: each(reading) } : {}),
    },
  }),
);
await app.close();
await store.close();
site.close();
