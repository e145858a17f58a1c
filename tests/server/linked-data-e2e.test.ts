// End to end: the Linked Data site on a real port, dereferenced by rdflib's Fetcher, which follows the 303 and parses the description.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteFixture, type SiteFixture } from '../site-helpers.ts';
import { freePort } from '../free-port.ts';

let f: SiteFixture;
let base: string;
beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}/`;
  f = await siteFixture(base);
  await f.app.listen({ host: '127.0.0.1', port });
});
afterAll(() => f.close());

describe('over HTTP with rdflib', () => {
  it('dereferences a municipality IRI (303 → Turtle) and finds its triples in the store', async () => {
    const rdflib = await import('rdflib');
    const store = rdflib.graph();
    const fetcher = new rdflib.Fetcher(store, { timeout: 10_000 });
    const municipality = rdflib.sym(`${base}id/132101`);
    await fetcher.load(municipality);
    const label = store.any(municipality, rdflib.sym('http://www.w3.org/2000/01/rdf-schema#label'), null, null);
    expect(store.holds(municipality, rdflib.sym('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), rdflib.sym('https://w3id.org/jp-plan/def#Municipality'))).toBe(true);
    expect(store.match(municipality, rdflib.sym('http://www.w3.org/2000/01/rdf-schema#label'), null).map((s) => s.object.value)).toContain('小金井市');
    expect(label).toBeTruthy();
    // an inbound link: the plan made by the municipality
    expect(store.holds(rdflib.sym(`${base}id/132101/plan/dai5ji-kihon-koso`), rdflib.sym('https://w3id.org/jp-plan/def#municipality'), municipality)).toBe(true);
  });

  it('dereferences an ontology term page and a quotation selector the same way', async () => {
    const rdflib = await import('rdflib');
    const store = rdflib.graph();
    const fetcher = new rdflib.Fetcher(store, { timeout: 10_000 });
    const selector = rdflib.sym(`${base}id/132101/plan/dai5ji-kihon-koso/measure/1/quote/title/exact`);
    await fetcher.load(selector);
    expect(store.any(selector, rdflib.sym('http://www.w3.org/ns/oa#exact'), null, null)?.value).toBe('みどりと水の環境整備');
    await fetcher.load(`${base}def/Plan`);
    expect(store.holds(rdflib.sym('https://w3id.org/jp-plan/def#Plan'), rdflib.sym('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), rdflib.sym('http://www.w3.org/2002/07/owl#Class'))).toBe(true);
  });

  it('sends the 303 with CORS headers to a cross-origin client', async () => {
    const r = await fetch(`${base}id/132101`, { redirect: 'manual', headers: { accept: 'application/ld+json', origin: 'https://example.org' } });
    expect(r.status).toBe(303);
    // Root-relative: the client stays on the host it reached.
    expect(r.headers.get('location')).toBe('/data/id/132101.jsonld');
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('access-control-expose-headers')).toContain('Location');
  });
});
