// Indicators as RDF Data Cube: the data set, its observations, the fiscal-year intervals, the structure in the
// ontology, the quoted definition / data source / direction, and the integrity checks the converter runs.
import { readFileSync } from 'node:fs';
import { DataFactory, Store as N3Store, type Quad } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../../src/convert/index.ts';
import { checkCubeIntegrity } from '../../src/convert/cube-integrity.ts';
import { validateShacl } from '../../src/convert/shacl.ts';
import { loadPlan, type Plan } from '../../src/plan/index.ts';
import { planToQuads } from '../../src/rdf/plan-to-quads.ts';
import { toNQuads } from '../../src/rdf/serialize.ts';
import { iris } from '../../src/rdf/uris.ts';
import { JPP, QB, RDF, RDFS, SDMX_ATTRIBUTE, SDMX_DIMENSION, SDMX_MEASURE, SKOS, TIME, XSD } from '../../src/rdf/vocab.ts';

const BASE = 'http://localhost:3000/';
const uri = iris(BASE);
const { namedNode } = DataFactory;
const PLAN = `${BASE}id/132101/plan/dai5ji-kihon-koso`;

const objects = (store: N3Store, s: string, p: string) => store.getObjects(namedNode(s), namedNode(p), null);
const values = (store: N3Store, s: string, p: string) => objects(store, s, p).map((o) => o.value).sort();

let quads: readonly Quad[];
let all: N3Store;
beforeAll(async () => {
  ({ quads } = await convert({ root: process.cwd(), baseIri: BASE }));
  all = new N3Store(quads.map((q) => DataFactory.quad(q.subject, q.predicate, q.object)));
}, 60_000);

