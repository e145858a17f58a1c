// Published IRIs are forever: every URL published under a plan's id before plan IRIs carried an edition key answers
// 301 to the same place under the new id, and the old IRIs are owl:sameAs the new ones in the data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, siteFixture, type SiteFixture } from '../../site-helpers.ts';

/** The plans whose IRIs changed, as published before (old id) and now. */
const RENAMED = [
  { code: '131121', from: 'kihon-keikaku', to: '2024-kihon-keikaku' },
  { code: '132110', from: 'kihon-koso', to: '2021-kihon-koso' },
  { code: '132292', from: 'kihon-koso', to: 'dai3ji-kihon-koso' },
];

let f: SiteFixture;
beforeAll(async () => {
  f = await siteFixture();
});
afterAll(() => f.close());

const get = (url: string, headers: Record<string, string> = {}) => f.app.inject({ method: 'GET', url, headers });

describe('former plan IRIs', () => {
  it.each(RENAMED)('every resource of $code/$from answers 301 to its new IRI, which dereferences', async ({ code, from, to }) => {
    const newPrefix = `id/${code}/plan/${to}`;
    const paths = f.site.documentPaths().filter((p) => p === newPrefix || p.startsWith(`${newPrefix}/`));
    expect(paths.length).toBeGreaterThan(5);
    for (const path of paths) {
      const old = `/id/${code}/plan/${from}${path.slice(newPrefix.length)}`;
      const r = await get(old, { accept: 'text/turtle' });
      expect(r.statusCode, old).toBe(301);
      expect(r.headers.location, old).toBe(`/${path}`);
      const now = await get(`/${path}`, { accept: 'text/turtle' });
      expect(now.statusCode, path).toBe(303);
    }
  });

  it.each(RENAMED)('the documents, page, graph, dataset and dump of $code/$from move too', async ({ code, from, to }) => {
    const moved: [string, string][] = [
      [`/data/id/${code}/plan/${from}.ttl`, `/data/id/${code}/plan/${to}.ttl`],
      [`/data/id/${code}/plan/${from}/vision/1.jsonld`, `/data/id/${code}/plan/${to}/vision/1.jsonld`],
      [`/page/id/${code}/plan/${from}?lang=en`, `/page/id/${code}/plan/${to}?lang=en`],
      [`/graph/${code}/${from}`, `/graph/${code}/${to}`],
      [`/dataset/${code}/${from}`, `/dataset/${code}/${to}`],
      [`/dumps/plans/${code}-${from}.ttl`, `/dumps/plans/${code}-${to}.ttl`],
    ];
    for (const [old, now] of moved) {
      const r = await get(old);
      expect(r.statusCode, old).toBe(301);
      expect(r.headers.location, old).toBe(now);
    }
    expect((await get(`/dumps/plans/${code}-${to}.ttl`)).statusCode).toBe(200);
  });

  it.each(RENAMED)('answers 404 at once, not a 301 to a 404, for names under $code/$from that never existed', async ({ code, from }) => {
    for (const old of [
      `/id/${code}/plan/${from}/goal/999`,
      `/id/${code}/plan/${from}/nonsense`,
      `/id/${code}/plan/${from}.ttl`,
      `/data/id/${code}/plan/${from}/goal/999.ttl`,
      `/data/id/${code}/plan/${from}.pdf`,
      `/data/id/${code}/plan/${from}/nonsense`,
      `/page/id/${code}/plan/${from}/goal/999?lang=en`,
      `/graph/${code}/${from}/nonsense`,
      `/dataset/${code}/${from}/distribution/pdf`,
      `/dumps/plans/${code}-${from}.pdf`,
      `/dumps/plans/${code}-${from}/x.ttl`,
    ]) {
      for (const method of ['GET', 'HEAD'] as const) {
        const r = await f.app.inject({ method, url: old, headers: { accept: 'text/turtle' } });
        expect(r.statusCode, `${method} ${old}`).toBe(404);
        expect(r.headers.location, old).toBeUndefined();
      }
    }
    // The same kinds of name that do exist still move, percent-encoded ones included.
    const [path] = f.site.documentPaths().filter((p) => p.startsWith(`id/${code}/plan/`) && p.split('/').length === 6);
    const tail = path!.split('/').slice(4).join('/');
    const encoded = await get(`/id/${code}/plan/${from}/${tail.replace(/[a-z]/, (c) => `%${c.charCodeAt(0).toString(16)}`)}`);
    expect(encoded.statusCode).toBe(301);
    for (const ok of [`/data/id/${code}/plan/${from}/${tail}`, `/page/id/${code}/plan/${from}/${tail}`, `/dataset/${code}/${from}/distribution/ttl`])
      expect((await get(ok)).statusCode, ok).toBe(301);
  });

  it('leaves other URLs alone: a name that only starts like a former id is not found', async () => {
    expect((await get('/id/132110/plan/kihon-kosoX', { accept: 'text/turtle' })).statusCode).toBe(404);
    expect((await get('/id/132101/plan/dai5ji-kihon-koso', { accept: 'text/turtle' })).statusCode).toBe(303);
  });

  it('tells SPARQL users the old IRIs name the same resources (owl:sameAs), without describing them as resources', () => {
    const sameAs = f.dataset.quads.filter((q) => q.predicate.value === 'http://www.w3.org/2002/07/owl#sameAs');
    expect(sameAs.map((q) => `${q.subject.value} ${q.object.value}`)).toContain(
      `${BASE}id/132110/plan/kihon-koso/goal/1 ${BASE}id/132110/plan/2021-kihon-koso/goal/1`,
    );
    expect(f.site.document('id/132110/plan/kihon-koso/goal/1')).toBeUndefined();
  });
});
