// Bad plan files fail with the file, the place and the reason; good ones load with located quotes.
import { describe, expect, it } from 'vitest';
import { loadPlan, type Problem } from '../../src/plan/index.ts';
import { planToQuads } from '../../src/rdf/plan-to-quads.ts';
import { iris } from '../../src/rdf/uris.ts';
import { GENERAL_PLAN, GENERAL_SOURCE, loadGeneral } from '../general-plan-fixture.ts';

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
    const goal = (id: string, parent: string) => `  - id: ${id}\n    type: Goal\n    level: 基本目標\n    title: 協働\n    parent: ${parent}\n    themes: [community]\n`;
    const wrong = only(load(plan(GOAL + measure('measure/1', 'goal/1') + goal('goal/2', 'measure/1'))).problems);
    expect(`${wrong.path}: ${wrong.reason}`).toBe('elements[2].parent: a Goal cannot sit under a Measure (allowed: plan, Vision, Goal)');
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
    expect(ind.target!.fiscalYearLabel!.quote.start).toBe(SOURCE.indexOf('令和7年度'));
    expect(only(load(plan(GOAL + indicator(2020))).problems).reason).toBe('令和元年度 is fiscal year 2019, not 2020');
  });
});

// Indicator values as Japanese public documents print them: full-width digits and separators, digit groups, △ for minus.
describe('printed indicator values', () => {
  const VALUES_SOURCE = [
    '基本目標 1 協働・行政',
    'みんなで作るまち',
    '行政だけでなく、市民が協力します。',
    '指標 現状値（令和３年度） 目標値（令和８年度）',
    '参加者数 ２５０人 ３，２００人',
    '平均年齢 ４５．３歳 45.0歳',
    '事業費 ２，５６６千円 2,000千円',
    '満足度 43.7% 50.0%',
    '相談件数 1,234件 1,500件',
    '人口増減率 △1.2％ ▲0.5％',
    '',
  ].join('\n');
  const indicator = (n: number, title: string, unit: string, base: [number, string], target: [number, string]) => `  - id: indicator/${n}
    type: Indicator
    level: 指標
    title: ${title}
    parent: goal/1
    unit: '${unit}'
    baseline: { value: ${base[0]}, printed: '${base[1]}', fiscalYear: 2021, fiscalYearLabel: 令和３年度 }
    target: { value: ${target[0]}, printed: '${target[1]}', fiscalYear: 2026, fiscalYearLabel: 令和８年度 }
    themes: [administration]
`;
  const loadValues = (indicators: string) =>
    loadPlan({
      file: 'data/plans/test.yaml',
      yamlText: plan(GOAL.replace('    field: 協働・行政\n', '') + indicators),
      readSource: (name) => (name === '132292-test.txt' ? Buffer.from(VALUES_SOURCE) : undefined),
      themeIds,
    });
  const ACCEPTED =
    indicator(1, '参加者数', '人', [250, '２５０人'], [3200, '３，２００人']) +
    indicator(2, '平均年齢', '歳', [45.3, '４５．３歳'], [45, '45.0歳']) +
    indicator(3, '事業費', '千円', [2566, '２，５６６千円'], [2000, '2,000千円']) +
    indicator(4, '満足度', '%', [43.7, '43.7%'], [50, '50.0%']) +
    indicator(5, '相談件数', '件', [1234, '1,234件'], [1500, '1,500件']) +
    indicator(6, '人口増減率', '%', [-1.2, '△1.2％'], [-0.5, '▲0.5％']);

  it('accepts full-width digits, ．and ，, digit groups and △/▲ negatives, and publishes the number read', () => {
    const { plan: p, problems } = loadValues(ACCEPTED);
    expect(problems).toEqual([]);
    const values = p!.elements.filter((e) => e.type === 'Indicator').map((e) => [e.baseline!.value, e.target!.value, e.baseline!.printed.quote.exact]);
    expect(values).toEqual([
      [250, 3200, '２５０人'],
      [45.3, 45, '４５．３歳'],
      [2566, 2000, '２，５６６千円'],
      [43.7, 50, '43.7%'],
      [1234, 1500, '1,234件'],
      [-1.2, -0.5, '△1.2％'],
    ]);
    const quads = planToQuads(p!, iris('http://localhost:3000/'));
    const obs = (iri: string) => quads.find((q) => q.subject.value === iri && q.predicate.value === 'http://purl.org/linked-data/sdmx/2009/measure#obsValue')!.object;
    const growth = 'http://localhost:3000/id/132292/plan/dai1ji-test-plan/indicator/6';
    expect([obs(`${growth}/baseline`).value, obs(`${growth}/target`).value]).toEqual(['-1.2', '-0.5']);
    expect(obs(`${growth}/baseline`)).toMatchObject({ datatype: { value: 'http://www.w3.org/2001/XMLSchema#decimal' } });
  });

  it('refuses a value that is only part of a printed number, or that drops the sign △ prints', () => {
    const problems = loadValues(
      indicator(4, '満足度', '%', [3.7, '43.7%'], [50, '50.0%']) +
        indicator(5, '相談件数', '件', [23, '1,234件'], [1500, '1,500件']) +
        indicator(6, '人口増減率', '%', [1.2, '△1.2％'], [-0.5, '▲0.5％']) +
        indicator(1, '参加者数', '人', [25, '２５０人'], [3200, '３，２００人']),
    ).problems;
    expect(problems.map((p) => `${p.path}: ${p.reason}`)).toEqual([
      'elements[1].baseline.value: value 3.7 does not match the printed "43.7%" (the number printed is 43.7)',
      'elements[2].baseline.value: value 23 does not match the printed "1,234件" (the number printed is 1234)',
      'elements[3].baseline.value: value 1.2 does not match the printed "△1.2％" (the number printed is -1.2: △ and ▲ print a minus sign)',
      'elements[4].baseline.value: value 25 does not match the printed "２５０人" (the number printed is 250)',
    ]);
  });
});

