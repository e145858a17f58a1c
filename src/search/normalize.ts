// Text normalization and tokenization for Japanese search: NFKC over the whole text, lower case, a few Japanese
// folds; runs; character bigrams.

/** Whitespace, punctuation and symbols separate runs; no token spans a separator. */
const SEPARATOR = /^[\s\p{P}\p{S}]$/u;

/**
 * What normalize gives a text, as a number: a search file records the one its tokens were made with, and a file of
 * another is refused (sqlite-index.ts), so that a query is never normalized otherwise than the index it is matched
 * against. Bump it with any change to what normalize gives (tests/search/normalize.test.ts pins a digest of it).
 * 0: NFKC one code point at a time (files without a version). 1: NFKC over the whole text, ヶヵゖゕ folded, variation
 * selectors dropped.
 */
export const NORMALIZATION_VERSION = 1;

/** A text normalized, remembering where each normalized character came from. */
export interface Normalized {
  /** Normalized characters (code points). */
  readonly chars: readonly string[];
  /**
   * For each normalized character, the offset (in code points) of the first original code point it came from: NFKC
   * makes one character of several (ﾌﾟ → プ) and several of one (㍻ → 平成), so a character comes from a span.
   */
  readonly origin: readonly number[];
  /** For each normalized character, the end (exclusive, in code points) of the original span it came from. */
  readonly originEnd: readonly number[];
}

/**
 * Code points that NFKC may join to what comes before them: marks (combining sound marks, accents, variation
 * selectors), the half-width sound marks ﾞﾟ (which NFKC makes combining: ﾌﾟ → プ), Hangul vowel and final jamo (and
 * the compatibility and half-width jamo NFKC makes so), and the few others whose decomposition begins with a mark.
 * Everywhere else, NFKC of the whole text is NFKC of its pieces; tests/search/normalize.test.ts derives this set from
 * the runtime's Unicode data and checks that it holds every such code point.
 */
const JOINS_PREVIOUS =
  /^[\p{M}\u0E33\u0EB3\u1161-\u1175\u11A8-\u11C2\u3133\u3135\u3136\u313A-\u313F\u314F-\u3163\uFF9E\uFF9F\uFFA3\uFFA5\uFFA6\uFFAA-\uFFAF\uFFC2-\uFFC7\uFFCA-\uFFCF\uFFD2-\uFFD7\uFFDA-\uFFDC\u{16D67}\u{16D68}]$/u;

/** Whether a code point may join the one before it (JOINS_PREVIOUS), without the regular expression for common text. */
export const joinsPrevious = (cp: number): boolean =>
  cp >= 0x300 &&
  // Kana and the unified ideographs, most of a Japanese text, never do.
  !(cp >= 0x3041 && cp <= 0x3096) &&
  !(cp >= 0x30a1 && cp <= 0x30fa) &&
  !(cp >= 0x4e00 && cp <= 0x9fff) &&
  JOINS_PREVIOUS.test(String.fromCodePoint(cp));

/**
 * Variation selectors (U+FE00–FE0F, and the ideographic variation sequences' U+E0100–E01EF: 葛󠄀 is 葛 U+E0100) choose a
 * glyph, not a character: dropped, so 葛󠄀の花 is found by 葛の花.
 */
const VARIATION_SELECTORS = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;

/**
 * Small ヶ and ヵ (and hiragana ゖ ゕ) stand for ケ and カ (龍ヶ崎 is officially 龍ケ崎, 3ヵ月 is 3カ月): folded to them.
 * カ and ケ stay apart, as do が (霞ヶ関 / 霞が関) and 箇 (3箇所): each is a word of its own as often as a spelling of
 * another.
 */
const SMALL_KANA: Readonly<Record<string, string>> = { ヶ: 'ケ', ヵ: 'カ', ゖ: 'け', ゕ: 'か' };
const SMALL_KANA_RE = /[ヶヵゖゕ]/gu;

