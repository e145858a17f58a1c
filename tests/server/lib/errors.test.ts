// Unknown paths are 404; known paths asked with a method they do not serve are 405 with Allow; both with CORS. Errors
// met before routing answer in the same format; engine-internal messages stay in the log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/server/index.ts';
import { StoreError, type Store } from '../../../src/store/index.ts';
import { failingStore, MINI_VERSION, testApp, testConfig, type TestApp } from '../../helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('method and path errors', () => {
  it('answers PUT and DELETE on existing routes with 405 and an Allow header', async () => {
    const put = await t.app.inject({ method: 'PUT', url: '/sparql', headers: { origin: 'https://example.org' } });
    expect(put.statusCode).toBe(405);
    expect(put.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
    expect(put.headers['access-control-allow-origin']).toBe('*');
    expect(put.body).toContain('PUT is not allowed on /sparql');
    const del = await t.app.inject({ method: 'DELETE', url: '/healthz' });
    expect(del.statusCode).toBe(405);
    expect(del.headers.allow).toBe('GET, HEAD, OPTIONS');
  });

  it('answers a path no route serves with 404, whatever the method', async () => {
    for (const method of ['GET', 'PUT'] as const) {
      const r = await t.app.inject({ method, url: '/no/such/thing' });
      expect(r.statusCode).toBe(404);
      expect(r.headers['content-type']).toMatch(/^text\/plain/);
    }
  });
});

describe('OPTIONS', () => {
  it('answers a plain OPTIONS (not a CORS preflight) with 204 and the Allow its 405 advertises, with CORS', async () => {
    for (const [url, allow] of [
      ['/sparql', 'GET, HEAD, POST, OPTIONS'],
      ['/sparql?query=ASK%7B%7D', 'GET, HEAD, POST, OPTIONS'],
      ['/healthz', 'GET, HEAD, OPTIONS'],
      ['/assets/site.css', 'GET, HEAD, OPTIONS'],
    ] as const) {
      for (const headers of [{}, { origin: 'https://example.org' }]) {
        const r = await t.app.inject({ method: 'OPTIONS', url, headers });
        expect(r.statusCode, url).toBe(204);
        expect(r.headers.allow, url).toBe(allow);
        expect(r.headers['access-control-allow-origin'], url).toBe('*');
        expect(r.body, url).toBe('');
      }
      expect((await t.app.inject({ method: 'DELETE', url })).headers.allow, url).toBe(allow);
    }
  });

  it('answers a plain OPTIONS of a path no route serves with 404, like any other method', async () => {
    const r = await t.app.inject({ method: 'OPTIONS', url: '/no/such/thing', headers: { accept: 'application/json' } });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ error: 'not_found', message: 'nothing at /no/such/thing' });
    expect(r.headers['access-control-allow-origin']).toBe('*');
  });

  it('still answers CORS preflights as preflights', async () => {
    const r = await t.app.inject({ method: 'OPTIONS', url: '/sparql', headers: { origin: 'https://example.org', 'access-control-request-method': 'POST' } });
    expect(r.statusCode).toBe(204);
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['access-control-allow-methods']).toBe('GET, HEAD, POST, OPTIONS');
    expect(r.headers['access-control-max-age']).toBe('86400');
  });
});

describe('errors Fastify meets before routing', () => {
  it('answers bad percent-encoding in the path with our 400, as text or JSON, with nosniff and CORS', async () => {
    const text = await t.app.inject({ url: '/id/%E0%A4%A' });
    expect(text.statusCode).toBe(400);
    expect(text.headers['content-type']).toMatch(/^text\/plain/);
    expect(text.headers['x-content-type-options']).toBe('nosniff');
    expect(text.headers['access-control-allow-origin']).toBe('*');
    expect(text.body).toMatch(/percent-encoding/);
    expect(text.body).not.toMatch(/FST_ERR/);
    const json = await t.app.inject({ url: '/id/%E0%A4%A', headers: { accept: 'application/json' } });
    expect(JSON.parse(json.body)).toMatchObject({ error: 'bad_request', status: 400 });
    // A range's parameters are judged as the answers' own negotiation judges them.
    const charset = await t.app.inject({ url: '/id/%E0%A4%A', headers: { accept: 'application/json; charset=utf-8' } });
    expect(JSON.parse(charset.body)).toMatchObject({ error: 'bad_request', status: 400 });
  });

  it('answers an overlong path parameter with our 414', async () => {
    const r = await t.app.inject({ url: `/assets/${'a'.repeat(200)}`, headers: { accept: 'application/json' } });
    expect(r.statusCode).toBe(414);
    expect(JSON.parse(r.body)).toMatchObject({ error: 'uri_too_long', status: 414 });
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends plain-text and JSON errors with nosniff', async () => {
    for (const accept of ['text/plain', 'application/json']) {
      const r = await t.app.inject({ url: '/no/such/thing', headers: { accept } });
      expect(r.statusCode).toBe(404);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});

describe('engine-internal failures', () => {
  const failing = (error: Error): Store => failingStore(error, MINI_VERSION);

  it.each([
    [new StoreError('execution', 'the query engine failed: memory access out of bounds'), 500, /memory access/],
    [new StoreError('execution', 'RuntimeError: unreachable'), 500, /unreachable/],
    [new StoreError('too_costly', 'Invalid string length'), 503, /string length/],
    [new StoreError('upstream', 'SERVICE <http://e/sparql>: fetch failed'), 502, /fetch failed/],
    [new StoreError('upstream', 'connect ECONNREFUSED 127.0.0.1:9'), 502, /ECONNREFUSED/],
    [new TypeError('Request cannot be constructed from a URL that includes credentials: http://u:p@e/'), 500, /credentials|u:p/],
    [new RangeError('Invalid string length'), 503, /string length/],
  ])('never shows the client %s, and logs it', async (error, status, secret) => {
    const lines: string[] = [];
    const stream = { write: (line: string) => void lines.push(line) };
    const app = await buildApp(testConfig(), failing(error), { version: MINI_VERSION }, { logger: { level: 'error', stream } });
    // Answered as text (*/*) and as JSON.
    for (const accept of ['*/*', 'application/json']) {
      const r = await app.inject({ url: '/sparql?query=ASK%7B%7D', headers: { accept } });
      expect(r.statusCode).toBe(status);
      expect(r.body).not.toMatch(secret);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
    // The operator still sees what happened.
    expect(lines.join('')).toMatch(secret);
    await app.close();
  });

  it('keeps the safe message of an execution error', async () => {
    const app = await buildApp(testConfig(), failing(new StoreError('execution', 'division by zero in evaluation')), { version: MINI_VERSION });
    const r = await app.inject({ url: '/sparql?query=ASK%7B%7D' });
    expect([r.statusCode, r.body]).toEqual([500, 'division by zero in evaluation\n']);
    await app.close();
  });
});
