// Search normalization: NFKC over the whole text (half-width kana and their sound marks, decomposed kana), small ヶ ヵ
// folded, variation selectors dropped; each normalized character mapped back to the span of the text it came from.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findAll, joinsPrevious, normalize, NORMALIZATION_VERSION, runs, runsOf, snippetOf } from '../../src/search/index.ts';

const text = (t: string) => normalize(t).chars.join('');
const IVS = '\u{E0100}';

/** What normalize gives, by its definition: the whole text at once, then each code point lower-cased and folded. */
const whole = (t: string) =>
  Array.from(t.replace(/[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu, '').normalize('NFKC'))
    .map((ch) => ch.toLowerCase())
    .join('')
    .replace(/[ヶヵゖゕ]/gu, (k) => ({ ヶ: 'ケ', ヵ: 'カ', ゖ: 'け', ゕ: 'か' })[k]!);

describe('normalize', () => {
  it('composes half-width katakana with their sound marks, and decomposed kana, as NFKC of the whole text does', () => {
    expect(text('ﾜｰｸｼｮｯﾌﾟ')).toBe('ワークショップ');
    expect(text('ｶﾞｷﾞｸﾞｹﾞｺﾞ ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ ｳﾞ')).toBe('ガギグゲゴ パピプペポ ヴ');
    expect(text('ｺﾐｭﾆﾃｨ')).toBe('コミュニティ');
    // カ + U+3099 (combining voiced mark, as macOS file names have it) is ガ.
    expect(text('カ\u3099イト\u3099')).toBe('ガイド');
    expect(text('ＳＤＧｓ ㍻ Ⅻ')).toBe('sdgs 平成 xii');
  });

  it('folds small ヶ ヵ (and ゖ ゕ) to ケ カ, and nothing else of the kind', () => {
    expect(text('龍ヶ崎市')).toBe('龍ケ崎市');
    expect(text('龍ケ崎市')).toBe('龍ケ崎市');
    expect(text('3ヵ月 3ゕ月 ゖ')).toBe('3カ月 3か月 け');
    // カ, ケ, が and 箇 are kept apart: each is a word of its own.
    expect(text('3カ所 3ケ所 霞が関 3箇所')).toBe('3カ所 3ケ所 霞が関 3箇所');
  });

  it('drops variation selectors, ideographic (IVS) and standard', () => {
    expect(text(`葛${IVS}の花`)).toBe('葛の花');
    expect(text('辻\u{E0101}堂 ☺\uFE0F')).toBe('辻堂 ☺');
    expect(text(`${IVS}`)).toBe('');
  });

  it('maps each character back to the code points it came from', () => {
    const n = normalize('ﾜｰｸｼｮｯﾌﾟ');
    expect(n.chars).toEqual(Array.from('ワークショップ'));
    expect(n.origin).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(n.originEnd).toEqual([1, 2, 3, 4, 5, 6, 8]);
    const v = normalize(`葛${IVS}の花`);
    expect(v.chars).toEqual(['葛', 'の', '花']);
    expect(v.origin).toEqual([0, 2, 3]);
    expect(v.originEnd).toEqual([2, 3, 4]);
    // One code point, two characters: both from it.
    expect(normalize('㍻元年')).toMatchObject({ chars: ['平', '成', '元', '年'], origin: [0, 0, 1, 2], originEnd: [1, 1, 2, 3] });
    expect(findAll('ﾜｰｸｼｮｯﾌﾟ', ['ショップ'])).toEqual([[3, 8]]);
    expect(findAll('ﾜｰｸｼｮｯﾌﾟ', ['プ'])).toEqual([[6, 8]]);
    expect(findAll('ﾜｰｸｼｮｯﾌﾟ', ['フ'])).toEqual([]);
    expect(findAll(`葛${IVS}の花`, ['葛の花'])).toEqual([[0, 4]]);
    expect(findAll(`葛${IVS}の花`, ['葛'])).toEqual([[0, 2]]);
    expect(findAll(`葛${IVS}の花`, ['の花'])).toEqual([[2, 4]]);
  });

  it('equals NFKC of the whole text on texts mixing every kind of joining character', () => {
    const pool = [
      ...'ｱｶｻﾀﾊﾏﾔﾗﾜｦﾝｳｰｯｬﾞﾟﾞﾟ',
      ...'かはカハうウ\u3099\u309A\u309B\u309C',
      ...'ᄀ까ᅢᆨᆩ가각ㄱㄳㅏㅐﾡﾤﾪￂￊ',
      ...'aAeEıİΣς\u0301\u0308\u0323\u0345ﬁ',
      '葛',
      IVS,
      '\uFE0F',
      ...'ำຳ\u0E4D\u0E32',
      ...'㍻㌔①⑴ヶヵ　 、。・',
    ];
    // A fixed pseudo-random sequence (xorshift), so a failure is repeatable.
    let seed = 0x2545f491;
    const next = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 2 ** 32;
    };
    const wrong: string[] = [];
    for (let k = 0; k < 3000; k++) {
      const t = Array.from({ length: 1 + Math.floor(next() * 12) }, () => pool[Math.floor(next() * pool.length)]!).join('');
      const n = normalize(t);
      if (n.chars.join('') !== whole(t)) wrong.push(`${JSON.stringify(t)}: not its NFKC`);
      const joined = runs(n.chars).map((r) => ({ text: r.join(''), length: r.length }));
      if (JSON.stringify(runsOf(t)) !== JSON.stringify(joined)) wrong.push(`${JSON.stringify(t)}: runsOf differs`);
      // Spans are within the text, in order: each starts where the one before started (the same span) or ended.
      const length = Array.from(t).length;
      n.origin.forEach((s, i) => {
        const ordered = i === 0 || s === n.origin[i - 1] || s >= n.originEnd[i - 1]!;
        if (!(s < n.originEnd[i]! && n.originEnd[i]! <= length && ordered)) wrong.push(`${JSON.stringify(t)}: span ${i}`);
      });
    }
    expect(wrong).toEqual([]);
  });

  it('cuts a text only before code points that NFKC never joins to what precedes them (from the runtime\'s Unicode data)', () => {
    const mark = /\p{M}/u;
    // The second code points of every canonical composition: what may join the code point before it.
    const second = new Set<number>();
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      const d = Array.from(c.normalize('NFD'));
      if (d.length >= 2 && c.normalize('NFC') === c) second.add(d[d.length - 1]!.codePointAt(0)!);
    }
    const missed: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const first = String.fromCodePoint(cp).normalize('NFKD').codePointAt(0)!;
      const joins = mark.test(String.fromCodePoint(first)) || second.has(first);
      if (joins && !joinsPrevious(cp)) missed.push(cp.toString(16));
    }
    expect(missed).toEqual([]);
  });

  it(`is pinned: a change to what it gives must bump NORMALIZATION_VERSION (${NORMALIZATION_VERSION}), which rebuilds every index`, () => {
    // Characters whose normalization no Unicode version since 12.1 has changed: Latin, punctuation, kana, CJK
    // symbols and enclosed forms, compatibility ideographs, variation selectors, full- and half-width forms.
    const ranges: [number, number][] = [[0x20, 0x24f], [0x2000, 0x206f], [0x2100, 0x24ff], [0x3000, 0x30ff], [0x3200, 0x33ff], [0xf900, 0xfaff], [0xfe00, 0xfe0f], [0xff00, 0xffef]];
    const singles = ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCodePoint(a + i)));
    const pairs = [...'ｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎｳｱ'].flatMap((k) => [`${k}ﾞ`, `${k}ﾟ`]);
    const sequences = [`葛${IVS}`, '辻\u{E0101}', 'カ\u3099', 'ハ\u309A', 'か\uFE00\u3099', '龍ヶ崎'];
    const digest = createHash('sha256')
      .update([...singles, ...pairs, ...sequences].map((t) => `${text(t)}\t${normalize(t).originEnd.join(',')}`).join('\n'))
      .digest('hex');
    expect({ version: NORMALIZATION_VERSION, digest }).toEqual({ version: 1, digest: 'da0ad34d04a24a2bbf80b122181cdb37196299925ebce2d4a36a4bea154aef1e' });
  });
});

