// Prepared representations over a real Fastify instance: gzip by Accept-Encoding, one validator per coding, 304s, Vary.
import { gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsGzip, MIN_GZIP_BYTES, Representation, RepresentationCache, sendPrepared, sendRepresentation } from '../../../src/server/lib/representation.ts';

const turtle = `@prefix ex: <http://example.org/> .\n${Array.from({ length: 60 }, (_, i) => `ex:s${i} ex:p "値 ${i}"@ja .`).join('\n')}\n`;
const big = new Representation({
  body: turtle,
  contentType: 'text/turtle; charset=utf-8',
  etag: '"v1-doc"',
  vary: ['Accept-Language'],
  links: [{ href: 'http://example.org/doc.nt', rel: 'alternate', type: 'application/n-triples' }],
  headers: { 'X-Content-Type-Options': 'nosniff' },
});
const small = new Representation({ body: 'ok\n', contentType: 'text/plain; charset=utf-8', etag: '"v1-small"' });
const png = new Representation({ body: Buffer.alloc(4096, 1), contentType: 'image/png', etag: '"v1-png"' });

let app: FastifyInstance;
let made = 0;
beforeAll(async () => {
  app = Fastify();
  const cache = new RepresentationCache();
  app.get('/big', (request, reply) => sendRepresentation(request, reply, big));
  app.get('/small', (request, reply) => sendRepresentation(request, reply, small));
  app.get('/png', (request, reply) => sendRepresentation(request, reply, png));
  app.get('/lazy', (request, reply) =>
    sendPrepared(request, reply, cache, 'lazy', async () => {
      made++;
      await new Promise((r) => setTimeout(r, 20));
      return { body: turtle, contentType: 'text/turtle; charset=utf-8', etag: '"v1-lazy"' };
    }),
  );
  await app.ready();
});
afterAll(() => app.close());

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

describe('Representation', () => {
  it('sends the body as it is, with every header, to a client that does not accept gzip', async () => {
    const r = await get('/big');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.body).toBe(turtle);
    expect(r.headers['content-type']).toBe('text/turtle; charset=utf-8');
    expect(r.headers.etag).toBe('"v1-doc"');
    expect(r.headers.vary).toBe('Accept-Language, Accept-Encoding');
    expect(r.headers.link).toBe('<http://example.org/doc.nt>; rel="alternate"; type="application/n-triples"');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
  });

  it('sends a gzip copy, with its own validator, to a client that prefers it', async () => {
    const r = await get('/big', { 'accept-encoding': 'gzip, deflate, br' });
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(r.headers.etag).toBe('"v1-doc-gzip"');
    expect(r.headers.vary).toBe('Accept-Language, Accept-Encoding');
    expect(Number(r.headers['content-length'])).toBe(r.rawPayload.byteLength);
    expect(r.rawPayload.byteLength).toBeLessThan(Buffer.byteLength(turtle) / 2);
    expect(gunzipSync(r.rawPayload).toString('utf8')).toBe(turtle);
    expect(r.headers.link).toContain('doc.nt');
  });

  it('answers 304 only to the validator of the coding it would send, with caching headers and no body metadata', async () => {
    const plain = await get('/big', { 'if-none-match': '"v1-doc"' });
    expect(plain.statusCode).toBe(304);
    expect(plain.body).toBe('');
    expect(plain.headers.etag).toBe('"v1-doc"');
    expect(plain.headers.vary).toBe('Accept-Language, Accept-Encoding');
    expect(plain.headers['content-type']).toBeUndefined();
    expect((await get('/big', { 'if-none-match': '"v1-doc"', 'accept-encoding': 'gzip' })).statusCode).toBe(200);
    expect((await get('/big', { 'if-none-match': 'W/"v1-doc-gzip"', 'accept-encoding': 'gzip' })).statusCode).toBe(304);
  });

  it('never compresses small bodies or media types that do not compress', async () => {
    for (const url of ['/small', '/png']) {
      const r = await get(url, { 'accept-encoding': 'gzip' });
      expect(r.headers['content-encoding'], url).toBeUndefined();
      expect(r.headers.vary, url).toBeUndefined();
    }
    expect(Buffer.byteLength('ok\n')).toBeLessThan(MIN_GZIP_BYTES);
  });

  it('answers HEAD with the length of the coding it would send', async () => {
    const gz = await get('/big', { 'accept-encoding': 'gzip' });
    const head = await app.inject({ method: 'HEAD', url: '/big', headers: { 'accept-encoding': 'gzip' } });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(gz.headers['content-length']);
  });
});

