// A plan's label names its municipality once: not again when the printed title already does, in another spelling.
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/plan/index.ts';
import { includesName, planToQuads } from '../../src/rdf/plan-to-quads.ts';
import { iris } from '../../src/rdf/uris.ts';

const BASE = 'http://localhost:3000/';
const RDFS_LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';

const planFile = (name: string, title: string) => `municipality:
  code: '082082'
  name: { ja: ${name}, en: Ryugasaki City }
series: { id: sogo-keikaku, title: { ja: 総合計画, en: Comprehensive Plan } }
source:
  file: 082082-test.txt
  coverage: { ja: 一部のみ。, en: Only a part. }
plan:
  id: dai2ji-sogo-keikaku
  edition: { number: 2, text: 第２次 }
  version: { status: published, evidence: 'https://example.org/plan' }
  title: ${title}
  titleEn: Ryugasaki City 2nd Comprehensive Plan
  parts:
    - { id: koki, title: 後期基本計画, titleEn: Second-term Basic Plan }
elements:
  - id: vision/1
    type: Vision
    level: 将来像
    title: 住みよいまち
    themes: [community]
`;
const SOURCE = '龍ヶ崎市第２次総合計画 後期基本計画\n将来像 住みよいまち\n';

const labels = (name: string, title: string) => {
  const { plan, problems } = loadPlan({
    file: 'data/plans/082082-test.yaml',
    yamlText: planFile(name, title),
    readSource: (n) => (n === '082082-test.txt' ? Buffer.from(SOURCE) : undefined),
    themeIds: new Set(['community']),
  });
  expect(problems).toEqual([]);
  const quads = planToQuads(plan!, iris(BASE));
  const label = (iri: string) => quads.filter((q) => q.subject.value === iri && q.predicate.value === RDFS_LABEL && q.object.termType === 'Literal' && q.object.language === 'ja').map((q) => q.object.value);
  const planIri = `${BASE}id/082082/plan/dai2ji-sogo-keikaku`;
  return { plan: label(planIri), part: label(`${planIri}/part/koki`) };
};

describe('plan labels', () => {
  it('do not repeat the name when the title prints it with ヶ where the official name has ケ', () => {
    expect(labels('龍ケ崎市', '龍ヶ崎市第２次総合計画').plan).toEqual(['龍ヶ崎市第２次総合計画']);
  });

  it('still name the municipality before a title that does not', () => {
    expect(labels('龍ケ崎市', '第２次総合計画')).toEqual({ plan: ['龍ケ崎市 第２次総合計画'], part: ['龍ケ崎市 後期基本計画'] });
  });

  it('compare names across ヶ/ケ/ヵ/カ, half- and full-width forms, spaces and variation selectors', () => {
    expect(includesName('龍ヶ崎市第２次総合計画', '龍ケ崎市')).toBe(true);
    expect(includesName('鶴ケ島市総合計画', '鶴ヶ島市')).toBe(true);
    expect(includesName('一ヵ月', '一カ月')).toBe(true);
    expect(includesName('ﾆｾｺ町総合計画', 'ニセコ町')).toBe(true);
    expect(includesName('葛\u{E0100}飾区 基本計画', '葛飾区')).toBe(true);
    expect(includesName('龍 ヶ 崎 市 の計画', '龍ケ崎市')).toBe(true);
    expect(includesName('第２次総合計画', '龍ケ崎市')).toBe(false);
  });
});