describe('the indicator cube of the real data', () => {
  it('has one data set, for the one plan with indicators, with four observations', () => {
    const dataSets = all.getSubjects(namedNode(RDF + 'type'), namedNode(QB + 'DataSet'), null).map((t) => t.value);
    expect(dataSets).toEqual([`${PLAN}/indicators`]);
    expect(values(all, `${PLAN}/indicators`, QB + 'structure')).toEqual([`${JPP}indicatorStructure`]);
    expect(values(all, `${PLAN}/indicators`, 'http://purl.org/dc/terms/source')).toEqual([PLAN]);
    const observations = all.getSubjects(namedNode(QB + 'dataSet'), namedNode(`${PLAN}/indicators`), null).map((t) => t.value).sort();
    expect(observations).toEqual(['1/baseline', '1/target', '2/baseline', '2/target'].map((s) => `${PLAN}/indicator/${s}`));
    expect(all.getSubjects(namedNode(RDF + 'type'), namedNode(QB + 'Observation'), null)).toHaveLength(4);
  });

  it('makes the published baseline IRI the observation, with every dimension, the measure and the unit', () => {
    const obs = `${PLAN}/indicator/1/baseline`;
    expect(values(all, obs, RDF + 'type')).toEqual([`${QB}Observation`, `${JPP}IndicatorValue`]);
    expect(values(all, obs, SDMX_DIMENSION + 'refArea')).toEqual(['http://data.e-stat.go.jp/lod/sac/C13210']);
    expect(values(all, obs, SDMX_DIMENSION + 'refPeriod')).toEqual([`${BASE}id/fiscal-year/2019`]);
    expect(values(all, obs, JPP + 'indicator')).toEqual([`${PLAN}/indicator/1`]);
    expect(values(all, obs, JPP + 'valueKind')).toEqual([`${JPP}baselineValue`]);
    expect(values(all, `${PLAN}/indicator/1/target`, JPP + 'valueKind')).toEqual([`${JPP}targetValue`]);
    const [value] = objects(all, obs, SDMX_MEASURE + 'obsValue');
    expect([value!.value, (value as { datatype: { value: string } }).datatype.value]).toEqual(['84.9', `${XSD}decimal`]);
    expect(values(all, obs, SDMX_ATTRIBUTE + 'unitMeasure')).toEqual(['http://qudt.org/vocab/unit/PERCENT']);
    expect(values(all, obs, 'http://schema.org/unitText')).toEqual(['%']);
    // The printed era label stays, quoted; the calendar-year gYear and the string unit code are gone.
    expect(values(all, obs, JPP + 'fiscalYearLabel')).toEqual(['令和元年度']);
    expect(values(all, obs, JPP + 'fiscalYearQuote')).toEqual([`${obs}/quote/fiscal-year`]);
    expect(all.getQuads(null, namedNode(JPP + 'fiscalYear'), null, null)).toEqual([]);
    expect(all.getQuads(null, namedNode('http://schema.org/unitCode'), null, null)).toEqual([]);
  });

  it('publishes the fiscal years used as OWL-Time intervals from 1 April to 31 March', () => {
    const years = all.getSubjects(namedNode(RDF + 'type'), namedNode(JPP + 'FiscalYear'), null).map((t) => t.value).sort();
    expect(years).toEqual([`${BASE}id/fiscal-year/2019`, `${BASE}id/fiscal-year/2025`]);
    const fy = `${BASE}id/fiscal-year/2019`;
    expect(values(all, fy, RDF + 'type')).toEqual([`${TIME}ProperInterval`, `${JPP}FiscalYear`]);
    expect(objects(all, fy, RDFS + 'label').map((l) => `${l.value}@${(l as { language: string }).language}`).sort()).toEqual(['2019年度@ja', 'FY2019@en']);
    const date = (p: string) => values(all, values(all, fy, p)[0]!, TIME + 'inXSDDate');
    expect([date(TIME + 'hasBeginning'), date(TIME + 'hasEnd')]).toEqual([['2019-04-01'], ['2020-03-31']]);
  });

  it('gives both 小金井市 indicators the direction the source states, quoted', () => {
    const source = readFileSync('data/sources/132101-koganei.txt', 'utf8');
    for (const n of [1, 2]) {
      const indicator = `${PLAN}/indicator/${n}`;
      expect(values(all, indicator, JPP + 'desiredDirection')).toEqual([`${JPP}directionIncrease`]);
      const selection = `${indicator}/quote/direction`;
      expect(values(all, indicator, JPP + 'directionQuote')).toEqual([selection]);
      const start = Number(values(all, `${selection}/position`, 'http://www.w3.org/ns/oa#start')[0]);
      const exact = values(all, `${selection}/exact`, 'http://www.w3.org/ns/oa#exact')[0]!;
      expect(exact).toContain('一人でも増やすことを目指します');
      expect(Array.from(source).slice(start, start + Array.from(exact).length).join('')).toBe(exact);
    }
    // The source prints no definition and no data source for them: none is published.
    expect(all.getQuads(null, namedNode(SKOS + 'definition'), null, null).filter((q) => q.subject.value.includes('/indicator/'))).toEqual([]);
    expect(all.getQuads(null, namedNode(JPP + 'dataSourceQuote'), null, null)).toEqual([]);
  });

  it('defines the structure in the vocabulary graph: four ordered dimensions, the measure and the unit attribute', () => {
    const vocab = quads.filter((q) => q.graph.value === uri.vocabularyGraph());
    const v = new N3Store(vocab);
    const specs = values(v, `${JPP}indicatorStructure`, QB + 'component');
    expect(specs).toHaveLength(6);
    const dims = specs.flatMap((s) => values(v, s, QB + 'dimension').map((d) => [Number(values(v, s, QB + 'order')[0]), d]));
    expect(dims.sort((a, b) => (a[0] as number) - (b[0] as number)).map((d) => d[1])).toEqual([
      `${SDMX_DIMENSION}refArea`,
      `${SDMX_DIMENSION}refPeriod`,
      `${JPP}indicator`,
      `${JPP}valueKind`,
    ]);
    expect(specs.flatMap((s) => values(v, s, QB + 'measure'))).toEqual([`${SDMX_MEASURE}obsValue`]);
    expect(specs.flatMap((s) => values(v, s, QB + 'attribute'))).toEqual([`${SDMX_ATTRIBUTE}unitMeasure`]);
    expect(values(v, `${JPP}valueKinds`, SKOS + 'hasTopConcept')).toEqual([`${JPP}actualValue`, `${JPP}baselineValue`, `${JPP}targetValue`]);
    expect(values(v, `${JPP}directions`, SKOS + 'hasTopConcept')).toHaveLength(3);
  });

  it('passes the Data Cube integrity checks', () => {
    expect(checkCubeIntegrity(toNQuads(quads))).toEqual([]);
  });
});

