// Reads a Range header (RFC 9110 §14.1.2) against a representation of known length: one byte range, or what to do instead.

export type RangeAnswer =
  /** Send the whole representation (200): no Range, another unit, or several ranges (which we do not combine). */
  | { readonly kind: 'whole' }
  /** 206 with bytes start..end (inclusive). */
  | { readonly kind: 'range'; readonly start: number; readonly end: number }
  /** 416: a bytes range that cannot be served, with the reason for the client. */
  | { readonly kind: 'unsatisfiable'; readonly reason: string };

const WHOLE: RangeAnswer = { kind: 'whole' };
/** Longer numbers than this cannot be a byte position of ours (2^53 needs 16 digits). */
const MAX_DIGITS = 16;

/**
 * The answer to `range` for a representation of `size` bytes. A unit other than bytes is ignored (RFC 9110 §14.2: the
 * server MUST ignore it); several ranges get the whole body, which §14.2 allows; a malformed bytes range, one that
 * starts past the end, or an empty suffix is 416 with the reason.
 */
export const parseRange = (range: string | undefined, size: number): RangeAnswer => {
  if (range === undefined) return WHOLE;
  const m = /^\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*(.*)$/.exec(range);
  if (!m) return { kind: 'unsatisfiable', reason: 'the Range header is not a range unit and a range set' };
  if (m[1]!.toLowerCase() !== 'bytes') return WHOLE;
  const set = m[2]!.trim();
  if (set.includes(',')) return WHOLE;
  const spec = /^(\d*)\s*-\s*(\d*)$/.exec(set);
  if (!spec || (spec[1] === '' && spec[2] === '') || spec[1]!.length > MAX_DIGITS || spec[2]!.length > MAX_DIGITS)
    return { kind: 'unsatisfiable', reason: `"${set.slice(0, 40)}" is not a byte range (first-last, first- or -suffix)` };
  const [first, last] = [spec[1]!, spec[2]!];
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable', reason: 'an empty suffix range selects no byte' };
    return { kind: 'range', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return { kind: 'unsatisfiable', reason: `the range ends (${last}) before it starts (${first})` };
  if (start >= size) return { kind: 'unsatisfiable', reason: `the range starts at byte ${start}, past the last byte (${size - 1})` };
  return { kind: 'range', start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
};

/**
 * Whether If-Range lets the Range apply (RFC 9110 §13.1.5): only an entity tag equal, by strong comparison, to the
 * current one; a date (we send no Last-Modified) or a weak tag never does, and then the whole body is sent.
 */
export const ifRangeHolds = (ifRange: string | undefined, etag: string): boolean => ifRange === undefined || ifRange.trim() === etag;
