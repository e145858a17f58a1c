// Shared test fixtures: a config with small limits and a store loaded with tests/fixtures/mini.nq; the store is the
// embedded one, or Virtuoso when the test run says STORE=virtuoso (vitest's "virtuoso" project; tests/virtuoso-setup.ts).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../src/config.ts';
import { buildApp } from '../src/server/index.ts';
import { createStore, type Store } from '../src/store/index.ts';

export const BASE = 'http://localhost:3000/';
export const MINI_NQ = readFileSync(fileURLToPath(new URL('./fixtures/mini.nq', import.meta.url)), 'utf8');
export const MINI_VERSION = '0123456789abcdef';
export const GRAPH_A = `${BASE}graph/132101/dai5ji-kihon-koso`;
export const GRAPH_B = `${BASE}graph/132101/dai2ki-jisshi`;
export const MUNICIPALITY = `${BASE}id/132101`;

/** The variables that choose the backend (STORE, VIRTUOSO_*), taken from the test run's environment. */
export const backendEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => k === 'STORE' || k.startsWith('VIRTUOSO_')));

/** Which backend this test run uses. */
export const BACKEND = process.env.STORE === 'virtuoso' ? 'virtuoso' : 'embedded';

export const testConfig = (sparql: Partial<Config['sparql']> = {}): Config => {
  const base = loadConfig({ ...backendEnv(), BASE_IRI: BASE, SPARQL_SERVICE_ALLOWLIST: ' ' }, process.cwd());
  return { ...base, sparql: { ...base.sparql, serviceAllowlist: [], workers: 1, ...sparql } };
};

/** A store whose every query fails with `error`: for testing how failures reach the client. */
export const failingStore = (error: Error, version: string): Store => ({
  version,
  load: async () => {},
  query: async () => Promise.reject(error),
  describe: async () => [],
  stats: async () => ({ defaultGraphTriples: 0, graphs: [] }),
  health: () => ({ ok: true, workersReady: 1, workersWanted: 1, workersReplaced: 0 }),
  close: async () => {},
});

export const loadedStore = async (config: Config, nquads = MINI_NQ): Promise<Store> => {
  const store = createStore(config);
  // A version per content: Virtuoso slots are found by version, so other N-Quads must not pose as the fixture.
  await store.load(nquads, BACKEND === 'embedded' || nquads === MINI_NQ ? MINI_VERSION : createHash('sha256').update(nquads).digest('hex').slice(0, 16));
  return store;
};

export interface TestApp {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly config: Config;
  close(): Promise<void>;
}

export const testApp = async (sparql: Partial<Config['sparql']> = {}): Promise<TestApp> => {
  const config = testConfig(sparql);
  const store = await loadedStore(config);
  const app = await buildApp(config, store, { version: MINI_VERSION });
  return { app, store, config, close: async () => (await app.close(), await store.close()) };
};

/** SPARQL prologue for the fixture's vocabularies. */
export const PROLOGUE = `PREFIX jpp: <https://w3id.org/jp-plan/def#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
`;

/** A cross product large enough to run for minutes on the fixture. */
export const HEAVY_QUERY = 'SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . ?p ?q ?r }';
