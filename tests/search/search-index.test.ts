// Japanese full-text search: bigram and unigram tokens, AND over tokens, phrase check, BM25F with title boost, snippets.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSearchIndex, findAll, indexTokens, openSearchFile, queryTokens, runs, runsOf, normalize, snippetOf, writeSearchFile, type SearchDocument } from '../../src/search/index.ts';

const DOCUMENTS: SearchDocument[] = [
  { id: 'title-hit', group: 'A', fields: { title: '脱炭素社会の構築', text: '自然との共生を進めます。' } },
  { id: 'text-hit', group: 'B', fields: { title: 'みどりの保全', text: '脱炭素型のライフスタイルへの変容により、脱炭素地域社会が実現している。' } },
  { id: 'scattered', group: 'A', fields: { title: '脱炭の話', text: '炭素の削減' } },
  { id: 'width', group: 'B', fields: { title: 'ＳＤＧｓの推進', text: 'ＤＸを進める' } },
  { id: 'one-char', group: 'A', fields: { title: '緑', text: '公園' } },
];

// Every search test runs on the in-memory index and on the on-disk index (SQLite FTS5) the server uses.
const dir = mkdtempSync(join(tmpdir(), 'jpp-search-index-'));
writeSearchFile(join(dir, 'index.sqlite'), DOCUMENTS);
const onDisk = openSearchFile(join(dir, 'index.sqlite'));
afterAll(() => {
  onDisk.close();
  rmSync(dir, { recursive: true, force: true });
});
const INDEXES = [
  { name: 'in memory', index: buildSearchIndex(DOCUMENTS) },
  { name: 'on disk', index: onDisk },
];

// Texts spelt as real plans spell them: half-width katakana, the small ヶ of a place name, an ideographic variation
// sequence (葛 + U+E0100); and the same words spelt the usual way, which must not be what is found.
const VARIANTS: SearchDocument[] = [
  { id: 'half-width', fields: { title: 'ﾜｰｸｼｮｯﾌﾟの開催', text: 'ｶﾞｲﾄﾞﾌﾞｯｸを作ります。' } },
  { id: 'small-ke', fields: { title: '龍ヶ崎市の将来像', text: '3ヵ年の計画' } },
  { id: 'ivs', fields: { title: '秋の七草', text: '葛\u{E0100}の花が咲く里山を守ります。' } },
  { id: 'plain', fields: { title: 'フック船長', text: '崎の花' } },
];
writeSearchFile(join(dir, 'variants.sqlite'), VARIANTS);
const variantsOnDisk = openSearchFile(join(dir, 'variants.sqlite'));
afterAll(() => variantsOnDisk.close());
const VARIANT_INDEXES = [
  { name: 'in memory', index: buildSearchIndex(VARIANTS) },
  { name: 'on disk', index: variantsOnDisk },
];

describe('tokens', () => {
  it('indexes every unigram and the bigrams inside runs, never across punctuation or spaces', () => {
    const t = indexTokens('子育て、支援 を');
    expect([...t.keys()].sort()).toEqual(['て', 'を', '子', '子育', '育', '育て', '援', '支', '支援'].sort());
  });

  it('normalizes width and case (NFKC, lower case) and maps back to the original code points', () => {
    expect(normalize('ＳＤＧｓ').chars.join('')).toBe('sdgs');
    expect(runs(normalize('脱炭素　ＤＸ').chars).map((r) => r.join(''))).toEqual(['脱炭素', 'dx']);
    expect(queryTokens([['緑']])).toEqual(['緑']);
    expect(findAll('𠮷野家でＤＸ', ['dx'])).toEqual([[4, 6]]);
  });
});

describe('runs of a text', () => {
  it('are the runs of its normalized characters, joined, with their lengths in characters', () => {
    // Half-width kana and a voiced mark composing apart, full width, case, a surrogate pair, punctuation and spaces.
    const texts = ['ﾊﾞｽ停　ＡＢＣ・まちづくり', '𠮷野家 𩸽、abc-DEF', 'ｶﾞｷﾞ１２３（）「」', '', '・、。', 'Ⅻ ㍻ ﬁ café'];
    for (const text of texts) {
      const expected = runs(normalize(text).chars).map((r) => ({ text: r.join(''), length: r.length }));
      expect(runsOf(text), text).toEqual(expected);
    }
    expect(runsOf('𠮷野家')).toEqual([{ text: '𠮷野家', length: 3 }]);
  });
});

