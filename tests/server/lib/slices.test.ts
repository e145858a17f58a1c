// Documents made per slice (a municipality's plan graphs + the vocabulary, or the shared slice) are the documents the
// whole dataset gives, for every path of the five-plan build; the slice cache stays within its bound.
import { cpSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, type Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INBOUND_CAP } from '../../../src/convert/index.ts';
import {
  buildCatalog,
  buildDocumentIndex,
  buildVoid,
  CatalogIndex,
  catalogDescriptions,
  describeNamedGraphs,
  distinctTriples,
  graphDescriptions,
  parseCatalogFile,
  DOCUMENT_EXTS,
  type DocumentIndex,
} from '../../../src/documents/index.ts';
import { datasetFactsOf } from '../../../src/convert/index.ts';
import { quadLine, serializeQuads } from '../../../src/rdf/serialize.ts';
import { siteUrls } from '../../../src/rdf/uris.ts';
import { loadSite } from '../../../src/server/lib/site.ts';
import { searchOptions, searchResponse } from '../../../src/pages/search-page.ts';
import { BASE, siteFixture, type SiteFixture } from '../../site-helpers.ts';

let f: SiteFixture;
/** The reference: every document built at once from the whole dataset, as the server did before slices. */
let whole: DocumentIndex;
beforeAll(async () => {
  f = await siteFixture();
  const urls = siteUrls(BASE);
  const quads = new Parser({ format: 'N-Quads' }).parse(readFileSync(join(f.config.buildDir, 'dataset.nq'), 'utf8'));
  const triples = distinctTriples(quads);
  const facts = parseCatalogFile('data/catalog.yaml', readFileSync('data/catalog.yaml', 'utf8'));
  const manifest = f.dataset.manifest;
  const data = datasetFactsOf(BASE, manifest.graphs, quads);
  const vocabulary = quads.filter((q) => q.graph.value === manifest.graphs[0]!.iri);
  const namedGraphs = describeNamedGraphs({ data, manifest, facts, urls });
  const catalog = buildCatalog({ data, vocabulary, manifest, facts, urls, namedGraphs });
  const voidQuads = buildVoid({ data, manifest, facts, urls, namedGraphs });
  const catalogIndex = new CatalogIndex(catalog, urls.catalog());
  whole = buildDocumentIndex(triples, urls, [graphDescriptions({ namedGraphs, voidQuads, catalog: catalogIndex, manifest, urls }), catalogDescriptions(catalogIndex, urls)]);
});
afterAll(() => f.close());

const lines = (quads: readonly Quad[]) => quads.map(quadLine).sort();

describe('slices', () => {
  it('give every path the whole dataset gives, and no other', () => {
    expect(f.site.documentPaths()).toEqual([...whole.byPath.keys()].sort());
  });

  it('give each document the same own, inbound and context triples as the whole dataset', () => {
    expect(whole.byPath.size).toBeGreaterThan(1000);
    for (const [path, expected] of whole.byPath) {
      const doc = f.site.document(path);
      expect(doc, path).toBeDefined();
      expect({ path, iri: doc!.iri, kind: doc!.kind }).toEqual({ path, iri: expected.iri, kind: expected.kind });
      expect(lines(doc!.own), `own ${path}`).toEqual(lines(expected.own));
      expect(lines(doc!.inbound), `inbound ${path}`).toEqual(lines(expected.inbound));
      expect(lines(doc!.context), `context ${path}`).toEqual(lines(expected.context));
    }
  });

  it('cut no hub of the five plans: every shared resource has fewer inbound triples than the cap', () => {
    expect(f.site.summary.truncated).toEqual({});
    const shared = [...whole.byPath.values()].filter((d) => !/^id\/\d{6}(\/|$)/.test(d.path) && !d.path.startsWith('sources/'));
    const most = Math.max(...shared.map((d) => d.inbound.length));
    expect(most).toBeGreaterThan(10);
    expect(most).toBeLessThan(INBOUND_CAP);
  });

  it('map paths to slices without reading data: an unknown municipality has no document and makes no slice', () => {
    const before = f.site.slices.stats.loads;
    expect(f.site.document('id/999999/plan/x')).toBeUndefined();
    expect(f.site.slices.stats.loads).toBe(before);
  });

  it('know every document path from the paths index, and no other, without making a slice', async () => {
    const site = await loadSite({ ...f.config, sliceCacheEntries: 1 }, f.dataset.manifest);
    try {
      for (const path of whole.byPath.keys()) expect(site.hasDocument(path), path).toBe(true);
      for (const path of ['id/132101/plan/nope', 'id/132101/', 'def/Nope', 'graph/132101/nope', 'sources/nope.txt', '', 'ontology/x'])
        expect(site.hasDocument(path), path).toBe(false);
      // An absent path in a built municipality is answered without its slice.
      expect(site.document('id/132101/plan/nope')).toBeUndefined();
      expect(site.slices.stats.loads).toBe(0);
    } finally {
      site.close();
    }
  });
});

