// Test helper: the real dataset, converted in memory and loaded into the embedded store, and a way to run queries/*.rq on it.
import { readFileSync } from 'node:fs';
import { convert } from '../../src/convert/index.ts';
import { toNQuads } from '../../src/rdf/serialize.ts';
import { classifyQuery } from '../../src/server/lib/query-classify.ts';
import { createLocalStore, type SparqlJson, type Store } from '../../src/store/index.ts';

export const BASE = 'http://localhost:3000/';

/** `root`: the project root whose data is converted (a test fixture's temp root, or the project's own). */
export const realStore = async (root = process.cwd()): Promise<Store> => {
  const { quads, manifest } = await convert({ root, baseIri: BASE });
  const store = createLocalStore({ workers: 1, timeoutMs: 30_000, maxRows: 100_000, serviceAllowlist: [], baseIri: BASE });
  await store.load(toNQuads(quads), manifest.version);
  return store;
};

/** Runs a query file and returns its rows as plain {variable: value} records. */
export const runQueryFile = async (store: Store, file: string): Promise<Record<string, string>[]> => {
  const query = readFileSync(`queries/${file}`, 'utf8');
  const c = classifyQuery(query, BASE);
  const answer = await store.query({ query, form: c.form, services: c.services, defaultGraphs: [], namedGraphs: [], resultsMediaType: 'application/sparql-results+json', graphMediaType: 'text/turtle', limit: c.limit, trailingValues: c.trailingValues });
  if (answer.kind !== 'results') throw new Error(`${file} is not a SELECT query`);
  const json = JSON.parse(answer.body) as SparqlJson;
  return (json.results?.bindings ?? []).map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, (v as { value: string }).value])));
};
