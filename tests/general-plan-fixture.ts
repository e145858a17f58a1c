// Test fixture: a plan of an invented town (試験町; a test fixture, never published data) shaped like real plans unlike
// the five curated ones: a measure divided into measures (施策 → 基本事業: goal → policy → measure → measure →
// indicator), new indicators printed with no baseline (現状値 ―), one with a target alone and one with a direction
// alone, and census-style values printed for a calendar year or a date (令和2年10月1日現在, 令和12年), not a 年度.
import { readFileSync } from 'node:fs';
import { loadPlan, type Plan, type Problem } from '../src/plan/index.ts';
import { loadThemes } from '../src/plan/load-themes.ts';
import { ontologyQuads } from '../src/convert/dataset.ts';
import { planToQuads } from '../src/rdf/plan-to-quads.ts';
import { themesToQuads } from '../src/rdf/themes-to-quads.ts';
import { iris } from '../src/rdf/uris.ts';

export const GENERAL_CODE = '465054';
export const GENERAL_SOURCE_FILE = '465054-shiken.txt';
export const GENERAL_PLAN_ID = 'dai1ji-sogo-keikaku';

export const GENERAL_SOURCE = `第1次試験町総合計画

基本目標 1 健やかに暮らせるまち

政策 1-1 健康づくりの推進

施策 1-1-1 生活習慣病の予防

基本事業 1-1-1-1 特定健診の受診勧奨
健診を受ける町民を増やします。

指標\t現状値\t目標値（令和12年度）
特定保健指導の実施率\t―\t60.0%
健診の満足度\t―\t高めることを目指します

人口の見通し
総人口\t12,000人（令和2年10月1日現在）\t11,000人（令和12年）
`;

export const GENERAL_PLAN = `municipality:
  code: '${GENERAL_CODE}'
  name: { ja: 試験町, en: Shiken Town }
source:
  file: ${GENERAL_SOURCE_FILE}
  coverage: { ja: 基本計画の一部のみ（テスト用）。, en: Part of the basic plan only (a test fixture). }
series: { id: sogo-keikaku, title: { ja: 試験町総合計画, en: Shiken Town Comprehensive Plan } }
plan:
  id: ${GENERAL_PLAN_ID}
  edition: { number: 1, text: 第1次試験町総合計画 }
  version: { status: adopted, evidence: 'https://example.org/shiken' }
  title: 第1次試験町総合計画
  titleEn: Shiken Town 1st Comprehensive Plan
elements:
  - id: goal/1
    type: Goal
    level: 基本目標
    number: '1'
    title: 健やかに暮らせるまち
    themes: [health]
  - id: policy/1-1
    type: Policy
    level: 政策
    number: 1-1
    title: 健康づくりの推進
    parent: goal/1
    themes: [health]
  - id: measure/1-1-1
    type: Measure
    level: 施策
    number: 1-1-1
    title: 生活習慣病の予防
    parent: policy/1-1
    themes: [health]
  - id: measure/1-1-1-1
    type: Measure
    level: 基本事業
    number: 1-1-1-1
    title: 特定健診の受診勧奨
    text: 健診を受ける町民を増やします。
    parent: measure/1-1-1
    themes: [health]
  - id: indicator/1
    type: Indicator
    level: 指標
    title: 特定保健指導の実施率
    parent: measure/1-1-1-1
    themes: [health]
    unit: '%'
    qudtUnit: PERCENT
    target: { value: 60, printed: 60.0%, fiscalYear: 2030, fiscalYearLabel: 令和12年度 }
  - id: indicator/2
    type: Indicator
    level: 指標
    title: 健診の満足度
    parent: measure/1-1-1-1
    themes: [health]
    direction: { value: increase, text: 高めることを目指します }
  - id: indicator/3
    type: Indicator
    level: 指標
    title: 総人口
    parent: goal/1
    themes: [administration]
    unit: 人
    qudtUnit: NUM
    baseline: { value: 12000, printed: '12,000人', year: 2020, yearLabel: 令和2年10月1日現在 }
    target: { value: 11000, printed: '11,000人', year: 2030, yearLabel: 令和12年 }
`;

const THEMES = readFileSync('data/themes.yaml', 'utf8');

/** Loads `yamlText` (default: the fixture plan) against `source` (default: the fixture's source text). */
export const loadGeneral = (yamlText = GENERAL_PLAN, source = GENERAL_SOURCE): { plan?: Plan; problems: Problem[] } => {
  const { scheme } = loadThemes('data/themes.yaml', THEMES);
  return loadPlan({
    file: 'data/plans/465054-shiken.yaml',
    yamlText,
    readSource: (name) => (name === GENERAL_SOURCE_FILE ? Buffer.from(source) : undefined),
    themeIds: new Set(scheme!.themes.map((t) => t.id)),
  });
};

/** The fixture plan's graph and the vocabulary graph (ontology and themes), as the converter makes them. */
export const generalQuads = (base: string, plan = loadGeneral().plan!) => {
  const uri = iris(base);
  const { scheme } = loadThemes('data/themes.yaml', THEMES);
  const vocabulary = [...ontologyQuads(readFileSync('ontology/jpplan.ttl', 'utf8'), uri.vocabularyGraph(), 'ontology/jpplan.ttl'), ...themesToQuads(scheme!, uri)];
  return { plan: planToQuads(plan, uri), vocabulary };
};
