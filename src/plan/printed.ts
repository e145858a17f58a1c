// The numbers an indicator value prints ("84.9%", "３，２００人", "△1.2％"), read as a person reads them, so that the
// curated value can be checked against the printed text as a whole number, not as a substring of it.

/** A number as printed, with where it stands in the normalised text. */
export interface PrintedNumber {
  readonly value: number;
  /** The number as it reads once normalised (NFKC, digit-group commas dropped, a leading △ or ▲ as a minus sign). */
  readonly text: string;
  /** Whether it was printed with △ or ▲, the minus sign of Japanese public documents. */
  readonly triangle: boolean;
}

/**
 * Every number printed in `printed`, in order. The text is NFKC-normalised first (full-width digits, ．and ，, －);
 * commas between groups of three digits are dropped (3,200 → 3200); a leading △ or ▲ and a minus sign not preceded
 * by a digit (40-50 is a range) make the number negative. A number is whole: 43.7 is one number, never 3.7 or 43.
 * Digits directly after an era name (令和3, R3, H27) are a year, not a number of the value, and are left out.
 */
export const printedNumbers = (printed: string): PrintedNumber[] => {
  const text = printed.normalize('NFKC');
  const out: PrintedNumber[] = [];
  for (const m of text.matchAll(/([△▲]|[-−](?<![0-9][-−]))?((?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9]))|[0-9]+)(\.[0-9]+)?/gu)) {
    const before = text.slice(0, m.index);
    // A number glued to the end of another one (1,23: the 23 after a comma that groups nothing) is not a number of its own.
    if (/[0-9.]$/u.test(before)) continue;
    if (/(?:令和|平成|昭和|(?<![A-Za-z])[RHS])$/u.test(before)) continue;
    const sign = m[1] === undefined ? '' : '-';
    const digits = `${sign}${m[2]!.replace(/,/gu, '')}${m[3] ?? ''}`;
    out.push({ value: Number(digits), text: digits, triangle: m[1] === '△' || m[1] === '▲' });
  }
  return out;
};

/**
 * Why `value` is not a number printed in `printed` (undefined when it is): the reason a curator reads, naming the
 * numbers the text does print.
 */
export const printedValueProblem = (value: number, printed: string): string | undefined => {
  const numbers = printedNumbers(printed);
  if (numbers.some((n) => n.value === value)) return undefined;
  if (numbers.length === 0) return `value ${value} does not match the printed "${printed}", which prints no number`;
  const list = numbers.map((n) => n.text);
  const named = list.length === 1 ? `the number printed is ${list[0]}` : `the numbers printed are ${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
  const sign = numbers.some((n) => n.triangle && n.value === -value) ? ': △ and ▲ print a minus sign' : '';
  return `value ${value} does not match the printed "${printed}" (${named}${sign})`;
};