// Fiscal-year labels in the forms plans print them, and the fiscal year (April–March) a date belongs to.
describe('fiscal-year labels and periods', () => {
  const YEARS_SOURCE = [
    '基本目標 1 協働・行政',
    'みんなで作るまち',
    '行政だけでなく、市民が協力します。',
    '計画期間は令和4(2022)年度から令和13(2031)年度までの10年間です。',
    '転入者数 45,000人（令和5年3月31日現在） 50,000人（2031年度）',
    '相談件数 120件（H27年度） 150件（R8）',
    '利用者数 300人（令和4（2021）年度） 400人（令和十三年度）',
    '令和2年度策定',
    '',
  ].join('\n');
  const row = (n: number, title: string, base: string, target: string) => `  - id: indicator/${n}
    type: Indicator
    level: 指標
    title: ${title}
    parent: goal/1
    unit: 人
    baseline: ${base}
    target: ${target}
    themes: [administration]
`;
  const loadYears = (elements: string, period = { from: 2022, to: 2031 }) =>
    loadPlan({
      file: 'data/plans/test.yaml',
      yamlText: plan(
        GOAL.replace('    field: 協働・行政\n', '') + elements,
        `  period: { fromFiscalYear: ${period.from}, toFiscalYear: ${period.to}, text: 計画期間は令和4(2022)年度から令和13(2031)年度までの10年間です。 }\n`,
      ),
      readSource: (name) => (name === '132292-test.txt' ? Buffer.from(YEARS_SOURCE) : undefined),
      themeIds,
    });
  const arrivals = (baseYear: number, targetYear: number) =>
    row(
      1,
      '転入者数',
      `{ value: 45000, printed: '45,000人', fiscalYear: ${baseYear}, fiscalYearLabel: 令和5年3月31日現在 }`,
      `{ value: 50000, printed: '50,000人', fiscalYear: ${targetYear}, fiscalYearLabel: 2031年度 }`,
    );
  const consultations = (baseYear: number, targetYear: number) =>
    row(
      2,
      '相談件数',
      `{ value: 120, printed: 120件, fiscalYear: ${baseYear}, fiscalYearLabel: H27年度 }`,
      `{ value: 150, printed: 150件, fiscalYear: ${targetYear}, fiscalYearLabel: R8 }`,
    );

  it('accepts a date in January–March as the fiscal year before it, 2031年度, H27年度, R8 and a period printed as 令和4(2022)年度', () => {
    const { plan: p, problems } = loadYears(arrivals(2022, 2031) + consultations(2015, 2026));
    expect(problems).toEqual([]);
    expect(p!.period).toMatchObject({ fromFiscalYear: 2022, toFiscalYear: 2031 });
    expect(p!.elements.slice(1).map((e) => [e.baseline!.fiscalYear, e.target!.fiscalYear])).toEqual([
      [2022, 2031],
      [2015, 2026],
    ]);
  });

  it('refuses a fiscal year its label contradicts, in every form, and says why for a date', () => {
    const problems = loadYears(arrivals(2023, 2030) + consultations(2017, 2021)).problems;
    expect(problems.map((p) => `${p.path}: ${p.reason}`)).toEqual([
      'elements[1].baseline.fiscalYear: 令和5年3月31日現在 is fiscal year 2022, not 2023 (a date in January–March belongs to the fiscal year that began the April before)',
      'elements[1].target.fiscalYear: 2031年度 is fiscal year 2031, not 2030',
      'elements[2].baseline.fiscalYear: H27年度 is fiscal year 2015, not 2017',
      'elements[2].target.fiscalYear: R8 is fiscal year 2026, not 2021',
    ]);
  });

  it('refuses a period its text contradicts, and an era year printed with a Western year that is not the same', () => {
    expect(loadYears(arrivals(2022, 2031), { from: 2021, to: 2030 }).problems.map((p) => `${p.path}: ${p.reason}`)).toEqual([
      'plan.period.text: the text names fiscal years 2022–2031, not 2021–2030',
    ]);
    const users = row(
      3,
      '利用者数',
      `{ value: 300, printed: 300人, fiscalYear: 2022, fiscalYearLabel: 令和4（2021）年度 }`,
      `{ value: 400, printed: 400人, fiscalYear: 2031, fiscalYearLabel: 令和十三年度 }`,
    );
    expect(loadYears(users).problems.map((p) => `${p.path}: ${p.reason}`)).toEqual([
      'elements[1].baseline.fiscalYearLabel: 令和4(2021)年度 names two different years: 令和4 is 2022, not 2021',
    ]);
    expect(only(loadYears(users.replace('fiscalYear: 2031', 'fiscalYear: 2030')).problems.slice(1)).reason).toBe('令和十三年度 is fiscal year 2031, not 2030');
  });

  it('checks an adoption date against a 年度 its text prints as a fiscal year', () => {
    const adopted = (date: string) =>
      loadPlan({
        file: 'data/plans/test.yaml',
        yamlText: plan(GOAL.replace('    field: 協働・行政\n', '')).replace("version: { status: adopted, evidence: 'https://example.org/plan' }", `version: { status: adopted, date: '${date}', text: 令和2年度策定 }`),
        readSource: (name) => (name === '132292-test.txt' ? Buffer.from(YEARS_SOURCE) : undefined),
        themeIds,
      }).problems.map((p) => `${p.path}: ${p.reason}`);
    expect(adopted('2021-02-10')).toEqual([]);
    expect(adopted('2021-05-10')).toEqual(['plan.version.date: "令和2年度策定" is fiscal year 2020 (April 2020 – March 2021), which 2021-05-10 is not in']);
  });
});