describe('snippets of half-width and IVS texts', () => {
  it('highlight the original characters the query matched, sound marks and selectors included', () => {
    const s = snippetOf('市民ﾜｰｸｼｮｯﾌﾟを開催', ['ワークショップ']);
    expect(s.highlights).toEqual([[2, 10]]);
    expect(Array.from(s.text).slice(2, 10).join('')).toBe('ﾜｰｸｼｮｯﾌﾟ');
    const v = snippetOf(`秋の七草、葛${IVS}の花と萩`, ['葛の花']);
    expect(v.highlights).toEqual([[5, 9]]);
    expect(Array.from(v.text).slice(5, 9).join('')).toBe(`葛${IVS}の花`);
    // Cut to a window: the highlight moves with it.
    const long = snippetOf(`${'あ'.repeat(80)}ﾜｰｸｼｮｯﾌﾟ${'い'.repeat(80)}`, ['ワークショップ'], 40);
    const [a, b] = long.highlights[0]!;
    expect(Array.from(long.text).slice(a, b).join('')).toBe('ﾜｰｸｼｮｯﾌﾟ');
  });

  it('are never cut between a character and the sound mark or selector that joins it', () => {
    // Windows that would end between ﾌ and ﾟ, start between them, and start between 葛 and U+E0100.
    expect(snippetOf('あいうえおかきくｹﾌﾟけこ', ['あ'], 10).text).toBe('あいうえおかきくｹﾌﾟ…');
    expect(snippetOf('あいうえおかきくｹﾌﾟけこ', ['こ'], 3).text).toBe('…ﾌﾟけこ');
    const v = snippetOf(`${'あ'.repeat(30)}葛${IVS}の花`, ['の花'], 3);
    expect(v.text).toBe(`…葛${IVS}の花`);
    expect(v.highlights).toEqual([[3, 5]]);
  });
});