describe('the Data Cube integrity checks', () => {
  const base = () => quads.map((q) => DataFactory.quad(q.subject, q.predicate, q.object, q.graph));
  const obs = namedNode(`${PLAN}/indicator/1/baseline`);
  const ds = namedNode(`${PLAN}/indicators`);
  const check = (qs: Quad[]) => checkCubeIntegrity(toNQuads(qs)).map((v) => `${v.message.split(' ').slice(3, 4)} ${v.focusNode.replace(PLAN, '')}`);
  const g = namedNode(uri.planGraph('132101', 'dai5ji-kihon-koso'));

  it('IC-1: an observation in two data sets, or none', () => {
    const qs = [...base(), DataFactory.quad(obs, namedNode(QB + 'dataSet'), namedNode(`${PLAN}/other`), g)];
    expect(check(qs)).toContain('IC-1 /indicator/1/baseline');
    const none = base().filter((q) => !(q.subject.equals(obs) && q.predicate.value === QB + 'dataSet'));
    expect(check(none)).toContain('IC-1 /indicator/1/baseline');
  });

  it('IC-2: a data set with two structures, or none', () => {
    const qs = [...base(), DataFactory.quad(ds, namedNode(QB + 'structure'), namedNode(`${JPP}otherStructure`), g)];
    expect(check(qs)).toContain('IC-2 /indicators');
    expect(check(base().filter((q) => !(q.subject.equals(ds) && q.predicate.value === QB + 'structure')))).toContain('IC-2 /indicators');
  });

  it('IC-11: an observation without its reference period', () => {
    const qs = base().filter((q) => !(q.subject.equals(obs) && q.predicate.value === SDMX_DIMENSION + 'refPeriod'));
    expect(check(qs)).toEqual(['IC-11 /indicator/1/baseline']);
  });

  it('IC-12: two observations with the same dimension values', () => {
    // Make the target of indicator 1 a second baseline for fiscal year 2019.
    const target = `${PLAN}/indicator/1/target`;
    const qs = base()
      .filter((q) => !(q.subject.value === target && [JPP + 'valueKind', SDMX_DIMENSION + 'refPeriod'].includes(q.predicate.value)))
      .concat([
        DataFactory.quad(namedNode(target), namedNode(JPP + 'valueKind'), namedNode(`${JPP}baselineValue`), g),
        DataFactory.quad(namedNode(target), namedNode(SDMX_DIMENSION + 'refPeriod'), namedNode(`${BASE}id/fiscal-year/2019`), g),
      ]);
    expect(check(qs)).toEqual(['IC-12 /indicator/1/baseline']);
  });

  it('IC-14: an observation without its measure', () => {
    const qs = base().filter((q) => !(q.subject.equals(obs) && q.predicate.value === SDMX_MEASURE + 'obsValue'));
    expect(check(qs)).toEqual(['IC-14 /indicator/1/baseline']);
  });
});