// A table row that prints the same text twice, below a row that ends with the same target year: each value and each
// year label is quoted in its own cell.
describe('quotes of repeated values and years', () => {
  const ROWS_SOURCE = [
    '基本目標 1 協働・行政',
    'みんなで作るまち',
    '行政だけでなく、市民が協力します。',
    '指標 現状値 目標値',
    '保育所定員数 1,200人（2021年4月1日） 1,500人（2031年度）',
    '待機児童数 0人（2021年4月1日） 0人（2031年度）',
    '',
  ].join('\n');
  const ROWS = `  - id: indicator/1
    type: Indicator
    level: 指標
    title: 保育所定員数
    parent: goal/1
    unit: 人
    baseline: { value: 1200, printed: '1,200人', fiscalYear: 2021, fiscalYearLabel: 2021年4月1日 }
    target: { value: 1500, printed: '1,500人', fiscalYear: 2031, fiscalYearLabel: 2031年度 }
    themes: [administration]
  - id: indicator/2
    type: Indicator
    level: 指標
    title: 待機児童数
    parent: goal/1
    unit: 人
    baseline: { value: 0, printed: 0人, fiscalYear: 2021, fiscalYearLabel: 2021年4月1日 }
    target: { value: 0, printed: 0人, fiscalYear: 2031, fiscalYearLabel: 2031年度 }
    themes: [administration]
`;

  it('quotes a target after its baseline and a year label after its value, within the indicator\'s row', () => {
    const { plan: p, problems } = loadPlan({
      file: 'data/plans/test.yaml',
      yamlText: plan(GOAL.replace('    field: 協働・行政\n', '') + ROWS),
      readSource: (name) => (name === '132292-test.txt' ? Buffer.from(ROWS_SOURCE) : undefined),
      themeIds,
    });
    expect(problems).toEqual([]);
    const row2 = ROWS_SOURCE.indexOf('待機児童数');
    const span = (l: { quote: { start: number; end: number } }) => [l.quote.start, l.quote.end];
    const [first, second] = p!.elements.slice(1);
    // The first row: its own cells, whose year labels the second row repeats.
    expect(span(first!.baseline!.fiscalYearLabel!)).toEqual([ROWS_SOURCE.indexOf('2021年4月1日'), ROWS_SOURCE.indexOf('2021年4月1日') + 9]);
    expect(span(first!.target!.fiscalYearLabel!)).toEqual([ROWS_SOURCE.indexOf('2031年度'), ROWS_SOURCE.indexOf('2031年度') + 6]);
    // The second row: 0人 twice, each quoted at its own cell, and each year label in this row, not in the one above.
    expect(span(second!.baseline!.printed)).toEqual([ROWS_SOURCE.indexOf('0人', row2), ROWS_SOURCE.indexOf('0人', row2) + 2]);
    expect(span(second!.target!.printed)).toEqual([ROWS_SOURCE.lastIndexOf('0人'), ROWS_SOURCE.lastIndexOf('0人') + 2]);
    expect(span(second!.baseline!.fiscalYearLabel!)).toEqual([ROWS_SOURCE.lastIndexOf('2021年4月1日'), ROWS_SOURCE.lastIndexOf('2021年4月1日') + 9]);
    expect(span(second!.target!.fiscalYearLabel!)).toEqual([ROWS_SOURCE.lastIndexOf('2031年度'), ROWS_SOURCE.lastIndexOf('2031年度') + 6]);
    expect([ROWS_SOURCE.lastIndexOf('0人'), ROWS_SOURCE.lastIndexOf('2031年度')]).toEqual([111, 114]);

    // What the Web Annotation selectors publish for the second row's target.
    const quads = planToQuads(p!, iris('http://localhost:3000/'));
    const ind = 'http://localhost:3000/id/132292/plan/dai1ji-test-plan/indicator/2';
    const position = (iri: string) =>
      ['start', 'end'].map((k) => quads.find((q) => q.subject.value === iri && q.predicate.value === `http://www.w3.org/ns/oa#${k}`)!.object.value);
    expect(position(`${ind}/target/quote/value/position`)).toEqual(['111', '113']);
    expect(position(`${ind}/target/quote/fiscal-year/position`)).toEqual(['114', '120']);
  });
});

