// Answer cache and validators: stable keys, weak If-None-Match matching, bounded LRU.
import { describe, expect, it } from 'vitest';
import { AnswerCache, answerKey, etagFor, etagMatches } from '../../../src/server/lib/answer-cache.ts';

const parts = { version: 'v1', kind: 'query', text: 'ASK {}', defaultGraphs: ['http://g/1', 'http://g/2'], namedGraphs: [], mediaType: 'text/csv' };

describe('answerKey and ETags', () => {
  it('ignores line endings, surrounding blanks and graph order, but not the version or the type', () => {
    const key = answerKey(parts);
    expect(answerKey({ ...parts, text: '\r\n ASK {} \n', defaultGraphs: ['http://g/2', 'http://g/1'] })).toBe(key);
    expect(answerKey({ ...parts, version: 'v2' })).not.toBe(key);
    expect(answerKey({ ...parts, mediaType: 'text/tab-separated-values' })).not.toBe(key);
    expect(answerKey({ ...parts, text: 'ASK { }' })).not.toBe(key);
  });

  it('matches If-None-Match lists, weak tags and *', () => {
    const etag = etagFor(answerKey(parts));
    expect(etagMatches(etag, etag)).toBe(true);
    expect(etagMatches(`"x", ${etag.slice(2)}`, etag)).toBe(true);
    expect(etagMatches('*', etag)).toBe(true);
    expect(etagMatches('"other"', etag)).toBe(false);
    expect(etagMatches(undefined, etag)).toBe(false);
  });
});

describe('AnswerCache', () => {
  const answer = (body: string) => ({ mediaType: 'text/plain', body: Buffer.from(body), headers: {} });

  it('keeps the most recently used entries only', () => {
    const cache = new AnswerCache(2);
    cache.set('a', answer('a'));
    cache.set('b', answer('b'));
    cache.get('a');
    cache.set('c', answer('c'));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.body.toString()).toBe('a');
    expect(cache.size).toBe(2);
  });

  it('keeps nothing when disabled, and serves but does not keep an answer above its share of the bytes', () => {
    const off = new AnswerCache(0);
    off.set('a', answer('a'));
    expect(off.get('a')).toBeUndefined();
    const small = new AnswerCache(5, 8_000, 1 / 4);
    small.set('a', answer('x'.repeat(2_001)));
    expect(small.get('a')).toBeUndefined();
    small.set('b', answer('x'.repeat(2_000)));
    expect(small.get('b')).toBeDefined();
  });

  it('holds no more bytes than its budget, bodies and their copies counted, dropping the least recently used', () => {
    const budget = 100_000;
    const cache = new AnswerCache(500, budget);
    const kept = new Map<string, ReturnType<typeof answer>>();
    for (let i = 0; i < 200; i++) {
      const a = answer('x'.repeat(10_000));
      cache.set(`k${i}`, a);
      kept.set(`k${i}`, a);
      // Its gzip copy, made later, counts too.
      cache.addCopy(`k${i}`, a, 2_000);
      expect(cache.bytes).toBeLessThanOrEqual(budget);
    }
    // 500 entries allowed, but only what fits in the bytes is held: the newest.
    expect(cache.size).toBeLessThan(10);
    expect(cache.get('k199')).toBe(kept.get('k199'));
    expect(cache.get('k0')).toBeUndefined();
    // A copy of an answer no longer kept is not counted.
    const before = cache.bytes;
    cache.addCopy('k0', kept.get('k0')!, 50_000);
    expect(cache.bytes).toBe(before);
  });
});
