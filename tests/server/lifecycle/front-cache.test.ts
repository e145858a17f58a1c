// The HTTP server in front of the app: public answers are replayed byte for byte without reaching the app, keyed by
// the headers their Vary names; conditionals, other methods and private answers go to the app; one access line per
// request, whichever path answered it.
import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/server/index.ts';
import { serve, type Serving } from '../../../src/server/lifecycle/serve.ts';
import { ResponseCache } from '../../../src/server/lib/response-cache.ts';
import { idleStore, siteFixture, type SiteFixture } from '../../site-helpers.ts';

const DOC = '/data/id/132101/plan/dai5ji-kihon-koso/measure/12.ttl';
const THING = '/id/132101/plan/dai5ji-kihon-koso/measure/12';

interface Answer {
  status: number;
  headers: string[];
  body: Buffer;
}
let fixture: SiteFixture;
let app: FastifyInstance;
let serving: Serving;
let port: number;
const lines: Record<string, unknown>[] = [];

const get = (path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> =>
  new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        // Every header in order, Date aside (it is the clock's).
        const headers: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) if (res.rawHeaders[i] !== 'Date') headers.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
        resolve({ status: res.statusCode!, headers, body: Buffer.concat(chunks) });
      });
    })
      .on('error', reject)
      .end();
  });

beforeAll(async () => {
  fixture = await siteFixture();
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const { config, site, dataset } = fixture;
  app = await buildApp(config, idleStore(dataset.manifest.version), dataset.manifest, { site, loggerInstance: pino({ level: 'info' }, stream) });
  serving = serve(config, { manifest: dataset.manifest, app, loadMs: 0, close: () => app.close() });
  await serving.listen('127.0.0.1', 0);
  port = (serving.server.address() as { port: number }).port;
}, 120_000);
afterAll(async () => {
  await serving?.shutdown(1_000);
  await fixture?.close();
});

