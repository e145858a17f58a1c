// The endpoint's limits: row cap header, real timeouts, concurrency and queue, and store failures.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/server/index.ts';
import { StoreError, type Store } from '../../../src/store/index.ts';
import { failingStore, HEAVY_QUERY, MINI_VERSION, PROLOGUE, testApp, testConfig, type TestApp } from '../../helpers.ts';

const url = (query: string, extra = '') => `/sparql?query=${encodeURIComponent(query)}${extra}`;
const rows = (body: string) => (JSON.parse(body) as { results: { bindings: unknown[] } }).results.bindings.length;

describe('row cap', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ maxRows: 3 });
  });
  afterAll(() => t.close());

  it('cuts SELECT answers and says so in a header', async () => {
    const r = await t.app.inject({ url: url('SELECT * { ?s ?p ?o }') });
    expect(r.statusCode).toBe(200);
    expect(rows(r.body)).toBe(3);
    expect(r.headers['x-sparql-capped']).toBe('true; rows=3');
  });

  it('caps a LIMIT above the cap, in every format', async () => {
    const csv = await t.app.inject({ url: url('SELECT ?s { ?s ?p ?o } LIMIT 40', '&format=csv') });
    expect(csv.body.trim().split('\r\n')).toHaveLength(4);
    expect(csv.headers['x-sparql-capped']).toBe('true; rows=3');
  });

  it('leaves answers within the cap unmarked', async () => {
    const exact = await t.app.inject({ url: url(`${PROLOGUE}SELECT ?s { ?s a jpp:Goal }`) });
    expect(rows(exact.body)).toBe(3);
    expect(exact.headers['x-sparql-capped']).toBeUndefined();
    const limited = await t.app.inject({ url: url('SELECT * { ?s ?p ?o } LIMIT 2') });
    expect(rows(limited.body)).toBe(2);
    expect(limited.headers['x-sparql-capped']).toBeUndefined();
  });

  it('caps CONSTRUCT answers by triples', async () => {
    const r = await t.app.inject({ url: url('CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }', '&format=nt') });
    expect(r.body.trim().split('\n')).toHaveLength(3);
    expect(r.headers['x-sparql-capped']).toBe('true; triples=3');
  });
});

describe('timeout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ timeoutMs: 300, workers: 1 });
  });
  afterAll(() => t.close());

  it('stops a heavy query with 503, then answers the next query normally', async () => {
    const started = Date.now();
    const r = await t.app.inject({ url: url(HEAVY_QUERY) });
    expect(r.statusCode).toBe(503);
    expect(r.body).toMatch(/stopped after 0.3 s/);
    expect(Date.now() - started).toBeLessThan(5_000);
    // The single worker was terminated and replaced: had it kept computing, this would wait for minutes.
    const resumed = Date.now();
    const next = await t.app.inject({ url: url('ASK { ?s ?p ?o }') });
    expect(next.statusCode).toBe(200);
    expect(Date.now() - resumed).toBeLessThan(10_000);
    expect(JSON.parse(next.body)).toEqual({ head: {}, boolean: true });
  });
});

describe('concurrency', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ timeoutMs: 1_000, maxConcurrent: 1, maxQueued: 0, workers: 1 });
  });
  afterAll(() => t.close());

  it('refuses queries beyond running + queued with 503 and Retry-After', async () => {
    const answers = await Promise.all([0, 1, 2].map((i) => t.app.inject({ url: url(`${HEAVY_QUERY} # ${i}`) })));
    const busy = answers.filter((r) => r.headers['retry-after'] !== undefined);
    expect(busy.length).toBeGreaterThanOrEqual(2);
    for (const r of busy) {
      expect(r.statusCode).toBe(503);
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(r.body).toMatch(/busy/);
      expect(r.headers['access-control-allow-origin']).toBe('*');
    }
    // Once the running query is over, the endpoint takes queries again.
    expect((await t.app.inject({ url: url('ASK { ?s ?p ?o }') })).statusCode).toBe(200);
  });
});

describe('a client that leaves while its query waits', () => {
  it('has its query dropped from the queue, never run, and the queue keeps serving', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const ran: string[] = [];
    const store: Store = {
      ...failingStore(new Error('unused'), MINI_VERSION),
      query: async (q) => {
        ran.push(q.query);
        if (ran.length === 1) await gate;
        return { kind: 'results', body: '{"head":{},"boolean":true}', mediaType: 'application/sparql-results+json', rows: 0, capped: false };
      },
    };
    const app = await buildApp(testConfig({ maxConcurrent: 1, maxQueued: 4 }), store, { version: MINI_VERSION });
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const held = fetch(`${origin}${url('ASK { ?s ?p ?o } # held')}`);
      while (ran.length === 0) await new Promise((r) => setTimeout(r, 10));
      // The second query waits behind the held one; its client then closes the connection.
      const leaving = httpRequest(`${origin}${url('ASK { ?s ?p ?o } # left')}`);
      leaving.on('error', () => {});
      leaving.end();
      await new Promise((r) => setTimeout(r, 300));
      leaving.destroy();
      await new Promise((r) => setTimeout(r, 100));
      const after = fetch(`${origin}${url('ASK { ?s ?p ?o } # after')}`);
      await new Promise((r) => setTimeout(r, 100));
      release();
      expect((await held).status).toBe(200);
      expect((await after).status).toBe(200);
      expect(ran.map((q) => q.slice(q.indexOf('#')))).toEqual(['# held', '# after']);
    } finally {
      await app.close();
    }
  });
});

describe('store failures', () => {
  const failing = (error: Error): Store => failingStore(error, MINI_VERSION);

  it.each([
    [new StoreError('execution', 'division by zero in evaluation'), 500, 'division by zero in evaluation'],
    [new StoreError('unavailable', 'no dataset is loaded'), 503, 'no dataset is loaded'],
    [new StoreError('syntax', 'error at 1:3: expected', { line: 1, column: 3 }), 400, 'error at 1:3: expected'],
    [new TypeError('secret internals'), 500, 'internal server error'],
  ])('maps %s to a status with a message only', async (error, status, message) => {
    const app = await buildApp(testConfig(), failing(error), { version: MINI_VERSION });
    const r = await app.inject({ url: url('ASK { ?s ?p ?o }'), headers: { accept: 'application/json' } });
    expect(r.statusCode).toBe(status);
    expect(r.headers['etag']).toBeUndefined();
    const body = JSON.parse(r.body) as Record<string, unknown>;
    expect(body['message']).toBe(message);
    expect(Object.keys(body).filter((k) => !['line', 'column'].includes(k)).sort()).toEqual(['error', 'message', 'status']);
    if (status === 400) expect([body['line'], body['column']]).toEqual([1, 3]);
    await app.close();
  });
});