describe('search', () => {
  it('lists hits from several municipalities without making their slices', async () => {
    const site = await loadSite(f.config, f.dataset.manifest);
    try {
      const ctx = site.pageContext('ja');
      expect(site.slices.stats).toMatchObject({ held: 0, shared: true, loads: 1 });
      const req = { q: 'まちづくり', page: 1 };
      const response = searchResponse(ctx, req, await site.search(req.q, searchOptions(req)));
      expect(new Set(response.results.map((x) => x.municipality)).size).toBeGreaterThan(1);
      expect(response.results.every((x) => x.label && x.municipality && x.type)).toBe(true);
      expect(site.slices.stats.loads).toBe(1);
    } finally {
      site.close();
    }
  });
});

describe('a build without slices', () => {
  it('is refused with a message naming the manifest and what to run', async () => {
    const manifest = { ...f.dataset.manifest, files: f.dataset.manifest.files.filter((x) => x.path !== 'site.json') };
    await expect(loadSite(f.config, manifest)).rejects.toThrow(/manifest\.json: lists no site\.json .*npm run convert/);
  });
});

describe('start-up', () => {
  it('reads no data: with dataset.nq unreadable and no plan graph, the site, its catalog and VoID load the same', async () => {
    const copy = `${f.config.buildDir}-no-data`;
    cpSync(f.config.buildDir, copy, { recursive: true });
    try {
      // Same length (the dumps are checked by size), not N-Quads: parsing it would fail.
      writeFileSync(join(copy, 'dataset.nq'), 'x'.repeat(statSync(join(copy, 'dataset.nq')).size));
      for (const p of f.site.summary.plans) rmSync(join(copy, p.file));
      const site = await loadSite({ ...f.config, buildDir: copy }, f.dataset.manifest);
      expect(lines(site.catalog)).toEqual(lines(f.site.catalog));
      expect(lines(site.void)).toEqual(lines(f.site.void));
      expect((await site.metadataBody('void', 'ttl')).equals(await f.site.metadataBody('void', 'ttl'))).toBe(true);
      expect(site.slices.stats.loads).toBe(0);
      site.close();
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('refuses a build without facts.json, naming the manifest and what to run', async () => {
    const manifest = { ...f.dataset.manifest, files: f.dataset.manifest.files.filter((x) => x.path !== 'facts.json') };
    await expect(loadSite(f.config, manifest)).rejects.toThrow(/manifest\.json: lists no facts\.json .*npm run convert/);
  });
});

describe('a build swapped in under a loaded one', () => {
  it('answers 503 for a slice not yet made, never a mix of the two builds', async () => {
    const copy = `${f.config.buildDir}-swapped`;
    cpSync(f.config.buildDir, copy, { recursive: true });
    try {
      const site = await loadSite({ ...f.config, buildDir: copy }, f.dataset.manifest);
      writeFileSync(join(copy, 'graphs/132101-dai5ji-kihon-koso.nq'), '');
      let error: unknown;
      try {
        site.pageContext('ja', 'id/132101');
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ status: 503, message: expect.stringMatching(/graphs\/132101-dai5ji-kihon-koso\.nq: the build changed/) });
      expect(site.pageContext('ja', 'id/132217').view.municipalities.length).toBeGreaterThan(0);
      // Documents come from the rows file the site opened at start-up, not from the graph files.
      expect(site.document('id/132101')?.own.length).toBeGreaterThan(0);
      site.close();
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('documents', () => {
  it('are made from their rows without making a slice, each time with the same bytes, and kept only where prepared for sending', async () => {
    const site = await loadSite(f.config, f.dataset.manifest);
    try {
      const a = site.document('id/132101')!;
      const first = await site.documentBody(a, 'ttl');
      await site.documentBody(site.document('id/132217')!, 'ttl');
      // The body cache holds no second copy of what the representation cache keeps.
      expect(site.bodies.size).toBe(0);
      const again = await site.documentBody(site.document('id/132101')!, 'ttl');
      expect(again.equals(first)).toBe(true);
      expect(site.slices.stats.loads).toBe(0);
    } finally {
      site.close();
    }
  });
});

describe('descriptions', () => {
  it('made in the document threads are, byte for byte, the bodies made on the main thread, in every format', async () => {
    const site = await loadSite({ ...f.config, documentThreads: 2 }, f.dataset.manifest);
    try {
      const paths = [...whole.byPath.keys()].filter((p) => /^id\/\d{6}(\/|$)/.test(p));
      // Every municipality resource in Turtle; a spread of them in the other formats.
      const asked = [...paths.map((p) => [p, 'ttl'] as const), ...paths.filter((_, i) => i % 25 === 0).flatMap((p) => DOCUMENT_EXTS.map((e) => [p, e] as const))];
      expect(paths.length).toBeGreaterThan(500);
      // Asked 200 at a time: more waiting than the threads' queue takes are refused with 503.
      const made: Awaited<ReturnType<typeof site.description>>[] = [];
      for (let i = 0; i < asked.length; i += 200) made.push(...(await Promise.all(asked.slice(i, i + 200).map(([p, e]) => site.description(p, e)))));
      for (const [i, [p, e]] of asked.entries()) {
        const doc = site.document(p)!;
        expect(made[i]?.iri, p).toBe(doc.iri);
        expect(made[i]!.body.toString('utf8'), `${p}.${e}`).toBe((await site.documentBody(doc, e)).toString('utf8'));
      }
      // The JSON-LD of the own triples that a page embeds.
      for (const p of paths.filter((_, i) => i % 5 === 0)) {
        expect((await site.ownJsonLd(p)).toString('utf8'), `own ${p}`).toBe(await serializeQuads(site.document(p)!.own, 'application/ld+json'));
      }
      await expect(site.ownJsonLd('id/132101/plan/nope')).rejects.toMatchObject({ status: 404 });
      expect(site.slices.stats.loads).toBe(0);
      // A shared resource's, from the shared slice; none for a path without a document.
      expect((await site.description('id/theme', 'ttl'))?.iri).toBe(whole.byPath.get('id/theme')?.iri);
      expect(await site.description('id/132101/plan/nope', 'ttl')).toBeUndefined();
      expect(await site.description('id/999999', 'ttl')).toBeUndefined();
    } finally {
      site.close();
    }
  });
});

describe('the slice cache', () => {
  it('holds at most SLICE_CACHE_ENTRIES slices and makes the same page view again after evicting one', async () => {
    const site = await loadSite({ ...f.config, sliceCacheEntries: 1 }, f.dataset.manifest);
    try {
      const first = site.pageContext('ja', 'id/132101').view;
      site.pageContext('ja', 'id/132217');
      expect(site.slices.stats.held).toBe(1);
      const again = site.pageContext('ja', 'id/132101').view;
      expect(again).not.toBe(first);
      expect([...again.elements.keys()]).toEqual([...first.elements.keys()]);
      expect(site.slices.stats).toMatchObject({ held: 1, max: 1 });
      expect(site.slices.stats.loads).toBeGreaterThanOrEqual(3);
    } finally {
      site.close();
    }
  });
});
