// Locating quotes in source texts: whitespace-insensitive, code-point offsets, occurrences.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SourceIndex } from '../../src/plan/index.ts';

describe('SourceIndex.locate', () => {
  it('finds a title that PDF extraction broke across lines and reports the exact source span', () => {
    const text = 'あ\n安全で魅力的な街づくりと\n産業連関による新たな価値の創出\n\nい';
    const q = new SourceIndex(text).locate('安全で魅力的な街づくりと産業連関による新たな価値の創出')!;
    expect(q.exact).toBe('安全で魅力的な街づくりと\n産業連関による新たな価値の創出');
    expect(q.start).toBe(2);
    expect(q.end).toBe(2 + Array.from(q.exact).length);
    expect(q.prefix).toBe('あ\n');
    expect(q.suffix).toBe('\n\nい');
  });

  it('ignores full-width and half-width spaces and tabs on both sides', () => {
    const q = new SourceIndex('施策 1 2\t子どもの育ちの支援').locate('施策12 子どもの育ちの支援')!;
    expect(q.exact).toBe('施策 1 2\t子どもの育ちの支援');
  });

  it('counts offsets in code points, not UTF-16 units', () => {
    const q = new SourceIndex('𠮷野家の\n脱炭素').locate('脱炭素')!;
    expect(q.start).toBe(5);
    expect(q.end).toBe(8);
  });

  it('takes the n-th occurrence, the first one after a position, and the last one before a position', () => {
    const index = new SourceIndex('まち A まち B まち C');
    expect(index.locate('まち', 2)!.start).toBe(5);
    expect(index.locate('まち', 4)).toBeUndefined();
    expect(index.locate('まち', 1, 6)!.start).toBe(10);
    expect(index.locateLastBefore('まち', 10)!.start).toBe(5);
    expect(index.count('まち')).toBe(3);
  });

  it('returns undefined for text that is not in the source', () => {
    expect(new SourceIndex('基本目標').locate('基本計画')).toBeUndefined();
    expect(new SourceIndex('基本目標').locate('  ')).toBeUndefined();
  });

  it('locates quotes in a real source so that the offsets select the quote', () => {
    const text = readFileSync('data/sources/132110-kodaira.txt', 'utf8');
    const wanted = '地球温暖化の原因となっている温室効果ガスの排出をゼロにする「脱炭素化*」に向けて';
    const q = new SourceIndex(text).locate(wanted)!;
    // Checked against the text itself, not against what locate() sliced: the start is the code-point offset of
    // the quote's first character, and the span reads as the quote once PDF line breaks and spaces are ignored.
    expect(q.start).toBe(Array.from(text.slice(0, text.indexOf('地球温暖化の原因'))).length);
    expect(Array.from(text).slice(q.start, q.end).join('').replace(/\s/gu, '')).toBe(wanted.replace(/\s/gu, ''));
  });
});
