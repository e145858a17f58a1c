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
});

describe('era years', () => {
  it('reads 令和 years, 元年 and full-width digits', () => {
    expect(eraYears('令和3年度から令和12年度までの10年間')).toEqual([2021, 2030]);
    expect(eraYears('令和元年度')).toEqual([2019]);
    expect(eraYears('令和７年度')).toEqual([2025]);
    expect(eraYears('平成31年')).toEqual([2019]);
  });
});
