// The engine workers recover: a query that breaks a worker costs that query only, memory is given back, a new
// dataset comes in without failing a query, and /healthz says what the pool can do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/index.ts';
import type { QueryRequest, Store } from '../../src/store/index.ts';
import { loadedStore, MINI_VERSION, testConfig } from '../helpers.ts';

const select = (query: string): QueryRequest => ({
  query,
  form: 'SELECT',
  services: [],
  defaultGraphs: [],
  namedGraphs: [],
  resultsMediaType: 'text/csv',
  graphMediaType: 'text/turtle',
});
const COUNT = 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o }';
/** About 700 nested groups overflow the WASM stack ("memory access out of bounds" in the old pool). */
const DEEP = `SELECT (COUNT(*) AS ?n) WHERE ${'{'.repeat(700)} ?s ?p ?o ${'}'.repeat(700)}`;

/** Waits (bounded) until the pool is back to full strength. */
const untilFull = async (store: Store) => {
  for (let i = 0; i < 300 && store.health().workersReady < store.health().workersWanted; i++) await new Promise((r) => setTimeout(r, 100));
};

describe('a query that breaks its worker', () => {
  let store: Store;
  beforeAll(async () => {
    store = await loadedStore(testConfig({ workers: 2, timeoutMs: 20_000 }));
  });
  afterAll(() => store.close());

  it('fails alone (503, not 500), and every later query is answered', async () => {
    const broken = await Promise.allSettled([store.query(select(DEEP)), store.query(select(DEEP))]);
    for (const r of broken) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'too_costly' });
      expect(((r as PromiseRejectedResult).reason as Error).message).not.toMatch(/memory access|unreachable/);
    }
    const later = await Promise.allSettled(Array.from({ length: 20 }, () => store.query(select(COUNT))));
    expect(later.map((r) => (r.status === 'fulfilled' ? r.value.body : 'failed'))).toEqual(Array(20).fill('n\r\n49\r\n'));
    await untilFull(store);
    expect(store.health()).toMatchObject({ ok: true, workersReady: 2, workersWanted: 2 });
    expect(store.health().workersReplaced).toBeGreaterThanOrEqual(2);
  });
});

describe('worker memory', () => {
  it('a worker past its memory bound is replaced after its answer, which arrives whole', async () => {
    const store = await loadedStore(testConfig({ workers: 1, workerMaxMemoryMb: 1 }));
    try {
      const concat = 'SELECT (STRLEN(GROUP_CONCAT(STR(?o))) AS ?n) { ?s ?p ?o . ?a ?b ?c }';
      const first = await store.query(select(concat));
      expect(first.kind === 'results' && first.rows).toBe(1);
      await untilFull(store);
      expect(store.health().workersReplaced).toBeGreaterThanOrEqual(1);
      await expect(store.query(select(COUNT))).resolves.toMatchObject({ body: 'n\r\n49\r\n' });
    } finally {
      await store.close();
    }
  });

  it('a worker within its bound is kept', async () => {
    const store = await loadedStore(testConfig({ workers: 1 }));
    try {
      for (let i = 0; i < 5; i++) await store.query(select(COUNT));
      expect(store.health()).toMatchObject({ ok: true, workersReady: 1, workersReplaced: 0 });
    } finally {
      await store.close();
    }
  });
});

describe('loading a new dataset', () => {
  const OLD = '<http://e/a> <http://e/p> "old" <http://e/g> .\n';
  const NEW = '<http://e/a> <http://e/p> "new" <http://e/g> .\n';
  const VALUE = 'SELECT ?o { ?s ?p ?o }';

  it('fails no query: those already running finish on the old data, later ones see the new', async () => {
    const store = await loadedStore(testConfig({ workers: 2 }), OLD);
    try {
      const during = Array.from({ length: 10 }, () => store.query(select(VALUE)));
      const loading = store.load(NEW, 'v2');
      const answers = await Promise.allSettled(during);
      await loading;
      expect(answers.filter((r) => r.status === 'rejected')).toEqual([]);
      for (const r of answers) expect(['o\r\nold\r\n', 'o\r\nnew\r\n']).toContain(r.status === 'fulfilled' ? r.value.body : '');
      expect(store.version).toBe('v2');
      await expect(store.query(select(VALUE))).resolves.toMatchObject({ body: 'o\r\nnew\r\n' });
    } finally {
      await store.close();
    }
  });

  it('never takes in data that cannot be loaded: the old data keeps answering', async () => {
    const store = await loadedStore(testConfig({ workers: 1 }), OLD);
    try {
      await expect(store.load('this is not N-Quads <', 'bad')).rejects.toMatchObject({ code: 'unavailable' });
      expect(store.version).toBe(MINI_VERSION);
      expect(store.health()).toMatchObject({ ok: true, workersReady: 1 });
      await expect(store.query(select(VALUE))).resolves.toMatchObject({ body: 'o\r\nold\r\n' });
    } finally {
      await store.close();
    }
  });
});

describe('/healthz', () => {
  it('answers 200 with the pool while it can answer, and 503 when it cannot', async () => {
    const config = testConfig({ workers: 1 });
    const store = await loadedStore(config);
    const app = await buildApp(config, store, { version: MINI_VERSION });
    try {
      const up = await app.inject({ url: '/healthz' });
      expect(up.statusCode).toBe(200);
      expect(up.json()).toMatchObject({ status: 'ok', version: MINI_VERSION, workersReady: 1, workersWanted: 1 });
      await store.close();
      const down = await app.inject({ url: '/healthz' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({ status: 'unavailable', workersReady: 0 });
      expect(down.headers['cache-control']).toBe('no-store');
    } finally {
      await app.close();
    }
  });
});