describe('quoted definition, data source and direction in a plan file', () => {
  const SOURCE = '基本目標 1\n\nみんなで作るまち\n\n指標の定義: 市民意識調査で「満足」と答えた市民の割合\n満足度を高めます。\n指標\t現状値 (令和元年度)\t目標値 (令和7年度)\n満足度\t84.9%\t100.0%\n';
  const yaml = (extra: string, type = 'Indicator') => `municipality:
  code: '132292'
  name: { ja: 西東京市, en: Nishitokyo City }
source:
  file: 132292-test.txt
  coverage: { ja: 基本目標の一部のみ。, en: Only part of the basic goals. }
series: { id: test-series, title: { ja: テスト計画, en: Test plans } }
plan:
  id: dai1ji-test-plan
  edition: { number: 1, evidence: 'https://example.org/plan' }
  version: { status: adopted, evidence: 'https://example.org/plan' }
  title: 基本目標
  titleEn: Test plan
elements:
  - id: goal/1
    type: Goal
    level: 基本目標
    number: '1'
    title: みんなで作るまち
    themes: [community]
  - id: ${type === 'Indicator' ? 'indicator' : 'measure'}/1
    type: ${type}
    level: 指標
    title: 満足度
    parent: goal/1
    themes: [community]
${type === 'Indicator' ? `    unit: '%'
    baseline: { value: 84.9, printed: 84.9%, fiscalYear: 2019, fiscalYearLabel: 令和元年度 }
    target: { value: 100, printed: 100.0%, fiscalYear: 2025, fiscalYearLabel: 令和7年度 }
` : ''}${extra}`;
  const load = (text: string) =>
    loadPlan({ file: 'data/plans/test.yaml', yamlText: text, readSource: (n) => (n === '132292-test.txt' ? Buffer.from(SOURCE) : undefined), themeIds: new Set(['community']) });
  const FIELDS = `    qudtUnit: PERCENT
    definition: 市民意識調査で「満足」と答えた市民の割合
    dataSource: 市民意識調査
    direction: { value: increase, text: 満足度を高めます }
`;

  it('locates each field in the source, publishes it with its quote, and conforms to the shapes', async () => {
    const { plan, problems } = load(yaml(FIELDS));
    expect(problems).toEqual([]);
    const e = plan!.elements[1]!;
    expect(e.definition!.quote.start).toBe(SOURCE.indexOf('市民意識調査で'));
    expect(e.dataSource!.quote.start).toBe(SOURCE.indexOf('市民意識調査'));
    expect(e.direction).toMatchObject({ value: 'increase', text: { quote: { start: SOURCE.indexOf('満足度を高めます') } } });

    const planQuads = planToQuads(plan as Plan, uri);
    const s = new N3Store(planQuads);
    const ind = `${BASE}id/132292/plan/dai1ji-test-plan/indicator/1`;
    expect(values(s, ind, SKOS + 'definition')).toEqual(['市民意識調査で「満足」と答えた市民の割合']);
    expect(values(s, ind, 'http://purl.org/dc/terms/source')).toEqual([`${ind}/data-source`]);
    expect(values(s, `${ind}/data-source`, RDFS + 'label')).toEqual(['市民意識調査']);
    expect(values(s, ind, JPP + 'desiredDirection')).toEqual([`${JPP}directionIncrease`]);
    expect(values(s, ind, JPP + 'definitionQuote')).toEqual([`${ind}/quote/definition`]);
    expect(values(s, ind, JPP + 'dataSourceQuote')).toEqual([`${ind}/quote/data-source`]);
    expect(values(s, `${ind}/baseline`, SDMX_DIMENSION + 'refArea')).toEqual(['http://data.e-stat.go.jp/lod/sac/C13229']);

    const vocabulary = quads.filter((q) => q.graph.value === uri.vocabularyGraph());
    const union = [...planQuads, ...vocabulary];
    expect(await validateShacl(union, readFileSync('ontology/shapes.ttl', 'utf8'))).toEqual([]);
    expect(checkCubeIntegrity(toNQuads(union))).toEqual([]);
  });

  it('reports a field that is not in the source, or on an element that is not an indicator', () => {
    const missing = load(yaml(FIELDS.replace('市民意識調査\n', '世論調査\n')));
    expect(missing.problems.map((p) => [p.path, p.reason])).toEqual([['elements[1].dataSource', 'text not found in data/sources/132292-test.txt: "世論調査"']]);
    expect(missing.problems[0]!.line).toBeGreaterThan(0);
    const measure = load(yaml('    direction: { value: increase, text: 満足度を高めます }\n', 'Measure'));
    expect(measure.problems.map((p) => p.reason)).toContain('unit, qudtUnit, definition, dataSource, direction, baseline and target belong to Indicators only');
    const bad = load(yaml('    direction: { value: up, text: 満足度を高めます }\n'));
    expect(bad.problems[0]!.path).toBe('elements[1].direction.value');
  });
});
