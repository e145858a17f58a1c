// Text normalization and tokenization for Japanese search: NFKC + lower case per code point, runs, character bigrams.

/** Whitespace, punctuation and symbols separate runs; no token spans a separator. */
const SEPARATOR = /^[\s\p{P}\p{S}]$/u;

/** A text normalized code point by code point, remembering where each normalized character came from. */
export interface Normalized {
  /** Normalized characters (code points). */
  readonly chars: readonly string[];
  /** For each normalized character, the offset (in code points) of the original code point it came from. */
  readonly origin: readonly number[];
}

/** One code point as the index sees it: NFKC, then lower case (one or more code points). */
const fold = (cp: string): string => cp.normalize('NFKC').toLowerCase();

export const normalize = (text: string): Normalized => {
  const chars: string[] = [];
  const origin: number[] = [];
  Array.from(text).forEach((cp, i) => {
    for (const ch of Array.from(fold(cp))) {
      chars.push(ch);
      origin.push(i);
    }
  });
  return { chars, origin };
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
  for (const cp of text) {
    for (const ch of fold(cp)) {
      if (isSeparator(ch)) {
        if (length) out.push({ text: current, length });
        current = '';
        length = 0;
      } else {
        current += ch;
        length++;
      }
    }
  }
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
  const { chars, origin } = normalize(text);
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
      ranges.push([origin[first]!, origin[last]! + 1]);
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