describe('edition numbers', () => {
  const edition = (number: number, text: string) =>
    loadPlan({
      file: 'data/plans/test.yaml',
      yamlText: plan(GOAL).replace("edition: { number: 1, evidence: 'https://example.org/plan' }", `edition: { number: ${number}, text: ${text} }`).replace('dai1ji-test-plan', `dai${number}ji-test-plan`),
      readSource: (name) => (name === '132292-test.txt' ? Buffer.from(`${SOURCE}第6次テスト計画 第六次テスト計画 第６次テスト計画\n`) : undefined),
      themeIds,
    });

  it('reads the number its quoted text prints, in half-width, full-width or kanji digits', () => {
    for (const text of ['第6次テスト計画', '第六次テスト計画', '第６次テスト計画']) {
      const { plan: p, problems } = edition(6, text);
      expect(problems, text).toEqual([]);
      expect(p!.edition).toMatchObject({ key: 'dai6ji', number: 6, text: { value: text } });
    }
  });

  it('refuses an edition number its quoted text contradicts', () => {
    expect(edition(7, '第６次テスト計画').problems.map((p) => `${p.path}: ${p.reason}`)).toEqual(['plan.edition.number: "第６次テスト計画" is edition 6, not 7']);
  });
});

describe('messages that say how to fix the file', () => {
  it('reports a source text that is not UTF-8 against the source file, with where and how to convert it', () => {
    // "Plan\nmore text x" and then 基本目標 in Shift_JIS, as municipal text exports often are.
    const sjis = Buffer.concat([Buffer.from('Plan\nmore text x'), Buffer.from([0x8a, 0xee, 0x96, 0x7b, 0x96, 0xda, 0x95, 0x57])]);
    const { problems } = loadPlan({ file: 'data/plans/test.yaml', yamlText: plan(GOAL), readSource: (name) => (name === '132292-test.txt' ? sjis : undefined), themeIds });
    expect(problems).toEqual([
      {
        file: 'data/sources/132292-test.txt',
        line: 2,
        column: 12,
        reason:
          'not UTF-8 (byte 16 is not valid UTF-8; the file reads as Shift_JIS (CP932)): source texts are UTF-8, so convert it to UTF-8, ' +
          'e.g. iconv -f CP932 -t UTF-8 data/sources/132292-test.txt > converted.txt && mv converted.txt data/sources/132292-test.txt',
      },
    ]);
  });

  it('states the rule a source file name breaks', () => {
    const p = only(load(plan(GOAL).replace('file: 132292-test.txt', 'file: 132292-test-2nd.txt')).problems);
    expect(`${p.path}: ${p.reason}`).toBe(
      'source.file: a file in data/sources/ named <code>-<letters>.txt: the six-digit code, one hyphen, then lower-case letters a–z only (no digits, hyphens or capitals), e.g. 132101-koganei.txt',
    );
  });

  it('tells to quote a code that YAML read as a number and lost its leading zero', () => {
    const p = only(load(plan(GOAL).replace("code: '132292'", 'code: 013951')).problems);
    expect(`${p.line}:${p.column} ${p.path}: ${p.reason}`).toBe(
      "2:9 municipality.code: expected text, but YAML read 013951 as the number 13951 (unquoted digits are a number, and lose any leading zero): write it in quotes, '013951'",
    );
  });

  it('tells to quote a value whose comma ended it inside { … }', () => {
    const indicator = `  - id: indicator/1
    type: Indicator
    level: 指標
    title: 満足度
    parent: goal/1
    unit: 円
    baseline: { value: 22000, printed: 2兆2,000億円, fiscalYear: 2019, fiscalYearLabel: 令和元年度 }
    themes: [administration]
`;
    const [first] = load(plan(GOAL + indicator)).problems;
    expect(`${first!.path}: ${first!.reason}`).toBe(
      `elements[1].baseline: unknown field(s) "000億円": a comma inside { … } ends a value, so quote a value that holds one (printed: '2兆2,000億円')`,
    );
  });

  it('reports the other problems of a file beside its unknown fields, and says "an Indicator"', () => {
    const indicator = `  - id: indicator/1
    type: Indicator
    level: 指標
    title: 満足度
    colour: red
    themes: [space]
`;
    expect(load(plan(GOAL + indicator)).problems.map((p) => `${p.path}: ${p.reason}`)).toEqual([
      'elements[1]: unknown field(s) "colour"',
      'elements[1].parent: an Indicator cannot sit under the plan itself (allowed: Goal, Policy, Measure)',
      'elements[1].themes[0]: unknown theme "space" (see data/themes.yaml)',
      'elements[1]: an Indicator needs a baseline, a target or a direction (a new indicator printed with no baseline, 現状値 ― or 新規, has its target or direction alone)',
    ]);
  });
});

