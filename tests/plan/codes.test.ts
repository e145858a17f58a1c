// Local government code check digits and era-year parsing.
import { describe, expect, it } from 'vitest';
import { checkDigit, eraYears, isValidLocalGovernmentCode } from '../../src/plan/codes.ts';

describe('local government codes', () => {
  it('accepts the five municipalities and rejects a wrong check digit', () => {
    for (const code of ['131121', '132292', '132110', '132101', '132217']) expect(isValidLocalGovernmentCode(code)).toBe(true);
    expect(isValidLocalGovernmentCode('131122')).toBe(false);
    expect(isValidLocalGovernmentCode('13112')).toBe(false);
    expect(checkDigit('13101')).toBe(6); // 千代田区 131016
  });

  it('accepts real codes whose weighted sum leaves a remainder of 0 (check digit 1) or 1 (check digit 0)', () => {
    // Σ digit × (6,5,4,3,2) mod 11 is 0 for these: 11 − 0 = 11, whose last digit 1 is the check digit.
    const remainderZero = { '131041': '新宿区', '202011': '長野市', '110001': '埼玉県', '011011': '札幌市中央区', '422011': '長崎市', '204111': '下條村' };
    for (const code of Object.keys(remainderZero)) {
      expect(checkDigit(code.slice(0, 5)), code).toBe(1);
      expect(isValidLocalGovernmentCode(code), code).toBe(true);
    }
    // Remainder 1: 11 − 1 = 10, check digit 0 (小平市).
    expect(checkDigit('13211')).toBe(0);
    // Codes that passed before and still do: 千代田区, 札幌市, 大阪市, 那覇市, 北海道.
    for (const code of ['131016', '011002', '271004', '472018', '010006']) expect(isValidLocalGovernmentCode(code), code).toBe(true);
  });

  it('refuses a wrong check digit, including the 0 the old rule gave for a remainder of 0', () => {
    for (const code of ['131040', '202010', '110000', '011010', '422010', '131042', '131017', '011003', '472010']) expect(isValidLocalGovernmentCode(code), code).toBe(false);
  });
});

describe('era years', () => {
  it('reads 令和 years, 元年 and full-width digits', () => {
    expect(eraYears('令和3年度から令和12年度までの10年間')).toEqual([2021, 2030]);
    expect(eraYears('令和元年度')).toEqual([2019]);
    expect(eraYears('令和７年度')).toEqual([2025]);
    expect(eraYears('平成31年')).toEqual([2019]);
  });
});
