// Japanese identifiers the plans use: local government codes with their check digit, and era (和暦) fiscal years.

/** Check digit of a five-digit local government code (JIS X 0402 style, modulus 11, weights 6..2). */
export const checkDigit = (five: string): number => {
  const sum = Array.from(five).reduce((acc, d, i) => acc + Number(d) * (6 - i), 0);
  const r = sum % 11;
  return r === 0 ? 0 : (11 - r) % 10;
};

export const isValidLocalGovernmentCode = (six: string): boolean =>
  /^\d{6}$/.test(six) && checkDigit(six.slice(0, 5)) === Number(six[5]);

const ERAS: Record<string, number> = { 令和: 2018, 平成: 1988, 昭和: 1925 };
const toAscii = (s: string): string => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** Western years named by era dates in a text, in order: 令和元年度 → 2019, 令和7年度 → 2025. */
export const eraYears = (text: string): number[] =>
  Array.from(toAscii(text).matchAll(/(令和|平成|昭和)(元|\d+)年/g), (m) => ERAS[m[1]!]! + (m[2] === '元' ? 1 : Number(m[2])));
