// Japanese identifiers the plans use: local government codes with their check digit, and era (和暦) fiscal years.

/**
 * Check digit of a five-digit local government code (全国地方公共団体コード, JIS X 0402): the last digit of
 * 11 − (Σ digit × weight mod 11), weights 6, 5, 4, 3, 2. A remainder of 0 gives 11, so 1 (新宿区 131041, 埼玉県 110001);
 * a remainder of 1 gives 10, so 0 (小平市 132110).
 */
export const checkDigit = (five: string): number => {
  const sum = Array.from(five).reduce((acc, d, i) => acc + Number(d) * (6 - i), 0);
  return (11 - (sum % 11)) % 10;
};

const hasCheckDigit = (six: string): boolean => /^\d{6}$/.test(six) && checkDigit(six.slice(0, 5)) === Number(six[5]);

/** A code a real body can have: its first two digits name one of the 47 prefectures (01–47), and its check digit holds. */
export const isValidLocalGovernmentCode = (six: string): boolean => {
  const prefecture = Number(six.slice(0, 2));
  return hasCheckDigit(six) && prefecture >= 1 && prefecture <= 47;
};

/**
 * The codes of synthetic bodies (npm run synth): 9xxxxx with a valid check digit. No prefecture is numbered 90–99, so
 * no real body has one, and the real validator refuses every one of them.
 */
export const SYNTHETIC_CODE_FIRST = 90000;
export const SYNTHETIC_CODE_LAST = 99999;
export const syntheticCode = (index: number): string => {
  const five = SYNTHETIC_CODE_FIRST + index;
  if (!Number.isInteger(index) || index < 0 || five > SYNTHETIC_CODE_LAST) throw new RangeError(`synthetic body index ${index} is outside 0–${SYNTHETIC_CODE_LAST - SYNTHETIC_CODE_FIRST}`);
  return `${five}${checkDigit(String(five))}`;
};
export const isSyntheticLocalGovernmentCode = (six: string): boolean => hasCheckDigit(six) && six.startsWith('9');

const ERAS: Record<string, number> = { 令和: 2018, 平成: 1988, 昭和: 1925, R: 2018, H: 1988, S: 1925 };
/** A year as printed in a label, read: its Western year and the fiscal year (April–March) it names. */
export interface YearLabel {
  /** The label as matched, NFKC-normalised and without spaces: 令和4(2022)年度, R3, 令和5年3月31日 (up to its month). */
  readonly text: string;
  /** The Western year printed: 令和5年3月31日 → 2023. */
  readonly year: number;
  /** Whether it says 年度 (a fiscal year), not 年 or a date. */
  readonly fiscal: boolean;
  /** Whether it says 年 with no month after it (令和2年, 2020年): a calendar year, January–December, not a fiscal year. */
  readonly calendar: boolean;
  /** The month, where a date is printed (令和5年3月31日, R5.3.31, 2023年1月1日). */
  readonly month?: number;
  /**
   * The fiscal year it names: the year of a 年度 or of an abbreviation (R3); for a date, the year of the April that
   * begins its fiscal year (a date in January–March belongs to the fiscal year before); for a bare 年 (`calendar`), the
   * year's own number, though that calendar year is no fiscal year.
   */
  readonly fiscalYear: number;
  /** An era year and a Western year printed together (令和4(2021)年度) that are not the same year. */
  readonly conflict?: { readonly era: string; readonly eraYear: number; readonly western: number };
}

const KANJI_DIGITS = '〇一二三四五六七八九';
/** 元 → 1, 7 → 7, 六 → 6, 十三 → 13, 二十 → 20, 三十一 → 31. */
export const kanjiNumber = (n: string): number => {
  if (n === '元') return 1;
  if (/^[0-9]+$/u.test(n)) return Number(n);
  const [tens, ones] = n.split('十') as [string, string | undefined];
  if (ones === undefined) return Number(Array.from(tens, (c) => KANJI_DIGITS.indexOf(c)).join(''));
  return (tens === '' ? 1 : KANJI_DIGITS.indexOf(tens)) * 10 + (ones === '' ? 0 : KANJI_DIGITS.indexOf(ones));
};