describe('QUDT units', () => {
  const UNITS_SOURCE = '基本目標 1 協働・行政\nみんなで作るまち\n行政だけでなく、市民が協力します。\n指標 現状値（令和３年度） 目標値（令和８年度）\n満足度 84.9% 100.0%\n事業費 2,566千円 3,000千円\n利用料 500円 600円\n';
  const indicator = (n: number, title: string, unit: string, qudtUnit: string, base: [number, string], target: [number, string]) => `  - id: indicator/${n}
    type: Indicator
    level: 指標
    title: ${title}
    parent: goal/1
    unit: '${unit}'
    qudtUnit: ${qudtUnit}
    baseline: { value: ${base[0]}, printed: '${base[1]}', fiscalYear: 2021, fiscalYearLabel: 令和３年度 }
    target: { value: ${target[0]}, printed: '${target[1]}', fiscalYear: 2026, fiscalYearLabel: 令和８年度 }
    themes: [administration]
`;
  const loadUnits = (indicators: string) =>
    loadPlan({
      file: 'data/plans/test.yaml',
      yamlText: plan(GOAL.replace('    field: 協働・行政\n', '') + indicators),
      readSource: (name) => (name === '132292-test.txt' ? Buffer.from(UNITS_SOURCE) : undefined),
      themeIds,
    });
  const satisfaction = (qudtUnit: string) => indicator(1, '満足度', '%', qudtUnit, [84.9, '84.9%'], [100, '100.0%']);
  const fee = (qudtUnit: string) => indicator(2, '利用料', '円', qudtUnit, [500, '500円'], [600, '600円']);

  it('accepts the units of the table, and publishes them as QUDT IRIs', () => {
    const { plan: p, problems } = loadUnits(satisfaction('PERCENT') + fee('CCY_JPY'));
    expect(problems).toEqual([]);
    const quads = planToQuads(p!, iris('http://localhost:3000/'));
    const unit = (n: number) =>
      quads.find((q) => q.subject.value === `http://localhost:3000/id/132292/plan/dai1ji-test-plan/indicator/${n}/baseline` && q.predicate.value === 'http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure')!.object.value;
    expect([unit(1), unit(2)]).toEqual(['http://qudt.org/vocab/unit/PERCENT', 'http://qudt.org/vocab/unit/CCY_JPY']);
  });

  it('refuses a name that is not in the table, listing the ones that are', () => {
    const allowed = 'PERCENT, PERMILLE, NUM, CCY_JPY, HA, M2, KiloM2, M, KiloM, KiloGM, TONNE, YR, DAY, HR';
    expect(loadUnits(satisfaction('PERCNT')).problems.map((p) => `${p.path}: ${p.reason}`)).toEqual([
      `elements[1].qudtUnit: "PERCNT" is not one of the QUDT units this project knows (src/plan/qudt-units.ts): ${allowed}`,
    ]);
    expect(only(loadUnits(fee('JPY')).problems).reason).toBe(`"JPY" is not one of the QUDT units this project knows (src/plan/qudt-units.ts): ${allowed}`);
  });

  it('refuses a unit whose scale is not the printed one: 千円 is not yen', () => {
    const thousands = indicator(3, '事業費', '千円', 'CCY_JPY', [2566, '2,566千円'], [3000, '3,000千円']);
    expect(loadUnits(thousands).problems.map((p) => `${p.path}: ${p.reason}`)).toEqual([
      'elements[1].qudtUnit: CCY_JPY (Japanese Yen) stands for a value printed in 円, not in 千円: leave qudtUnit out where no QUDT unit is the printed one',
    ]);
    expect(loadUnits(satisfaction('PERCENT').replace("unit: '%'", "unit: '％'")).problems).toEqual([]);
  });
});

