// Local government code check digits and era-year parsing.
import { describe, expect, it } from 'vitest';
import { checkDigit, editionNumber, isValidLocalGovernmentCode, kanjiNumber, yearLabels } from '../../src/plan/codes.ts';

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

describe('kanji numbers', () => {
  it('reads the numerals plans print in headings and era years, from 〇 to 九十九, and 元', () => {
    const cases: [string, number][] = [['〇', 0], ['三', 3], ['十', 10], ['十三', 13], ['二十', 20], ['三十一', 31], ['九十九', 99], ['元', 1], ['12', 12]];
    for (const [text, n] of cases) expect(kanjiNumber(text), text).toBe(n);
  });
});

describe('year labels', () => {
  const read = (text: string) => yearLabels(text).map((l) => [l.text, l.fiscalYear]);

  it('reads era years with 元, full-width and kanji numerals, abbreviations and Western years', () => {
    expect(read('令和元年度')).toEqual([['令和元年度', 2019]]);
    expect(read('令和７年度')).toEqual([['令和7年度', 2025]]);
    expect(read('平成37年度')).toEqual([['平成37年度', 2025]]);
    expect(read('令和十三年度')).toEqual([['令和十三年度', 2031]]);
    expect(read('平成三十一年')).toEqual([['平成三十一年', 2019]]);
    expect(read('昭和60年')).toEqual([['昭和60年', 1985]]);
    expect(read('（R3）')).toEqual([['R3', 2021]]);
    expect(read('H27年度')).toEqual([['H27年度', 2015]]);
    expect(read('R4年度')).toEqual([['R4年度', 2022]]);
    expect(read('2021年度')).toEqual([['2021年度', 2021]]);
    expect(read('2021年')).toEqual([['2021年', 2021]]);
  });

  it('reads an era year printed with its Western year as one label, and flags the two when they differ', () => {
    expect(read('令和4(2022)年度')).toEqual([['令和4(2022)年度', 2022]]);
    expect(read('令和4（2022）年度')).toEqual([['令和4(2022)年度', 2022]]);
    expect(read('2022(令和4)年度')).toEqual([['2022(令和4)年度', 2022]]);
    expect(read('平成３１年度（２０１９年度）から令和１０年度')).toEqual([['平成31年度(2019年度)', 2019], ['令和10年度', 2028]]);
    expect(yearLabels('令和4(2021)年度')[0]!.conflict).toEqual({ era: '令和4', eraYear: 2022, western: 2021 });
    expect(yearLabels('令和4(2022)年度')[0]!.conflict).toBeUndefined();
  });

  it('gives a date in January–March the fiscal year before, and a bare year or a 年度 its own', () => {
    expect(read('令和5年3月31日現在')).toEqual([['令和5年3月', 2022]]);
    expect(read('2023年1月1日')).toEqual([['2023年1月', 2022]]);
    expect(read('R5.3.31現在')).toEqual([['R5.3.31', 2022]]);
    expect(read('令和5年4月1日')).toEqual([['令和5年4月', 2023]]);
    expect(read('令和5年度末')).toEqual([['令和5年度', 2023]]);
    expect(read('令和6年4月1日から令和14年3月31日まで')).toEqual([['令和6年4月', 2024], ['令和14年3月', 2031]]);
  });

  it('tells a calendar year (年) from a fiscal year (年度), a date and an abbreviation', () => {
    const kinds = (text: string) => yearLabels(text).map((l) => [l.text, l.calendar, l.fiscal, l.year]);
    expect(kinds('令和2年、2020年、令和2(2020)年、令和2年度、令和2年10月1日現在、R2.10.1、R2')).toEqual([
      ['令和2年', true, false, 2020],
      ['2020年', true, false, 2020],
      ['令和2(2020)年', true, false, 2020],
      ['令和2年度', false, true, 2020],
      ['令和2年10月', false, false, 2020],
      ['R2.10.1', false, false, 2020],
      ['R2', false, false, 2020],
    ]);
  });

  it('reads no year in durations, counts or words', () => {
    expect(read('10年間の計画期間')).toEqual([]);
    expect(read('人口2566人')).toEqual([]);
    expect(read('SDGs 3 の目標')).toEqual([]);
  });
});

describe('edition numbers', () => {
  it('reads 第N次 in any digits, 第N期 where no 第N次 is printed, and nothing else', () => {
    expect(['第6次', '第６次', '第六次', '第 6 次小金井市', '第十二次', '第2期総合戦略', '第5次総合計画 第2期'].map(editionNumber)).toEqual([6, 6, 6, 6, 12, 2, 5]);
    expect(editionNumber('令和14(2032)年のありたい姿')).toBeUndefined();
  });
});
