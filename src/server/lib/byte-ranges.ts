// Reads a Range header (RFC 9110 §14.1.2) against a representation of known length: one byte range, or what to do instead.

export type RangeAnswer =
  /** Send the whole representation (200): no Range, another unit, or several ranges (which we do not combine). */
  | { readonly kind: 'whole' }
  /** 206 with bytes start..end (inclusive). */
  | { readonly kind: 'range'; readonly start: number; readonly end: number }
  /** 416: a bytes range that cannot be served, with the reason for the client. */
  | { readonly kind: 'unsatisfiable'; readonly reason: string };

const WHOLE: RangeAnswer = { kind: 'whole' };

/**
 * A byte position as sent: any number of digits, leading zeros included (`1*DIGIT`). Past 2^53 a double is no longer
 * exact, but every such number is beyond any length we serve, and stays so when rounded; a few hundred digits become
 * Infinity, which compares the same way.
 */
const position = (digits: string): number => Number(digits);

/** A position for a message: leading zeros and all but the first digits left out. */
const shown = (digits: string): string => {
  const bare = digits.replace(/^0+(?=\d)/, '');
  return bare.length > 20 ? `${bare.slice(0, 20)}… (${bare.length} digits)` : bare;
};

/**
 * The answer to `range` for a representation of `size` bytes. A unit other than bytes is ignored (RFC 9110 §14.2: the
 * server MUST ignore it); several ranges get the whole body, which §14.2 allows. A last position at or past the end
 * means the rest of the body, a suffix longer than the body means all of it (§14.1.2), however many digits they have.
 * A malformed bytes range, one that starts past the end, or an empty suffix is 416 with the reason.
 */
export const parseRange = (range: string | undefined, size: number): RangeAnswer => {
  if (range === undefined) return WHOLE;
  const m = /^\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*(.*)$/.exec(range);
  if (!m) return { kind: 'unsatisfiable', reason: 'the Range header is not a range unit and a range set' };
  if (m[1]!.toLowerCase() !== 'bytes') return WHOLE;
  const set = m[2]!.trim();
  if (set.includes(',')) return WHOLE;
  const spec = /^(\d*)\s*-\s*(\d*)$/.exec(set);
  if (!spec || (spec[1] === '' && spec[2] === ''))
    return { kind: 'unsatisfiable', reason: `"${set.slice(0, 40)}" is not a byte range (first-last, first- or -suffix)` };
  const [first, last] = [spec[1]!, spec[2]!];
  if (first === '') {
    const suffix = position(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable', reason: 'an empty suffix range selects no byte' };
    return { kind: 'range', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = position(first);
  if (last !== '' && position(last) < start) return { kind: 'unsatisfiable', reason: `the range ends (${shown(last)}) before it starts (${shown(first)})` };
  if (start >= size) return { kind: 'unsatisfiable', reason: `the range starts at byte ${shown(first)}, past the last byte (${size - 1})` };
  return { kind: 'range', start, end: last === '' ? size - 1 : Math.min(position(last), size - 1) };
};

/**
 * Whether If-Range lets the Range apply (RFC 9110 §13.1.5): only an entity tag equal, by strong comparison, to the
 * current one; a date (we send no Last-Modified) or a weak tag never does, and then the whole body is sent.
 */
export const ifRangeHolds = (ifRange: string | undefined, etag: string): boolean => ifRange === undefined || ifRange.trim() === etag;