// New indicators as plans print them: 現状値 ― (or 新規, or blank), a target alone, or only the direction to move in.
describe('indicators with no baseline', () => {
  const at = (problems: Problem[]) => problems.map((p) => `${p.path}: ${p.reason}`);

  it('accepts an indicator with a target alone and one with a direction alone', () => {
    const { plan: p, problems } = loadGeneral();
    expect(problems).toEqual([]);
    const [targetOnly, directionOnly] = p!.elements.filter((e) => e.type === 'Indicator');
    expect([targetOnly!.baseline, targetOnly!.target?.value, targetOnly!.target?.fiscalYear, targetOnly!.unit]).toEqual([undefined, 60, 2030, '%']);
    expect(targetOnly!.target!.fiscalYearLabel!.quote.start).toBe(GENERAL_SOURCE.indexOf('令和12年度'));
    expect([directionOnly!.baseline, directionOnly!.target, directionOnly!.unit, directionOnly!.direction?.value]).toEqual([undefined, undefined, undefined, 'increase']);
  });

  it('refuses an indicator with no baseline, no target and no direction', () => {
    const nothing = GENERAL_PLAN.replace('    direction: { value: increase, text: 高めることを目指します }\n', '');
    expect(at(loadGeneral(nothing).problems)).toEqual([
      'elements[5]: an Indicator needs a baseline, a target or a direction (a new indicator printed with no baseline, 現状値 ― or 新規, has its target or direction alone)',
    ]);
  });

  it('needs the unit of a value, and refuses a unit with no value to be the unit of', () => {
    const noUnit = GENERAL_PLAN.replace("    unit: '%'\n    qudtUnit: PERCENT\n", '');
    expect(at(loadGeneral(noUnit).problems)).toEqual(['elements[4]: an Indicator with a baseline or a target needs the unit they are printed in (unit)']);
    const unitAlone = GENERAL_PLAN.replace('    direction: { value: increase', "    unit: '%'\n    direction: { value: increase");
    expect(at(loadGeneral(unitAlone).problems)).toEqual([
      'elements[5].unit: unit is the unit of the baseline and target values: an Indicator with neither has no unit to give (leave unit and qudtUnit out)',
    ]);
  });
});

