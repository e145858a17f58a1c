// Federated queries: SERVICE goes through Comunica to allowlisted endpoints only, joined with the local data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/index.ts';
import { StoreError, type QueryRequest, type Store } from '../../src/store/index.ts';
import { startFakeEndpoint, type FakeEndpoint } from '../fake-sparql-server.ts';
import { loadedStore, MINI_VERSION, MUNICIPALITY, PROLOGUE, testConfig } from '../helpers.ts';

const POPULATION = 'http://example.org/population';
let allowed: FakeEndpoint;
let other: FakeEndpoint;
let store: Store;

beforeAll(async () => {
  const answer = { head: { vars: ['pop'] }, results: { bindings: [{ pop: { type: 'literal', value: '126074' } }] } };
  allowed = await startFakeEndpoint(answer);
  other = await startFakeEndpoint(answer);
  store = await loadedStore(testConfig({ serviceAllowlist: [allowed.url, allowed.silentUrl], timeoutMs: 1_500 }));
});
afterAll(async () => {
  await store.close();
  await allowed.close();
  await other.close();
});

const request = (query: string): QueryRequest => ({
  query,
  form: 'SELECT',
  services: [...query.matchAll(/SERVICE <([^>]+)>/g)].map((m) => m[1]!),
  defaultGraphs: [],
  namedGraphs: [],
  resultsMediaType: 'application/sparql-results+json',
  graphMediaType: 'text/turtle',
});
const joinQuery = (endpoint: string) =>
  `${PROLOGUE}SELECT ?label ?pop WHERE { <${MUNICIPALITY}> rdfs:label ?label . FILTER(lang(?label) = "en") SERVICE <${endpoint}> { <${MUNICIPALITY}> <${POPULATION}> ?pop } }`;

describe('federation', () => {
  it('joins local data with an allowlisted endpoint', async () => {
    const answer = await store.query(request(joinQuery(allowed.url)));
    expect(answer.kind).toBe('results');
    const body = JSON.parse(answer.kind === 'results' ? answer.body : '{}') as { results: { bindings: Record<string, { value: string }>[] } };
    expect(body.results.bindings.map((b) => [b['label']?.value, b['pop']?.value])).toEqual([['Koganei City', '126074']]);
    expect(allowed.queries.some((q) => q.includes(POPULATION))).toBe(true);
  });

  it('refuses any other endpoint without contacting it', async () => {
    const before = other.requests();
    await expect(store.query(request(joinQuery(other.url)))).rejects.toMatchObject({ code: 'service_not_allowed' });
    expect(other.requests()).toBe(before);
  });

  it('does not follow an allowlisted endpoint that redirects elsewhere', async () => {
    const before = other.requests();
    const asked = allowed.requests();
    allowed.redirectTo(other.url);
    try {
      const error = await store.query(request(joinQuery(allowed.url))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      // The allowlisted endpoint was reached (and answered with a redirect); the query did not fail earlier.
      expect(allowed.requests()).toBeGreaterThan(asked);
      expect((error as StoreError).code).not.toBe('service_not_allowed');
      expect(other.requests()).toBe(before);
    } finally {
      allowed.redirectTo(undefined);
    }
  });

  it('stops a federated query that outlives the timeout', async () => {
    const error = await store.query(request(joinQuery(allowed.silentUrl))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('timeout');
    // A stopped federated query leaves nothing behind that slows or breaks the next ones.
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      await expect(store.query(request(joinQuery(allowed.url)))).resolves.toMatchObject({ kind: 'results', rows: 1 });
      expect(Date.now() - started).toBeLessThan(1_000);
    }
  });
});

describe('federation through the endpoint', () => {
  it('answers an allowlisted SERVICE query and refuses others with 400', async () => {
    const config = testConfig({ serviceAllowlist: [allowed.url] });
    const app = await buildApp(config, store, { version: MINI_VERSION });
    const ok = await app.inject({ url: `/sparql?query=${encodeURIComponent(joinQuery(allowed.url))}&format=csv` });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('label,pop\r\nKoganei City,126074\r\n');
    const before = other.requests();
    const refused = await app.inject({ url: `/sparql?query=${encodeURIComponent(joinQuery(other.url))}` });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(allowed.url);
    expect(other.requests()).toBe(before);
    const sd = await app.inject({ url: '/sparql', headers: { accept: 'application/n-triples' } });
    expect(sd.body).toContain('<http://www.w3.org/ns/sparql-service-description#BasicFederatedQuery>');
    await app.close();
  });
});