describe('the response cache in front of the app', () => {
  it('replays a public answer byte for byte (status, every header, body) without routing it', async () => {
    const routing = vi.spyOn(app, 'routing');
    const first = await get(DOC);
    expect(first.status).toBe(200);
    expect(routing).toHaveBeenCalledTimes(1);
    const again = await get(DOC);
    expect(again).toEqual(first);
    expect(routing).toHaveBeenCalledTimes(1);
    const head = await get(DOC, {}, 'HEAD');
    expect(head.headers).toEqual(first.headers);
    expect(head.body.byteLength).toBe(0);
    expect(routing).toHaveBeenCalledTimes(1);
    routing.mockRestore();
  });

  it('keys answers by the request headers their Vary names', async () => {
    const gzip = await get(DOC, { 'accept-encoding': 'gzip' });
    expect(gzip.headers).toContain('content-encoding: gzip');
    const routing = vi.spyOn(app, 'routing');
    expect(await get(DOC, { 'accept-encoding': 'gzip' })).toEqual(gzip);
    expect(routing).not.toHaveBeenCalled();
    routing.mockRestore();
    expect((await get(DOC)).headers).not.toContain('content-encoding: gzip');

    const toData = await get(THING, { accept: 'text/turtle' });
    const toPage = await get(THING, { accept: 'text/html' });
    expect([toData.status, toPage.status]).toEqual([303, 303]);
    const location = (a: Answer) => a.headers.find((h) => h.startsWith('location: '));
    expect(location(toData)).toMatch(/\/data\/.*\.ttl$/);
    expect(location(toPage)).toMatch(/\/page\//);
    expect(location(await get(THING, { accept: 'text/turtle' }))).toBe(location(toData));
    expect(location(await get(THING, { accept: 'text/html' }))).toBe(location(toPage));
  });

  it('sends conditionals and revalidations to the app', async () => {
    const first = await get(DOC);
    const etag = first.headers.find((h) => h.startsWith('etag: '))!.slice(6);
    const routing = vi.spyOn(app, 'routing');
    expect((await get(DOC, { 'if-none-match': etag })).status).toBe(304);
    expect((await get(DOC, { 'cache-control': 'no-cache' })).status).toBe(200);
    // If-Match is evaluated by the app, even for an answer the cache holds: 412 when it names another tag.
    expect((await get(DOC, { 'if-match': '"old"' })).status).toBe(412);
    expect((await get(DOC, { 'if-match': '"old"' }, 'HEAD')).status).toBe(412);
    expect((await get(DOC, { 'if-match': etag })).status).toBe(200);
    expect(routing).toHaveBeenCalledTimes(5);
    routing.mockRestore();
  });

  it('never replays answers that are not public: health, errors', async () => {
    const routing = vi.spyOn(app, 'routing');
    await get('/healthz');
    await get('/healthz');
    const missing = await get('/data/id/no-such-thing.ttl');
    expect(missing.status).toBe(404);
    await get('/data/id/no-such-thing.ttl');
    expect(routing).toHaveBeenCalledTimes(4);
    routing.mockRestore();
  });

  it('writes one access line per request, from the cache or from the app', async () => {
    lines.length = 0;
    await get(DOC);
    await get('/healthz');
    await new Promise((r) => setTimeout(r, 50));
    const access = lines.filter((l) => l.msg === 'request');
    expect(access.map((l) => [l.method, l.url, l.status])).toEqual([
      ['GET', DOC, 200],
      ['GET', '/healthz', 200],
    ]);
    expect(lines.filter((l) => l.msg !== 'request')).toEqual([]);
  });
});

describe('ResponseCache bounds', () => {
  it('keeps no more bytes than it is given, dropping the oldest answers', () => {
    const cache = new ResponseCache(64 * 1024);
    const headers = { 'cache-control': 'public, max-age=60', 'content-type': 'text/plain' };
    for (let i = 0; i < 100; i++) cache.offer(`/x/${i}`, {}, 200, headers, Buffer.alloc(4 * 1024));
    expect(cache.bytes).toBeLessThanOrEqual(64 * 1024);
    expect(cache.bytes).toBeGreaterThan(32 * 1024);
  });

  it('stores nothing private, uncacheable or without freshness', () => {
    const cache = new ResponseCache(1 << 20);
    cache.offer('/a', {}, 200, { 'cache-control': 'private, max-age=60' }, 'x');
    cache.offer('/b', {}, 200, { 'cache-control': 'no-store' }, 'x');
    cache.offer('/c', {}, 200, {}, 'x');
    cache.offer('/d', {}, 500, { 'cache-control': 'public, max-age=60' }, 'x');
    cache.offer('/e', {}, 200, { 'cache-control': 'public, max-age=60', vary: '*' }, 'x');
    cache.offer('/f', {}, 200, { 'cache-control': 'public, max-age=60', 'set-cookie': 'a=b' }, 'x');
    expect(cache.bytes).toBe(0);
  });
});

describe('ResponseCache eviction', () => {
  const headers = { 'cache-control': 'public, max-age=60', 'content-type': 'text/plain' };
  const served = (cache: ResponseCache, url: string) =>
    cache.answer({ method: 'GET', url, headers: {} } as never, { writeHead: () => {}, end: () => {} } as never);
  const offer = (cache: ResponseCache, url: string) => cache.offer(url, {}, 200, headers, Buffer.alloc(4096 - 512));

  it('makes room by the answer served least recently', () => {
    // Room for eight answers of 4 KiB with their flat overhead, and no more (nor may one take more than an eighth).
    const cache = new ResponseCache(8 * 4096);
    const urls = [...Array(8).keys()].map((i) => `/${i}`);
    for (const url of urls) offer(cache, url);
    expect(served(cache, '/0')).toBe(true);
    offer(cache, '/8');
    // /1 went, the oldest not served since; /0, older but served, stayed.
    expect(served(cache, '/1')).toBe(false);
    for (const url of ['/7', '/6', '/5', '/4', '/3', '/2', '/0', '/8']) expect(served(cache, url)).toBe(true);
    offer(cache, '/9');
    // /7 was served least recently of all.
    expect(served(cache, '/7')).toBe(false);
    for (const url of ['/0', '/2', '/3', '/4', '/5', '/6', '/8', '/9']) expect(served(cache, url)).toBe(true);
    expect(cache.bytes).toBe(8 * 4096);
  });
});
