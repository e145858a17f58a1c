// The assembled app: health check, CORS and error format on unknown routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINI_VERSION, testApp, type TestApp } from '../helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('buildApp', () => {
  it('answers /healthz with the dataset version', async () => {
    const r = await t.app.inject({ url: '/healthz' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'ok', version: MINI_VERSION, workersReady: 1, workersWanted: 1 });
  });

  it('answers unknown routes with 404, a message and CORS headers', async () => {
    const text = await t.app.inject({ url: '/nowhere', headers: { origin: 'http://example.org' } });
    expect(text.statusCode).toBe(404);
    expect(text.headers['content-type']).toMatch(/^text\/plain/);
    expect(text.body).toContain('/nowhere');
    expect(text.headers['access-control-allow-origin']).toBe('*');
    const json = await t.app.inject({ url: '/nowhere', headers: { accept: 'application/json' } });
    expect(json.json()).toEqual({ error: 'not_found', status: 404, message: 'nothing at /nowhere' });
    // HEAD gets GET's headers, Content-Length included (RFC 9110 §8.6, §9.3.2), and no body.
    for (const headers of [{}, { accept: 'application/json' }, { accept: 'text/html' }]) {
      const [g, h] = [await t.app.inject({ url: '/nowhere', headers }), await t.app.inject({ method: 'HEAD', url: '/nowhere', headers })];
      expect(h.statusCode).toBe(404);
      expect({ ...h.headers, date: undefined }).toEqual({ ...g.headers, date: undefined });
      expect(Number(h.headers['content-length'])).toBe(g.rawPayload.byteLength);
      expect(h.rawPayload.byteLength).toBe(0);
    }
  });
});

describe('If-Match on answers made without a prepared representation', () => {
  it('turns a 2xx or 304 whose ETag If-Match does not name (strong comparison) into 412; * passes', async () => {
    const url = `/sparql?query=${encodeURIComponent('ASK {}')}`;
    const ok = await t.app.inject({ url, headers: { accept: 'application/sparql-results+json' } });
    expect(ok.statusCode).toBe(200);
    const etag = String(ok.headers.etag);
    // The endpoint's validators are weak, so no listed tag can match them.
    expect(etag.startsWith('W/')).toBe(true);
    for (const ifMatch of ['"x"', etag]) {
      for (const headers of [{}, { 'if-none-match': etag }]) {
        const r = await t.app.inject({ url, headers: { accept: 'application/json', 'if-match': ifMatch, ...headers } });
        expect(r.statusCode, ifMatch).toBe(412);
        expect(r.json()).toMatchObject({ error: 'precondition_failed', status: 412 });
        expect(r.headers.etag).toBeUndefined();
      }
    }
    expect((await t.app.inject({ url, headers: { 'if-match': '*' } })).statusCode).toBe(200);
    // An answer without a validator: no tag can name it.
    expect((await t.app.inject({ url: '/healthz', headers: { 'if-match': '"x"' } })).statusCode).toBe(412);
    expect((await t.app.inject({ url: '/healthz', headers: { 'if-match': '*' } })).statusCode).toBe(200);
  });
});
