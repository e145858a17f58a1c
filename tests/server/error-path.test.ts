// One error path: every route family's errors carry one status, code and message, as text, JSON or a page by Accept, with nosniff and no stack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteFixture, type SiteFixture } from '../site-helpers.ts';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

let f: SiteFixture;
beforeAll(async () => {
  f = await siteFixture();
}, 180_000);
afterAll(() => f?.close());

const get = (url: string, accept?: string) => f.app.inject({ method: 'GET', url, headers: accept === undefined ? {} : { accept } });

/** An error answered in all three representations: the same status, and the same message in each. */
const expectOneError = async (url: string, status: number, code: string, message: RegExp) => {
  const [text, bare, json, page] = [await get(url, 'text/plain'), await get(url), await get(url, 'application/json'), await get(url, BROWSER)];
  for (const r of [text, bare, json, page]) {
    expect(r.statusCode, url).toBe(status);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(String(r.headers.vary)).toMatch(/\bAccept\b/);
    expect(r.body).not.toMatch(/\n\s+at .*:\d+:\d+|node_modules|\.ts:\d+/);
  }
  expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
  expect(bare.headers['content-type']).toBe('text/plain; charset=utf-8');
  expect(bare.body).toBe(text.body);
  const said = text.body.trimEnd();
  expect(said).toMatch(message);
  expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(JSON.parse(json.body)).toMatchObject({ error: code, status, message: said });
  expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(page.headers['content-security-policy']).toBeDefined();
  expect(page.body).toMatch(/^<!DOCTYPE html>/i);
  // The page says the same thing, HTML-escaped.
  const note = /<p class="note">([\s\S]*?)<\/p>/.exec(page.body)?.[1] ?? '';
  const unescaped = note.replace(/&(lt|gt|quot|#39|#x27|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", amp: '&' })[e]!);
  expect(unescaped).toBe(said);
  expect(page.body).toContain(String(status === 404 ? '見つかりません' : status));
  // HEAD is answered with GET's status and headers, Content-Length included (RFC 9110 §8.6, §9.3.2), and no body.
  for (const [accept, r] of [['text/plain', text], [undefined, bare], ['application/json', json], [BROWSER, page]] as const) {
    const head = await f.app.inject({ method: 'HEAD', url, headers: accept === undefined ? {} : { accept } });
    expect(head.statusCode, `HEAD ${url} ${accept}`).toBe(status);
    expect({ ...head.headers, date: undefined }, `HEAD ${url} ${accept}`).toEqual({ ...r.headers, date: undefined });
    expect(Number(head.headers['content-length']), `HEAD ${url} ${accept}`).toBe(r.rawPayload.byteLength);
    expect(head.rawPayload.byteLength).toBe(0);
  }
};

describe('one error path', () => {
  it.each([
    ['resource document', '/data/id/999999.ttl', /no (resource|description)/],
    ['resource IRI', '/id/999999', /no resource/],
    ['HTML page', '/page/id/999999', /no page at \/page\/id\/999999/],
    ['catalog resource', '/dataset/no-such-plan', /no resource http:\/\/localhost:3000\/dataset\/no-such-plan/],
    ['VoID resource', '/void/no-such-subset', /no resource/],
    ['dump', '/dumps/no-such-dump.ttl', /no dump at \/dumps\/no-such-dump.ttl/],
    ['source text', '/sources/no-such-source.txt', /no source text/],
    ['source viewer', '/source/no-such-source', /no source text/],
    ['unknown path', '/no/such/path', /^nothing at \/no\/such\/path$/],
    ['name that merely begins like a former plan id', '/id/132110/plan/kihon-kosoX', /^nothing at \/id\/132110\/plan\/kihon-kosoX$/],
  ])('a 404 from a %s', async (_, url, message) => {
    await expectOneError(url, 404, 'not_found', message);
  });

  it('a 406 from negotiation', async () => {
    await expectOneError('/catalog?format=pdf', 406, 'not_acceptable', /cannot answer format=pdf; available: text\/turtle/);
  });

  it('a 400 from a bad request', async () => {
    await expectOneError(`/sparql?query=${encodeURIComponent('SELECT * WHERE { ?s ?p }')}`, 400, 'malformed_query', /./);
    await expectOneError('/sparql?query=a&query=b', 400, 'bad_request', /the query parameter was given more than once/);
  });
});
