// What a query may be: nesting, parameters and parse time are bounded before a parser or an engine can be hurt,
// and parsing never holds the main thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers.ts';

const direct = (query: string) => ({
  method: 'POST' as const,
  url: '/sparql',
  headers: { 'content-type': 'application/sparql-query', accept: 'application/json' },
  payload: query,
});
const ASK = '/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D';

describe('nesting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('refuses 700 nested groups with 400 and leaves the engine whole', async () => {
    // The query that broke an Oxigraph worker for good, sent twice at once.
    const query = `SELECT (COUNT(*) AS ?n) WHERE ${'{'.repeat(700)} ?s ?p ?o ${'}'.repeat(700)}`;
    const answers = await Promise.all([t.app.inject(direct(query)), t.app.inject(direct(query))]);
    for (const r of answers) {
      expect(r.statusCode).toBe(400);
      const body = JSON.parse(r.body) as Record<string, unknown>;
      expect(body).toMatchObject({ error: 'query_too_complex', status: 400, line: 1, column: 'SELECT (COUNT(*) AS ?n) WHERE '.length + 65 });
      expect(body['message']).toMatch(/deeper than 64 levels/);
    }
    for (let i = 0; i < 4; i++) expect((await t.app.inject({ url: ASK })).statusCode).toBe(200);
  });

  it.each([
    ['3,000 nested groups', `SELECT * WHERE ${'{'.repeat(3000)} ?s ?p ?o ${'}'.repeat(3000)}`],
    ['4,000 nested parentheses in a property path', `SELECT * WHERE { ?s ${'('.repeat(4000)}<http://e/p>${')'.repeat(4000)} ?o }`],
    ['16,000 nested parentheses in a FILTER', `SELECT * WHERE { ?s ?p ?o FILTER ${'('.repeat(16000)}?o${')'.repeat(16000)} }`],
  ])('refuses %s with 400 at once', async (_name, query) => {
    const started = Date.now();
    const r = await t.app.inject(direct(query));
    expect(r.statusCode).toBe(400);
    expect(r.body).toMatch(/query_too_complex/);
    // Hang guard only: the parser took 17.8 s, 31 s and 223 s on these.
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('parameters', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('refuses 20,000 repeated query-string parameters with 400 at once', async () => {
    const started = Date.now();
    const r = await t.app.inject({ url: `${ASK}&${'default-graph-uri=http://e/g&'.repeat(20_000)}` });
    expect(r.statusCode).toBe(400);
    expect(r.body).toMatch(/20001 parameters .* limit is 100/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses a form of 50,000 parameters with 400 at once', async () => {
    const started = Date.now();
    const r = await t.app.inject({
      method: 'POST',
      url: '/sparql',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `query=ASK%7B%7D${'&x=1'.repeat(50_000)}`,
    });
    expect(r.statusCode).toBe(400);
    expect(r.body).toMatch(/50001 parameters/);
    // The form took 94 s to read.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('takes up to the limit', async () => {
    const r = await t.app.inject({ url: `${ASK}${'&x=1'.repeat(99)}` });
    expect(r.statusCode).toBe(200);
  });
});

describe('parse time', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ maxQueryBytes: 2 * 2 ** 20, parseTimeoutMs: 400 });
  });
  afterAll(() => t.close());

  it('stops a parse that overruns with 400, while the server goes on answering', async () => {
    // Warm up: the parser threads start on first use.
    expect((await t.app.inject({ url: ASK })).statusCode).toBe(200);
    // 2 MB of groups nested 60 deep (within the nesting limit): seconds of parser time.
    const block = `${'{'.repeat(59)} ?s ?p ?o ${'}'.repeat(59)}`;
    const slow = `SELECT * WHERE { ${Array.from({ length: Math.floor((2 * 2 ** 20 - 100) / (block.length + 1)) }, () => block).join(' ')} }`;
    // The longest stretch the main thread could not run a timer: the whole parse, if it ran there.
    let last = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 10);
    try {
      const answer = t.app.inject(direct(slow));
      await new Promise((resolve) => setTimeout(resolve, 150));
      const health = await t.app.inject({ url: '/healthz' });
      expect(health.statusCode).toBe(200);
      const r = await answer;
      expect(r.statusCode).toBe(400);
      expect(JSON.parse(r.body)).toMatchObject({ error: 'query_too_complex', message: expect.stringMatching(/could not be parsed within 400 ms/) });
      // Hang guard, not a timing: on the main thread this parse blocked everything for tens of seconds.
      expect(longestGap).toBeLessThan(3_000);
    } finally {
      clearInterval(ticker);
    }
    // The stopped parser thread was replaced.
    expect((await t.app.inject({ url: `${ASK}&x=again` })).statusCode).toBe(200);
    expect((await t.app.inject(direct('SELECT * { ?s ?p ?o } LIMIT 1'))).statusCode).toBe(200);
  });
});
