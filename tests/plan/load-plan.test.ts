// Bad plan files fail with the file, the place and the reason; good ones load with located quotes.
import { describe, expect, it } from 'vitest';
import { loadPlan, type Problem } from '../../src/plan/index.ts';

const SOURCE = '基本目標 1 協働・行政\n\nみんなで作る\nまち\n\n行政だけでなく、市民が協力します。\n指標\t現状値 (令和元年度)\t目標値 (令和7年度)\n満足度\t84.9%\t100.0%\n';
const themeIds = new Set(['community', 'administration']);

const plan = (elements: string, head = '') => `municipality:
  code: '132292'
  name: { ja: 西東京市, en: Nishitokyo City }
series: { id: test-series, title: { ja: テスト計画, en: Test plans } }
source:
  file: 132292-test.txt
  coverage: { ja: 基本目標の一部のみ。, en: Only part of the basic goals. }
plan:
  id: dai1ji-test-plan
  edition: { number: 1, evidence: 'https://example.org/plan' }
  version: { status: adopted, evidence: 'https://example.org/plan' }
  title: 基本目標
  titleEn: Test plan
${head}elements:
${elements}`;

const GOAL = `  - id: goal/1
    type: Goal
    level: 基本目標
    number: '1'
    field: 協働・行政
    title: みんなで作るまち
    text: 行政だけでなく、市民が協力します。
    themes: [community]
`;

const load = (yamlText: string) =>
  loadPlan({
    file: 'data/plans/test.yaml',
    yamlText,
    readSource: (name) => (name === '132292-test.txt' ? Buffer.from(SOURCE) : undefined),
    themeIds,
  });

const only = (problems: Problem[]) => {
  expect(problems).toHaveLength(1);
  return problems[0]!;
};

describe('loadPlan', () => {
  it('loads a valid plan and locates title and text, across the line break', () => {
    const { plan: p, problems } = load(plan(GOAL));
    expect(problems).toEqual([]);
    const goal = p!.elements[0]!;
    expect(goal.title!.quote.exact).toBe('みんなで作る\nまち');
    expect(goal.field!.quote.start).toBe(SOURCE.indexOf('協働'));
    expect(goal.position).toBe(1);
    expect(p!.municipality.areaCode).toBe('13229');
  });

  it('reports YAML syntax errors with line and column', () => {
    const p = only(load(plan(GOAL).replace('themes: [community]', 'themes: [community')).problems);
    expect(p.file).toBe('data/plans/test.yaml');
    expect(p.line).toBeGreaterThan(1);
    expect(p.reason).toMatch(/^YAML:/);
  });

  it('reports an unknown field with its place', () => {
    const p = only(load(plan(GOAL.replace('    themes:', '    colour: red\n    themes:'))).problems);
    expect(p.path).toBe('elements[0]');
    expect(p.reason).toContain('"colour"');
    expect(p.line).toBe(plan(GOAL).split('\n').findIndex((l) => l.includes('themes: [community]')) + 1);
  });

  it('reports an unknown theme', () => {
    const p = only(load(plan(GOAL.replace('[community]', '[community, space]'))).problems);
    expect(p.path).toBe('elements[0].themes[1]');
    expect(p.reason).toContain('unknown theme "space"');
  });

  it('reports a missing parent and a parent of a disallowed type', () => {
    const missing = load(plan(GOAL + GOAL.replace('goal/1', 'goal/2').replace('    themes:', '    parent: goal/9\n    themes:'))).problems;
    expect(missing.map((p) => p.reason)).toEqual(['parent "goal/9" is not an element of this plan']);
    const measure = (id: string, parent: string) => `  - id: ${id}\n    type: Measure\n    level: 施策\n    title: 協働\n    parent: ${parent}\n    themes: [community]\n`;
    const wrong = only(load(plan(GOAL + measure('measure/1', 'goal/1') + measure('measure/2', 'measure/1'))).problems);
    expect(wrong.reason).toContain('a Measure cannot sit under a Measure');
  });

  it('reports a duplicate id', () => {
    const p = only(load(plan(GOAL + GOAL)).problems);
    expect(p.path).toBe('elements[1].id');
    expect(p.reason).toContain('duplicate id "goal/1"');
  });

  it('reports a quote that is not in the source, naming the file, element and text', () => {
    const p = only(load(plan(GOAL.replace('みんなで作るまち', 'みんなで作る未来'))).problems);
    expect(p.path).toBe('elements[0].title');
    expect(p.reason).toBe('text not found in data/sources/132292-test.txt: "みんなで作る未来"');
  });

  it('reports a wrong check digit, a missing source and an id that does not match the type', () => {
    expect(load(plan(GOAL).replace("'132292'", "'132293'")).problems.map((p) => p.reason)).toEqual([
      '132293 is not a valid local government code (check digit)',
      'source file 132292-test.txt does not belong to municipality 132293',
    ]);
    expect(load(plan(GOAL).replace('132292-test.txt', '132292-none.txt')).problems[0]!.reason).toContain('does not exist');
    expect(only(load(plan(GOAL.replace('goal/1', 'policy/1'))).problems).reason).toContain('a Goal id starts with "goal/"');
  });

  it('accepts a real code whose check digit is 1 because its weighted sum leaves no remainder (新宿区 131041)', () => {
    const text = plan(GOAL).replace("'132292'", "'131041'").replace('{ ja: 西東京市, en: Nishitokyo City }', '{ ja: 新宿区, en: Shinjuku City }').replace('132292-test.txt', '131041-test.txt');
    const { plan: p, problems } = loadPlan({ file: 'data/plans/test.yaml', yamlText: text, readSource: (name) => (name === '131041-test.txt' ? Buffer.from(SOURCE) : undefined), themeIds });
    expect(problems).toEqual([]);
    expect(p!.municipality).toMatchObject({ code: '131041', areaCode: '13104' });
    expect(load(text.replace("'131041'", "'131040'").replace('131041-test.txt', '131040-test.txt')).problems.map((p) => p.reason)).toContain(
      '131040 is not a valid local government code (check digit)',
    );
  });

  it('checks indicator values against what is printed and the era year', () => {
    const indicator = (year: number) => `  - id: indicator/1
    type: Indicator
    level: 指標
    title: 満足度
    parent: goal/1
    unit: '%'
    baseline: { value: 84.9, printed: 84.9%, fiscalYear: ${year}, fiscalYearLabel: 令和元年度 }
    target: { value: 100, printed: 100.0%, fiscalYear: 2025, fiscalYearLabel: 令和7年度 }
    themes: [administration]
`;
    const { plan: p, problems } = load(plan(GOAL + indicator(2019)));
    expect(problems).toEqual([]);
    const ind = p!.elements[1]!;
    expect(ind.baseline!.printed.quote.start).toBe(SOURCE.indexOf('84.9%'));
    expect(ind.target!.fiscalYearLabel.quote.start).toBe(SOURCE.indexOf('令和7年度'));
    expect(only(load(plan(GOAL + indicator(2020))).problems).reason).toBe('令和元年度 is fiscal year 2019, not 2020');
  });
});
