// Unknown paths are 404; known paths asked with a method they do not serve are 405 with Allow; both with CORS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers.ts';

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