describe.each(INDEXES)('search ($name)', ({ index }) => {
  it('finds a phrase in titles and texts, title matches first', () => {
    const r = index.search('脱炭素');
    expect(r.hits.map((h) => h.id)).toEqual(['title-hit', 'text-hit']);
    expect(r.total).toBe(2);
    expect(r.hits[0]!.matched).toContain('title');
    expect(r.hits[1]!.matched).toEqual(['text']);
  });

  it('does not return documents whose bigrams only occur apart (脱炭 … 炭素)', () => {
    expect(index.search('脱炭素').hits.map((h) => h.id)).not.toContain('scattered');
  });

  it('ANDs the words of a query, matches full-width text with half-width queries, and single characters', () => {
    expect(index.search('脱炭素 ライフスタイル').hits.map((h) => h.id)).toEqual(['text-hit']);
    expect(index.search('sdgs').hits.map((h) => h.id)).toEqual(['width']);
    expect(index.search('dx').hits.map((h) => h.id)).toEqual(['width']);
    expect(index.search('緑').hits.map((h) => h.id)).toEqual(['one-char']);
  });

  it('filters by group and pages through the hits', () => {
    expect(index.search('脱炭素', { group: 'B' }).hits.map((h) => h.id)).toEqual(['text-hit']);
    const page2 = index.search('脱炭素', { offset: 1, limit: 1 });
    expect(page2.total).toBe(2);
    expect(page2.hits.map((h) => h.id)).toEqual(['text-hit']);
  });

  it('answers empty, punctuation-only, unknown and hostile queries with nothing, without throwing', () => {
    for (const q of ['', '   ', '、。！', 'ゾゾゾ存在しない', '<script>alert(1)</script>', '.*+?^${}()|[]\\', '\u0000\u202e'])
      expect(index.search(q).total, q).toBe(0);
  });
});

describe.each(VARIANT_INDEXES)('spelling variants ($name)', ({ index }) => {
  const ids = (q: string) => index.search(q).hits.map((h) => h.id);

  it('finds half-width katakana with sound marks by the full-width word, and the other way round', () => {
    expect(ids('ワークショップ')).toEqual(['half-width']);
    expect(ids('ﾜｰｸｼｮｯﾌﾟ')).toEqual(['half-width']);
    expect(ids('ガイドブック')).toEqual(['half-width']);
    // フ is not プ: the sound mark is part of the character.
    expect(ids('フック')).toEqual(['plain']);
  });

  it('finds the small ヶ ヵ by ケ カ (龍ケ崎市 is the official name), and the other way round', () => {
    expect(ids('龍ケ崎')).toEqual(['small-ke']);
    expect(ids('龍ケ崎市')).toEqual(['small-ke']);
    expect(ids('龍ヶ崎')).toEqual(['small-ke']);
    expect(ids('3カ年')).toEqual(['small-ke']);
  });

  it('finds a character written with a variation selector by the plain character', () => {
    expect(ids('葛の花')).toEqual(['ivs']);
    expect(ids('葛\u{E0100}の花')).toEqual(['ivs']);
    expect(ids('葛')).toEqual(['ivs']);
    expect(index.search('葛の花').hits[0]!.matched).toEqual(['text']);
  });
});

describe('snippets', () => {
  it('cuts a window around the first match and reports the matches in code points', () => {
    const text = `${'あ'.repeat(80)}脱炭素${'い'.repeat(80)}`;
    const s = snippetOf(text, ['脱炭素'], 40);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    const [a, b] = s.highlights[0]!;
    expect(Array.from(s.text).slice(a, b).join('')).toBe('脱炭素');
  });

  it('keeps a short text whole and highlights every match', () => {
    const s = snippetOf('脱炭素型の、脱炭素地域', ['脱炭素']);
    expect(s.text).toBe('脱炭素型の、脱炭素地域');
    expect(s.highlights).toEqual([
      [0, 3],
      [6, 9],
    ]);
  });
});
