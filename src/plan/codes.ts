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

const ERAS: Record<string, number> = { 令和: 2018, 平成: 1988, 昭和: 1925 };
const toAscii = (s: string): string => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** Western years named by era dates in a text, in order: 令和元年度 → 2019, 令和7年度 → 2025. */
export const eraYears = (text: string): number[] =>
  Array.from(toAscii(text).matchAll(/(令和|平成|昭和)(元|\d+)年/g), (m) => ERAS[m[1]!]! + (m[2] === '元' ? 1 : Number(m[2])));