// Plans divide a 施策 into measures: 基本事業, 主な取組, 単位施策.
describe('a measure under a measure', () => {
  it('accepts goal → policy → measure → measure → indicator', () => {
    const { plan: p, problems } = loadGeneral();
    expect(problems).toEqual([]);
    const parents = new Map(p!.elements.map((e) => [e.id, e.parent]));
    const chain = (id: string | undefined): string[] => (id === undefined ? [] : [id, ...chain(parents.get(id))]);
    expect(chain('indicator/1')).toEqual(['indicator/1', 'measure/1-1-1-1', 'measure/1-1-1', 'policy/1-1', 'goal/1']);
    expect(p!.elements.find((e) => e.id === 'measure/1-1-1-1')).toMatchObject({ type: 'Measure', level: '基本事業', parent: 'measure/1-1-1' });
  });

  it('refuses measures that are each other\'s parent', () => {
    const looped = GENERAL_PLAN.replace('    number: 1-1-1\n    title: 生活習慣病の予防\n    parent: policy/1-1', '    number: 1-1-1\n    title: 生活習慣病の予防\n    parent: measure/1-1-1-1');
    expect(loadGeneral(looped).problems.map((p) => `${p.path}: ${p.reason}`)).toEqual([
      'elements[2].parent: parent chain of "measure/1-1-1" loops through "measure/1-1-1"',
      'elements[3].parent: parent chain of "measure/1-1-1-1" loops through "measure/1-1-1-1"',
      'elements[4].parent: parent chain of "indicator/1" loops through "measure/1-1-1-1"',
      'elements[5].parent: parent chain of "indicator/2" loops through "measure/1-1-1-1"',
    ]);
  });
});

