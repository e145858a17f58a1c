// Snippets for search results: a window of the text around the first match, with the matches' code point ranges.
import { findAll, joinsPrevious } from './normalize.ts';

export interface Snippet {
  readonly text: string;
  /** [start, end) code point ranges of `text` that match the query. */
  readonly highlights: readonly (readonly [number, number])[];
}

/** About `width` code points around the first match (or the start), with an ellipsis where cut. */
export const snippetOf = (text: string, terms: readonly string[], width = 100): Snippet => {
  const chars = Array.from(text);
  const ranges = findAll(text, terms);
  const first = ranges[0];
  let start = first ? Math.max(0, first[0] - Math.floor(width / 4)) : 0;
  let end = Math.min(chars.length, start + width);
  start = Math.max(0, Math.min(start, end - width));
  // Never between a character and what joins it (ﾌ|ﾟ, 葛|U+E0100): the window takes the whole of both ends.
  const joins = (i: number) => i > 0 && i < chars.length && joinsPrevious(chars[i]!.codePointAt(0)!);
  while (joins(start)) start--;
  while (joins(end)) end++;
  const lead = start > 0 ? '…' : '';
  const tail = end < chars.length ? '…' : '';
  const highlights = ranges
    .filter(([s, e]) => e > start && s < end)
    .map(([s, e]) => [Math.max(s, start) - start + lead.length, Math.min(e, end) - start + lead.length] as const);
  return { text: lead + chars.slice(start, end).join('') + tail, highlights };
};

/** The ranges of a whole (short) text that match, e.g. a title. */
export const highlightsOf = (text: string, terms: readonly string[]): Snippet => ({ text, highlights: findAll(text, terms) });
