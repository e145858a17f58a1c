// Reading protocol requests: parameters counted before any is decoded, and parsed in linear time.
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../src/server/lib/errors.ts';
import { countParams, parseParams, readProtocolRequest } from '../../../src/server/lib/protocol-request.ts';

const limits = { maxQueryBytes: 65_536, maxParameters: 100 };
const thrown = (f: () => unknown): HttpError => {
  try {
    f();
  } catch (e) {
    return e as HttpError;
  }
  throw new Error('expected a throw');
};
const form = (body: string, url = '/sparql') => ({
  method: 'POST',
  url,
  contentType: 'application/x-www-form-urlencoded',
  body: Buffer.from(body),
});

describe('parameters', () => {
  it('counts pairs, not empty ones', () => {
    expect(countParams('')).toBe(0);
    expect(countParams('a=1&&b&')).toBe(2);
  });

  it('keeps repeated names in order, in linear time', () => {
    expect(parseParams('a=1&b=2&a=%C3%A9+x').get('a')).toEqual(['1', 'é x']);
    const started = Date.now();
    const many = parseParams(Array.from({ length: 200_000 }, (_, i) => `g=${i}`).join('&'));
    expect(many.get('g')).toHaveLength(200_000);
    // Hang guard: appending by copying took minutes for this many.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses more than maxParameters, query string and form together, with 400 query_too_complex', () => {
    const q = 'query=ASK%7B%7D';
    expect(readProtocolRequest({ method: 'GET', url: `/sparql?${q}${'&x=1'.repeat(99)}`, contentType: undefined, body: undefined }, limits).kind).toBe('query');
    const get = thrown(() => readProtocolRequest({ method: 'GET', url: `/sparql?${q}${'&x=1'.repeat(100)}`, contentType: undefined, body: undefined }, limits));
    expect([get.status, get.code]).toEqual([400, 'query_too_complex']);
    expect(get.message).toMatch(/101 parameters .* limit is 100/);
    const split = thrown(() => readProtocolRequest(form(`${q}${'&x=1'.repeat(50)}`, `/sparql?${'x=1&'.repeat(50)}`), limits));
    expect([split.status, split.code]).toEqual([400, 'query_too_complex']);
    // Counted before decoding: a bad escape past the limit is never reached.
    const bad = thrown(() => readProtocolRequest(form(`${'x=1&'.repeat(200)}y=%E0%A4%A`), limits));
    expect(bad.code).toBe('query_too_complex');
  });
});
