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
    expect(json.json()).toEqual({ error: 'not_found', status: 404, message: 'nothing at GET /nowhere' });
  });
});
