// Finds a quoted text in a source text, ignoring the line breaks and spaces that PDF extraction inserted.

/** A span of the source, in Unicode code points (as W3C Web Annotation selectors count them). */
export interface Quote {
  /** The source text of the span exactly as it stands, line breaks included. */
  readonly exact: string;
  readonly start: number;
  readonly end: number;
  readonly prefix: string;
  readonly suffix: string;
}

const CONTEXT = 16;
const isSpace = (ch: string): boolean => /\s/u.test(ch);

/** A source text indexed for whitespace-insensitive search. */
export class SourceIndex {
  private readonly chars: string[];
  private readonly squeezed: string;
  /** squeezed position (in code points) → position in `chars`. */
  private readonly positions: number[];
  /** squeezed code point i → its UTF-16 offset in `squeezed` (one more entry for the end). */
  private readonly squeezedUtf16: number[];

  constructor(text: string) {
    this.chars = Array.from(text);
    this.positions = [];
    const kept: string[] = [];
    this.chars.forEach((ch, i) => {
      if (!isSpace(ch)) {
        kept.push(ch);
        this.positions.push(i);
      }
    });
    this.squeezed = kept.join('');
    this.squeezedUtf16 = [];
    let offset = 0;
    for (const ch of kept) {
      this.squeezedUtf16.push(offset);
      offset += ch.length;
    }
    this.squeezedUtf16.push(offset);
  }

  /**
   * Finds the `occurrence`-th (1-based) place of `needle` at or after code point `after` of the
   * original text; undefined when it is not there.
   */
  locate(needle: string, occurrence = 1, after = 0): Quote | undefined {
    const wanted = Array.from(needle).filter((ch) => !isSpace(ch)).join('');
    if (wanted.length === 0) return undefined;
    let from = this.squeezedOffset(after);
    let at = -1;
    for (let n = 0; n < occurrence; n++) {
      at = this.squeezed.indexOf(wanted, from);
      if (at < 0) return undefined;
      from = at + 1;
    }
    // indexOf works in UTF-16 units; convert to squeezed code-point positions.
    const cpStart = this.codePointAt(at);
    const cpLength = Array.from(wanted).length;
    const start = this.positions[cpStart]!;
    const end = this.positions[cpStart + cpLength - 1]! + 1;
    return {
      exact: this.chars.slice(start, end).join(''),
      start,
      end,
      prefix: this.chars.slice(Math.max(0, start - CONTEXT), start).join(''),
      suffix: this.chars.slice(end, end + CONTEXT).join(''),
    };
  }

  /** The last place of `needle` that starts before code point `before` (and at or after `after`); undefined when none does. */
  locateLastBefore(needle: string, before: number, after = 0): Quote | undefined {
    let best: Quote | undefined;
    for (let n = 1; ; n++) {
      const q = this.locate(needle, n, after);
      if (!q || q.start >= before) return best;
      best = q;
    }
  }

  /** UTF-16 offset in the squeezed text of the first kept character at or after original code point `cp`. */
  private squeezedOffset(cp: number): number {
    let lo = 0;
    let hi = this.positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.positions[mid]! < cp) lo = mid + 1;
      else hi = mid;
    }
    return this.squeezedUtf16[lo]!;
  }

  /** The squeezed code point that starts at UTF-16 offset `utf16` of `squeezed`. */
  private codePointAt(utf16: number): number {
    let lo = 0;
    let hi = this.squeezedUtf16.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.squeezedUtf16[mid]! < utf16) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** How many times `needle` occurs (whitespace-insensitive). */
  count(needle: string): number {
    const wanted = Array.from(needle).filter((ch) => !isSpace(ch)).join('');
    if (wanted.length === 0) return 0;
    let n = 0;
    for (let at = this.squeezed.indexOf(wanted); at >= 0; at = this.squeezed.indexOf(wanted, at + 1)) n++;
    return n;
  }
}