const ERA = '(?:令和|平成|昭和|(?<![A-Za-z0-9])[RHS](?=元|[0-9]))';
const NUM = '(?:元|[0-9]{1,3}|[〇一二三四五六七八九十]{1,4})';
const WESTERN = '(?<![0-9.,])[0-9]{4}(?![0-9])';
const LABEL = new RegExp(
  [
    // 令和4, R3, 令和4(2022): an era year, perhaps with its Western year in brackets
    `(?:(?<era>${ERA})(?<n>${NUM})(?:\\((?<wIn>[0-9]{4})(?:年度?)?\\))?`,
    // 2022, 2022(令和4): a Western year, perhaps with its era year in brackets
    `|(?<w>${WESTERN})(?:\\((?<eraIn>令和|平成|昭和|[RHS])(?<nIn>${NUM})(?:年度?)?\\))?)`,
    // 年度 or 年, perhaps followed by the other calendar in brackets (平成31年度(2019年度)) and a month; or a date R5.3.31
    `(?:(?<suffix>年度|年)(?:\\((?:(?<wAfter>[0-9]{4})|(?<eraAfter>令和|平成|昭和|[RHS])(?<nAfter>${NUM}))(?:年度?)?\\))?(?:(?<month>[0-9]{1,2})月)?`,
    `|[./](?<dotMonth>[0-9]{1,2})[./][0-9]{1,2}(?![0-9]))?`,
  ].join(''),
  'gu',
);

/**
 * The year labels of a text, in order: 令和/平成/昭和 N年 or N年度 (元 and kanji numerals up to 九十九 too), the
 * abbreviations R3, H27年度, S60, Western years 2021年 and 2021年度, and an era year with its Western year
 * (令和4(2022)年度, 2022(令和4)年度, 平成31年度(2019年度)), which must agree. The text is NFKC-normalised (full-width
 * digits and brackets) and read without its spaces. A four-digit number with neither 年 nor a date after it is not a
 * year label.
 */
export const yearLabels = (text: string): YearLabel[] => {
  const t = text.normalize('NFKC').replace(/\s+/gu, '');
  const out: YearLabel[] = [];
  for (const m of t.matchAll(LABEL)) {
    const g = m.groups!;
    const month = g['month'] ?? g['dotMonth'];
    if (g['w'] !== undefined && g['suffix'] === undefined && month === undefined && g['eraIn'] === undefined) continue;
    const era = g['era'] ?? g['eraIn'] ?? g['eraAfter'];
    const eraN = g['n'] ?? g['nIn'] ?? g['nAfter'];
    const eraYear = era === undefined ? undefined : ERAS[era]! + kanjiNumber(eraN!);
    const western = g['w'] ?? g['wIn'] ?? g['wAfter'];
    const westernYear = western === undefined ? undefined : Number(western);
    const year = g['era'] !== undefined ? eraYear! : westernYear!;
    const fiscal = g['suffix'] === '年度';
    const monthN = month === undefined || fiscal ? undefined : Number(month);
    const calendar = g['suffix'] === '年' && monthN === undefined;
    const fiscalYear = monthN !== undefined && monthN >= 1 && monthN <= 3 ? year - 1 : year;
    const conflict =
      eraYear !== undefined && westernYear !== undefined && eraYear !== westernYear ? { era: `${era}${eraN}`, eraYear, western: westernYear } : undefined;
    out.push({ text: m[0], year, fiscal, calendar, ...(monthN === undefined ? {} : { month: monthN }), fiscalYear, ...(conflict ? { conflict } : {}) });
  }
  return out;
};

/**
 * The edition number a text prints: 第6次, 第６次, 第六次 → 6 (第N期 where no 第N次 is printed); undefined when it
 * prints none.
 */
export const editionNumber = (text: string): number | undefined => {
  const t = text.normalize('NFKC').replace(/\s+/gu, '');
  const m = /第([0-9]+|[〇一二三四五六七八九十]+)次/u.exec(t) ?? /第([0-9]+|[〇一二三四五六七八九十]+)期/u.exec(t);
  return m ? kanjiNumber(m[1]!) : undefined;
};