/** A piece of text that NFKC treats on its own (a code point and what joins it), as the index sees it. */
const foldPiece = (piece: string): string =>
  piece
    .replace(VARIATION_SELECTORS, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(SMALL_KANA_RE, (k) => SMALL_KANA[k]!);

/** foldPiece of each BMP code point alone, made on first use: a sparse array, holding only the code points met. */
const foldedBmp: (string | undefined)[] = [];
const foldOne = (cp: number): string => {
  if (cp > 0xffff) return foldPiece(String.fromCodePoint(cp));
  return (foldedBmp[cp] ??= foldPiece(String.fromCharCode(cp)));
};

/**
 * Calls `emit` with each normalized character of a text, in order, with the span of original code points it came
 * from: the text is cut before every code point that nothing joins to what precedes it, and each piece folded alone.
 */
const scan = (text: string, emit: (ch: string, start: number, end: number) => void): void => {
  const n = text.length;
  let i = 0;
  let cps = 0;
  while (i < n) {
    const from = i;
    const start = cps;
    const first = text.codePointAt(i)!;
    i += first > 0xffff ? 2 : 1;
    cps++;
    while (i < n) {
      const next = text.codePointAt(i)!;
      if (!joinsPrevious(next)) break;
      i += next > 0xffff ? 2 : 1;
      cps++;
    }
    const folded = cps - start === 1 ? foldOne(first) : foldPiece(text.slice(from, i));
    if (folded.length === 1) emit(folded, start, cps);
    else for (const ch of folded) emit(ch, start, cps);
  }
};

export const normalize = (text: string): Normalized => {
  const chars: string[] = [];
  const origin: number[] = [];
  const originEnd: number[] = [];
  scan(text, (ch, start, end) => {
    chars.push(ch);
    origin.push(start);
    originEnd.push(end);
  });
  return { chars, origin, originEnd };
};

export const isSeparator = (ch: string): boolean => SEPARATOR.test(ch);

/** The maximal runs of non-separator characters. */
export const runs = (chars: readonly string[]): string[][] => {
  const out: string[][] = [];
  let current: string[] = [];
  for (const ch of chars) {
    if (isSeparator(ch)) {
      if (current.length) out.push(current);
      current = [];
    } else current.push(ch);
  }
  if (current.length) out.push(current);
  return out;
};

/** A run of a normalized text and its length in characters (code points). */
export interface Run {
  readonly text: string;
  readonly length: number;
}

/** The runs of a normalized text, as runs(normalize(text).chars) gives them, joined: without a per-character array. */
export const runsOf = (text: string): Run[] => {
  const out: Run[] = [];
  let current = '';
  let length = 0;
  scan(text, (ch) => {
    if (isSeparator(ch)) {
      if (length) out.push({ text: current, length });
      current = '';
      length = 0;
    } else {
      current += ch;
      length++;
    }
  });
  if (length) out.push({ text: current, length });
  return out;
};

/** Every unigram and bigram of every run, with its count: what the index stores. */
export const indexTokens = (text: string): Map<string, number> => {
  const counts = new Map<string, number>();
  const add = (t: string) => counts.set(t, (counts.get(t) ?? 0) + 1);
  for (const run of runs(normalize(text).chars)) {
    run.forEach((ch, i) => {
      add(ch);
      if (i + 1 < run.length) add(ch + run[i + 1]);
    });
  }
  return counts;
};

/** The tokens a query asks for: the bigrams of each run, or the character itself for a one-character run. */
export const queryTokens = (queryRuns: readonly (readonly string[])[]): string[] => {
  const out = new Set<string>();
  for (const run of queryRuns) {
    if (run.length === 1) out.add(run[0]!);
    for (let i = 0; i + 1 < run.length; i++) out.add(run[i]! + run[i + 1]!);
  }
  return [...out];
};

/** Where the needles occur in a text, as merged [start, end) code point ranges of the original text. */
export const findAll = (text: string, needles: readonly string[]): [number, number][] => {
  const { chars, origin, originEnd } = normalize(text);
  const hay = chars.join('');
  // Code point index of each UTF-16 position of the normalized string.
  const cpAt: number[] = [];
  chars.forEach((ch, i) => {
    for (let k = 0; k < ch.length; k++) cpAt.push(i);
  });
  const ranges: [number, number][] = [];
  for (const needle of needles) {
    if (!needle) continue;
    for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) {
      const first = cpAt[at]!;
      const last = cpAt[at + needle.length - 1]!;
      ranges.push([origin[first]!, originEnd[last]!]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const prev = merged[merged.length - 1];
    if (prev && r[0] <= prev[1]) prev[1] = Math.max(prev[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
};

// The on-disk index stores tokens as base-36 code points of fixed width (4 digits cover U+10FFFF), so that SQLite's
// tokenizer sees only [0-9a-z] words: nothing of a text or a query can split a token or become FTS5 syntax.
const encodeChar = (ch: string): string => ch.codePointAt(0)!.toString(36).padStart(4, '0');

/**
 * The token stream of one field for the on-disk index: per run, its bigrams in order, then its characters. Bigrams are
 * consecutive only inside a run, so a phrase of a query run's bigrams matches exactly where the run is a substring of
 * a run of the field; the characters between runs keep a phrase from crossing a separator.
 */
export const fieldTokenStream = (text: string): string => {
  const out: string[] = [];
  for (const run of runs(normalize(text).chars)) {
    const codes = run.map(encodeChar);
    for (let i = 0; i + 1 < codes.length; i++) out.push(codes[i]! + codes[i + 1]!);
    out.push(...codes);
  }
  return out.join(' ');
};

/** A query run as an FTS5 phrase: its consecutive bigrams, or its character alone; only [0-9a-z] and spaces, quoted. */
export const runPhrase = (run: readonly string[]): string => {
  const codes = run.map(encodeChar);
  const tokens = codes.length === 1 ? codes : codes.slice(1).map((c, i) => codes[i]! + c);
  return `"${tokens.join(' ')}"`;
};

/**
 * A query's distinct phrases, in the order the MATCH expression takes them, each with the run it is: what the on-disk
 * index matches, and what its handles count rows of (sqlite-index.ts).
 */
export const queryPhrases = (queryRuns: readonly (readonly string[])[]): Map<string, string> => new Map(queryRuns.map((r) => [runPhrase(r), r.join('')]));