// Census-style values print a calendar year (令和2年) or a date (令和2年10月1日現在), not a fiscal year (年度).
describe('values of a calendar year or a date', () => {
  const at = (problems: Problem[]) => problems.map((p) => `${p.path}: ${p.reason}`);
  const BASELINE = "{ value: 12000, printed: '12,000人', year: 2020, yearLabel: 令和2年10月1日現在 }";
  const TARGET = "{ value: 11000, printed: '11,000人', year: 2030, yearLabel: 令和12年 }";
  const withValues = (baseline: string, target = TARGET) =>
    GENERAL_PLAN.replace(`baseline: ${BASELINE}`, `baseline: ${baseline}`).replace(`target: ${TARGET}`, `target: ${target}`);

  it('takes year and yearLabel, quoted where printed, and no fiscal year', () => {
    expect(GENERAL_PLAN).toContain(`baseline: ${BASELINE}`);
    expect(GENERAL_PLAN).toContain(`target: ${TARGET}`);
    const { plan: p, problems } = loadGeneral();
    expect(problems).toEqual([]);
    const census = p!.elements.find((e) => e.id === 'indicator/3')!;
    expect([census.baseline!.year, census.baseline!.fiscalYear, census.target!.year]).toEqual([2020, undefined, 2030]);
    expect(census.baseline!.yearLabel!.quote.start).toBe(GENERAL_SOURCE.indexOf('令和2年10月1日現在'));
    expect(census.target!.yearLabel!.quote.start).toBe(GENERAL_SOURCE.indexOf('令和12年）'));
  });

  it('refuses a calendar year given as a fiscal year, which would publish the wrong interval', () => {
    expect(at(loadGeneral(withValues(BASELINE, "{ value: 11000, printed: '11,000人', fiscalYear: 2030, fiscalYearLabel: 令和12年 }")).problems)).toEqual([
      'elements[6].target.fiscalYear: 令和12年 is a calendar year (年), not a fiscal year (年度): give year: 2030 and yearLabel, not fiscalYear and fiscalYearLabel',
    ]);
  });

  it('refuses a fiscal year given as a calendar year, and a year its label contradicts', () => {
    expect(at(loadGeneral(withValues(BASELINE, "{ value: 11000, printed: '11,000人', year: 2030, yearLabel: 令和12年度 }")).problems)).toEqual([
      'elements[6].target.year: 令和12年度 is a fiscal year (年度), not a calendar year: give fiscalYear: 2030 and fiscalYearLabel, not year and yearLabel',
    ]);
    expect(at(loadGeneral(withValues("{ value: 12000, printed: '12,000人', year: 2021, yearLabel: 令和2年10月1日現在 }")).problems)).toEqual([
      'elements[6].baseline.year: 令和2年10月1日現在 is in 2020, not 2021',
    ]);
  });

  it('takes a date as the fiscal year it falls in, as before', () => {
    const { plan: p, problems } = loadGeneral(withValues("{ value: 12000, printed: '12,000人', fiscalYear: 2020, fiscalYearLabel: 令和2年10月1日現在 }"));
    expect(problems).toEqual([]);
    expect(p!.elements.find((e) => e.id === 'indicator/3')!.baseline).not.toHaveProperty('year');
    expect(p!.elements.find((e) => e.id === 'indicator/3')!.baseline!.fiscalYear).toBe(2020);
  });

  it('needs the year a value refers to, given one way', () => {
    expect(at(loadGeneral(withValues("{ value: 12000, printed: '12,000人', year: 2020, yearLabel: 令和2年10月1日現在, fiscalYear: 2020, fiscalYearLabel: 令和2年10月1日現在 }")).problems)).toEqual([
      'elements[6].baseline: give fiscalYear and fiscalYearLabel for a fiscal year (年度), or year and yearLabel for a calendar year (年) or a date: one of the two',
    ]);
    expect(at(loadGeneral(withValues("{ value: 12000, printed: '12,000人' }")).problems)).toEqual([
      'elements[6].baseline: give fiscalYear and fiscalYearLabel for a fiscal year (年度), or year and yearLabel for a calendar year (年) or a date: one of the two',
    ]);
    expect(at(loadGeneral(withValues("{ value: 12000, printed: '12,000人', year: 2020 }")).problems)).toEqual([
      'elements[6].baseline: fiscalYear goes with fiscalYearLabel, and year with yearLabel',
    ]);
  });
});
