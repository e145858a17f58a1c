// An element's page, rendered from the view made of its own rows (documents/element-view.ts), is the page its
// municipality's whole slice gives, and so is the page of a resource under an element (a value, a quote selection, a
// selector), rendered from its owner's view, and of what describes a plan (resourceViewIndex): on the real plans and on
// a synthetic build with plans of two editions. The page the document threads make of each is that page too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGS } from '../../../src/documents/index.ts';
import { documentAlternates, resourcePage } from '../../../src/pages/index.ts';
import type { Site } from '../../../src/server/lib/site.ts';
import { sliceOf } from '../../../src/documents/slice-keys.ts';
import { siteFixture, syntheticSite, type SiteFixture } from '../../site-helpers.ts';

/** Compares every element page of every municipality in both languages; returns how many pages and which classes. */
const comparePages = (site: Site) => {
  const codes = new Set(site.summary.plans.map((p) => p.code));
  let pages = 0;
  const classes = new Set<string>();
  for (const code of codes) {
    const sliceView = site.slices.get(code).view;
    for (const e of sliceView.elements.values()) {
      if (sliceOf(e.path, site.summary, codes) !== code) continue;
      const doc = site.document(e.path)!;
      for (const lang of LANGS) {
        const ctx = site.pageContext(lang, e.path);
        expect(ctx.view, `${e.path}: made from its rows`).not.toBe(sliceView);
        const page = (view: typeof sliceView) => resourcePage({ ctx: { ...ctx, view }, doc, alternates: [] });
        expect(page(ctx.view), `${lang} ${e.path}`).toBe(page(sliceView));
        pages++;
      }
      classes.add(e.cls);
    }
  }
  return { pages, classes };
};

/**
 * Compares the page of every other resource of each municipality (every `stride`-th of them) in both languages with
 * the page its slice gives; returns how many were made from rows and the paths left to the slice.
 */
const compareOtherPages = (site: Site, stride = 1) => {
  const codes = new Set(site.summary.plans.map((p) => p.code));
  let fromRows = 0;
  const fromSlice: string[] = [];
  for (const code of codes) {
    const slice = site.slices.get(code);
    const paths = [...slice.documents.byPath.keys()].filter((p) => sliceOf(p, site.summary, codes) === code && !slice.view.elements.has(site.urls.iriOf(p)!));
    paths.forEach((path, i) => {
      if (i % stride !== 0) return;
      const doc = site.document(path)!;
      for (const lang of LANGS) {
        const ctx = site.pageContext(lang, path);
        if (ctx.view === slice.view) {
          if (lang === 'ja') fromSlice.push(path);
          continue;
        }
        const page = (view: typeof ctx.view) => resourcePage({ ctx: { ...ctx, view }, doc, alternates: [] });
        expect(page(ctx.view), `${lang} ${path}`).toBe(page(slice.view));
        fromRows++;
      }
    });
  }
  return { fromRows, fromSlice };
};

/**
 * Compares the page `site.resourcePage` serves of every resource of each municipality (every `stride`-th), in both
 * languages, with the whole page rendered here from its slice's view; returns how many came from the document threads.
 */
const compareServedPages = async (site: Site, stride = 1) => {
  const codes = new Set(site.summary.plans.map((p) => p.code));
  let inThreads = 0;
  let pages = 0;
  for (const code of codes) {
    const slice = site.slices.get(code);
    const paths = [...slice.documents.byPath.keys()].filter((p, i) => i % stride === 0 && sliceOf(p, site.summary, codes) === code);
    for (const path of paths) {
      const doc = site.document(path)!;
      const jsonld = (await site.ownJsonLd(path)).toString('utf8');
      for (const lang of LANGS) {
        const served = await site.resourcePage(path, lang);
        const ctx = site.pageContext(lang, path);
        const dataset = site.datasetMarkup.get(site.urls.page(path))?.[lang];
        const expected = resourcePage({ ctx: { ...ctx, view: slice.view }, doc, alternates: documentAlternates(site.urls, path), jsonld, dataset });
        expect(served.toString(), `${lang} ${path}`).toBe(expected);
        pages++;
        // The threads answer with bytes, the main thread with a string.
        if (Buffer.isBuffer(served)) inThreads++;
      }
    }
  }
  return { pages, inThreads };
};

describe('element pages from rows, on the real plans', () => {
  let f: SiteFixture;
  beforeAll(async () => {
    f = await siteFixture();
  }, 120_000);
  afterAll(() => f?.close());

  it('are the pages the slices give', { timeout: 300_000 }, () => {
    const { pages, classes } = comparePages(f.site);
    expect(pages).toBeGreaterThan(400);
    expect(classes).toContain('Indicator');
    expect(classes).toContain('Measure');
  });

  it('give the pages of values, quotes, selectors and what describes a plan from rows, the pages the slices give', { timeout: 300_000 }, () => {
    const { fromRows, fromSlice } = compareOtherPages(f.site);
    expect(fromRows).toBeGreaterThan(2000);
    // Only what shows a whole plan or more keeps its slice's view: plans and their parts, municipalities, source texts.
    const codes = new Set(f.site.summary.plans.map((p) => p.code));
    const view = (path: string) => f.site.slices.get(sliceOf(path, f.site.summary, codes)!).view;
    const kept = fromSlice.filter((path) => {
      const iri = f.site.urls.iriOf(path)!;
      return !(path.startsWith('sources/') || view(path).plans.has(iri) || view(path).municipalities.some((m) => m.iri === iri));
    });
    expect(kept).toEqual([]);
    expect(fromSlice.filter((p) => p.startsWith('sources/')).length).toBeGreaterThanOrEqual(codes.size);
  });

  it('are served from the document threads, whole (links, formats, JSON-LD, dataset markup), as the slices give them', { timeout: 300_000 }, async () => {
    const { pages, inThreads } = await compareServedPages(f.site);
    expect(pages).toBeGreaterThan(2500);
    // All but the municipalities, plans, parts and source texts (compareOtherPages: their slices' views).
    expect(inThreads).toBeGreaterThan(pages * 0.95);
    expect(inThreads).toBeLessThan(pages);
  });

  it('leave plans, municipalities and themes to their slices', () => {
    const plan = f.site.summary.plans[0]!;
    const path = f.site.urls.pathOf(plan.iri)!;
    expect(f.site.pageContext('ja', path).view).toBe(f.site.slices.get(plan.code).view);
    expect(f.site.pageContext('ja', `id/${plan.code}`).view).toBe(f.site.slices.get(plan.code).view);
  });
});

describe('element pages from rows, on a synthetic build', () => {
  let synthetic: Awaited<ReturnType<typeof syntheticSite>>;
  beforeAll(async () => {
    synthetic = await syntheticSite();
  }, 300_000);
  afterAll(() => synthetic?.close());

  it('are the pages the slices give', { timeout: 300_000 }, () => {
    const { pages, classes } = comparePages(synthetic.site);
    expect(pages).toBeGreaterThan(2000);
    expect(classes).toContain('Indicator');
  });

  it('give the pages of values, quotes, selectors and what describes a plan from rows, the pages the slices give', { timeout: 300_000 }, () => {
    const { fromRows } = compareOtherPages(synthetic.site, 7);
    expect(fromRows).toBeGreaterThan(2000);
  });

  it('are served from the document threads as the slices give them', { timeout: 300_000 }, async () => {
    const { pages, inThreads } = await compareServedPages(synthetic.site, 11);
    expect(pages).toBeGreaterThan(1000);
    expect(inThreads).toBeGreaterThan(pages * 0.9);
  });
});