describe('acceptsGzip', () => {
  it('follows Accept-Encoding q-values', () => {
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('')).toBe(false);
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('deflate, gzip')).toBe(true);
    expect(acceptsGzip('br')).toBe(false);
    expect(acceptsGzip('gzip;q=0, identity')).toBe(false);
    expect(acceptsGzip('gzip;q=0.5, identity')).toBe(false);
    expect(acceptsGzip('identity;q=0, gzip;q=0.1')).toBe(true);
  });

  it('takes x-gzip as gzip (RFC 9110 §8.4.1.3)', () => {
    expect(acceptsGzip('x-gzip')).toBe(true);
    expect(acceptsGzip('X-GZIP, deflate')).toBe(true);
    expect(acceptsGzip('x-gzip;q=0, identity')).toBe(false);
  });
});

describe('RepresentationCache', () => {
  it('makes a representation once under concurrent requests, then serves it', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => get('/lazy', { 'accept-encoding': 'gzip' })));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(made).toBe(1);
    expect((await get('/lazy')).body).toBe(turtle);
    expect(made).toBe(1);
  });
});

describe('RepresentationCache bounds', () => {
  /** A distinct Turtle document per number, large enough to get a gzip copy. */
  const doc = (i: number) => `@prefix ex: <http://example.org/> .\n${Array.from({ length: 40 }, (_, j) => `ex:d${i} ex:p${j} "文書 ${i} の値 ${j}"@ja .`).join('\n')}\n`;
  const init = (i: number) => ({ body: doc(i), contentType: 'text/turtle; charset=utf-8', etag: `"v1-d${i}"` });

  it('serves more documents than fit, each correctly, and never holds more than its bounds', async () => {
    const bounded = Fastify();
    const cache = new RepresentationCache(1_000, 40 * 1024);
    const makes = new Map<number, number>();
    bounded.get('/d/:i', (request, reply) => {
      const i = Number((request.params as { i: string }).i);
      return sendPrepared(request, reply, cache, `d ${i}`, async () => {
        makes.set(i, (makes.get(i) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 1));
        return init(i);
      });
    });
    await bounded.ready();
    try {
      const total = 200;
      for (let round = 0; round < 2; round++)
        for (let i = 0; i < total; i++) {
          const gzip = i % 2 === 0;
          const r = await bounded.inject({ url: `/d/${i}`, headers: gzip ? { 'accept-encoding': 'gzip' } : {} });
          expect(r.statusCode).toBe(200);
          expect(gzip ? gunzipSync(r.rawPayload).toString('utf8') : r.body).toBe(doc(i));
          expect(r.headers.etag).toBe(gzip ? `"v1-d${i}-gzip"` : `"v1-d${i}"`);
          expect(cache.bytes).toBeLessThanOrEqual(cache.maxBytes);
        }
      // Far more was served than fits: the oldest were let go and made again when asked for again.
      expect(total * Buffer.byteLength(doc(0))).toBeGreaterThan(2 * cache.maxBytes);
      expect(cache.size).toBeLessThan(total);
      expect(cache.size).toBeGreaterThan(0);
      expect(Math.max(...makes.values())).toBe(2);
    } finally {
      await bounded.close();
    }
  });

  it('keeps at most maxEntries, least recently used going first', async () => {
    const cache = new RepresentationCache(3, 64 * 2 ** 20);
    for (const i of [1, 2, 3]) await cache.get(`d ${i}`, () => init(i));
    cache.peek('d 1');
    await cache.get('d 4', () => init(4));
    expect(cache.size).toBe(3);
    expect(cache.peek('d 2')).toBeUndefined();
    expect(cache.peek('d 1')?.identity.body.toString('utf8')).toBe(doc(1));
  });

  it('counts gzip copies against its bytes when they are made', async () => {
    const cache = new RepresentationCache(10, 64 * 2 ** 20);
    const r = await cache.get('d 1', () => init(1));
    const before = cache.bytes;
    const gz = r.gzip!.body.byteLength;
    expect(cache.bytes).toBe(before + gz);
  });

  it('serves but does not keep what would take more than its share of the bytes', async () => {
    const cache = new RepresentationCache(10, 4 * 1024);
    const r = await cache.get('d 1', () => init(1));
    expect(r.identity.body.toString('utf8')).toBe(doc(1));
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  it('still makes a representation once under concurrent requests when nothing can be kept', async () => {
    const cache = new RepresentationCache(0, 0);
    let calls = 0;
    const all = await Promise.all(Array.from({ length: 4 }, () => cache.get('d 1', async () => (calls++, await new Promise((r) => setTimeout(r, 5)), init(1)))));
    expect(calls).toBe(1);
    expect(new Set(all).size).toBe(1);
    expect(cache.size).toBe(0);
  });
});
