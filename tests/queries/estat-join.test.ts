// queries/14-indicators-and-estat.rq: plan indicators next to e-Stat observations for the same area, federated
// through SERVICE. The e-Stat endpoint is replaced by a loopback SPARQL endpoint holding e-Stat-shaped data.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../../src/convert/index.ts';
import { toNQuads } from '../../src/rdf/serialize.ts';
import { ESTAT_SPARQL } from '../../src/rdf/vocab.ts';
import { classifyQuery } from '../../src/server/lib/query-classify.ts';
import { createLocalStore, type SparqlJson, type Store } from '../../src/store/index.ts';
import { startLoopbackEndpoint, type LoopbackEndpoint } from '../estat-endpoint.ts';
import { BASE } from './run-query.ts';

const FILE = 'queries/14-indicators-and-estat.rq';
let endpoint: LoopbackEndpoint;
let store: Store;

beforeAll(async () => {
  endpoint = await startLoopbackEndpoint(readFileSync('tests/fixtures/estat-census.ttl', 'utf8'));
  const { quads, manifest } = await convert({ root: process.cwd(), baseIri: BASE });
  store = createLocalStore({ workers: 1, timeoutMs: 30_000, maxRows: 10_000, serviceAllowlist: [endpoint.url], baseIri: BASE });
  await store.load(toNQuads(quads), manifest.version);
}, 60_000);
afterAll(async () => {
  await store?.close();
  await endpoint?.close();
});

const run = async (query: string) => {
  const c = classifyQuery(query, BASE);
  const answer = await store.query({ query, form: c.form, services: c.services, defaultGraphs: [], namedGraphs: [], resultsMediaType: 'application/sparql-results+json', graphMediaType: 'text/turtle', limit: c.limit, trailingValues: c.trailingValues });
  if (answer.kind !== 'results') throw new Error('not a SELECT answer');
  const json = JSON.parse(answer.body) as SparqlJson;
  return (json.results?.bindings ?? []).map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, (v as { value: string }).value])));
};

describe('14-indicators-and-estat.rq', () => {
  const text = readFileSync(FILE, 'utf8');

  it('reaches e-Stat through SERVICE, and only e-Stat', () => {
    expect(classifyQuery(text, BASE).services).toEqual([ESTAT_SPARQL]);
  });

  it('puts each 小金井市 indicator value next to the census population of 小金井市, and nothing else', async () => {
    const rows = await run(text.replaceAll(`<${ESTAT_SPARQL}>`, `<${endpoint.url}>`));
    expect(endpoint.queries.length).toBeGreaterThan(0);
    expect(rows.map((r) => [r.municipality, r.indicator, r.kind, r.fiscalYear, r.value, r.unit, r.censusYear, r.population])).toEqual([
      ['小金井市', '「住みやすい」と思う市民の割合', '現状値', '2019年度', '84.9', '%', '2015', '120000'],
      ['小金井市', '「住みやすい」と思う市民の割合', '現状値', '2019年度', '84.9', '%', '2020', '125000'],
      ['小金井市', '「住みやすい」と思う市民の割合', '目標値', '2025年度', '100', '%', '2015', '120000'],
      ['小金井市', '「住みやすい」と思う市民の割合', '目標値', '2025年度', '100', '%', '2020', '125000'],
      ['小金井市', '「住み続けたい」と思う市民の割合', '現状値', '2019年度', '82.4', '%', '2015', '120000'],
      ['小金井市', '「住み続けたい」と思う市民の割合', '現状値', '2019年度', '82.4', '%', '2020', '125000'],
      ['小金井市', '「住み続けたい」と思う市民の割合', '目標値', '2025年度', '100', '%', '2015', '120000'],
      ['小金井市', '「住み続けたい」と思う市民の割合', '目標値', '2025年度', '100', '%', '2020', '125000'],
    ]);
  }, 60_000);

  it('is refused when its endpoint is not in the allowlist', async () => {
    await expect(run(text)).rejects.toMatchObject({ code: 'service_not_allowed' });
  });
});
