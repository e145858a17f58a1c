// The curated plans hold what the sources show: the number of goals, policies, measures and the rest per plan.
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/plan/index.ts';

const { plans } = loadInputs(process.cwd());
const counts = (code: string) => {
  const plan = plans.find((p) => p.municipality.code === code)!;
  const out: Record<string, number> = {};
  for (const e of plan.elements) out[e.type] = (out[e.type] ?? 0) + 1;
  return out;
};

describe('the five curated plans', () => {
  it('are one plan per municipality, sorted by code', () => {
    expect(plans.map((p) => `${p.municipality.code} ${p.municipality.name.ja}`)).toEqual([
      '131121 世田谷区', '132101 小金井市', '132110 小平市', '132217 清瀬市', '132292 西東京市',
    ]);
  });

  it('世田谷区: the vision of six つながり, six 重点政策 ❶–❻ and their 13 めざす姿', () => {
    expect(counts('131121')).toEqual({ Vision: 7, Policy: 6, DesiredState: 13 });
    const p = plans.find((x) => x.municipality.code === '131121')!;
    expect(p.elements.filter((e) => e.type === 'Policy').map((e) => e.number)).toEqual(['❶', '❷', '❸', '❹', '❺', '❻']);
  });

  it('西東京市: 基本理念, 基本目標 1–6 and the 体制づくり', () => {
    expect(counts('132292')).toEqual({ Vision: 1, Goal: 6, Principle: 1 });
  });

  it('小平市: 基本目標 I–III, 方針 1–9 plus 自治体経営方針, 40 取組の視点, 20 ありたい姿, 2 横断プロジェクト', () => {
    expect(counts('132110')).toEqual({ Vision: 17, Goal: 3, Policy: 10, DesiredState: 20, Perspective: 40, CrossCuttingProject: 2, Principle: 1 });
    const p = plans.find((x) => x.municipality.code === '132110')!;
    const perPolicy = p.elements.filter((e) => e.type === 'Policy' && e.level === '方針').map((e) => p.elements.filter((c) => c.parent === e.id).length);
    expect(perPolicy).toEqual([6, 4, 4, 5, 4, 5, 2, 5, 5]);
  });

  it('小金井市: 政策 5-①–⑥ with 17 取組方針, 施策 1–29, two 指標 and the 総合戦略 goals', () => {
    expect(counts('132101')).toEqual({ Vision: 1, Principle: 4, Policy: 23, Measure: 29, Goal: 6, Indicator: 2 });
    const p = plans.find((x) => x.municipality.code === '132101')!;
    expect(p.elements.filter((e) => e.type === 'Measure').map((e) => e.number)).toEqual(Array.from({ length: 29 }, (_, i) => String(i + 1)));
    expect(p.period).toMatchObject({ fromFiscalYear: 2021, toFiscalYear: 2030 });
    const indicator = p.elements.find((e) => e.type === 'Indicator')!;
    expect(indicator.baseline).toMatchObject({ value: 84.9, fiscalYear: 2019 });
    expect(indicator.target).toMatchObject({ value: 100, fiscalYear: 2025 });
  });

  it('清瀬市: five 将来像, 15 まちづくりの基本目標 and 39 施策', () => {
    expect(counts('132217')).toEqual({ Vision: 5, Goal: 15, Measure: 39 });
  });

  it('quote every title and text at a span whose text, spaces aside, is the value', () => {
    for (const p of plans) {
      const chars = Array.from(p.source.text);
      for (const e of p.elements)
        for (const located of [e.title, e.text, e.field, e.subtitle]) {
          if (!located) continue;
          const span = chars.slice(located.quote.start, located.quote.end).join('');
          expect(span).toBe(located.quote.exact);
          expect(span.replace(/\s/gu, '')).toBe(located.value.replace(/\s/gu, ''));
        }
    }
  });
});
