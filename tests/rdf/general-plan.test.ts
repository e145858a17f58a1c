// A plan shaped unlike the five curated ones (tests/general-plan-fixture.ts) as RDF: what is published for new
// indicators with no baseline, a measure under a measure and values of a calendar year, and that it conforms to the
// shapes and the Data Cube integrity checks.
import { readFileSync } from 'node:fs';
import { DataFactory, Store as N3Store, type Quad } from 'n3';
import { Store } from 'oxigraph';
import { describe, expect, it } from 'vitest';
import { checkCubeIntegrity } from '../../src/convert/cube-integrity.ts';
import { validateShacl } from '../../src/convert/shacl.ts';
import { quadLine, toNQuads } from '../../src/rdf/serialize.ts';
import { iris } from '../../src/rdf/uris.ts';
import { JPP, QB, RDF, RDFS, SDMX_DIMENSION, TIME } from '../../src/rdf/vocab.ts';
import { GENERAL_CODE, GENERAL_PLAN, GENERAL_PLAN_ID, generalQuads, loadGeneral } from '../general-plan-fixture.ts';

const BASE = 'http://localhost:3000/';
const uri = iris(BASE);
const PLAN = uri.plan(GENERAL_CODE, GENERAL_PLAN_ID);
const SHAPES = readFileSync('ontology/shapes.ttl', 'utf8');
const { namedNode } = DataFactory;

const { plan: planQuads, vocabulary } = generalQuads(BASE);
const store = new N3Store(planQuads);
const values = (s: string, p: string) => store.getObjects(namedNode(s), namedNode(p), null).map((o) => o.value).sort();
const subjectsStartingWith = (prefix: string) => [...new Set(store.getQuads(null, null, null, null).map((q) => q.subject.value))].filter((s) => s.startsWith(prefix));

describe('new indicators with no baseline', () => {
  const targetOnly = `${PLAN}/indicator/1`;
  const directionOnly = `${PLAN}/indicator/2`;

  it('publishes the target alone: no jpp:baseline, no baseline observation, nothing naming one', () => {
    expect(values(targetOnly, JPP + 'baseline')).toEqual([]);
    expect(values(targetOnly, JPP + 'target')).toEqual([`${targetOnly}/target`]);
    expect(subjectsStartingWith(`${targetOnly}/baseline`)).toEqual([]);
    expect(store.getQuads(null, null, namedNode(`${targetOnly}/baseline`), null)).toEqual([]);
    const observations = store.getSubjects(namedNode(RDF + 'type'), namedNode(QB + 'Observation'), null).map((t) => t.value);
    expect(observations.filter((o) => o.startsWith(`${targetOnly}/`))).toEqual([`${targetOnly}/target`]);
    expect(values(`${targetOnly}/target`, QB + 'dataSet')).toEqual([`${PLAN}/indicators`]);
    // The fiscal year of the target, and no other.
    expect(store.getSubjects(namedNode(RDF + 'type'), namedNode(JPP + 'FiscalYear'), null).map((t) => t.value)).toEqual([uri.fiscalYear(2030)]);
  });

  it('publishes an indicator with a direction alone with its direction and no value', () => {
    expect(values(directionOnly, JPP + 'desiredDirection')).toEqual([`${JPP}directionIncrease`]);
    expect([...values(directionOnly, JPP + 'baseline'), ...values(directionOnly, JPP + 'target')]).toEqual([]);
    expect(subjectsStartingWith(`${directionOnly}/`).sort()).toEqual([`${directionOnly}/quote/direction`, `${directionOnly}/quote/direction/exact`, `${directionOnly}/quote/direction/position`, `${directionOnly}/quote/title`, `${directionOnly}/quote/title/exact`, `${directionOnly}/quote/title/position`].sort());
  });

  it('publishes no data set for a plan none of whose indicators prints a value', () => {
    const noValues = GENERAL_PLAN.replace(/    unit: '%'\n    qudtUnit: PERCENT\n    target: [^\n]*\n/u, '    direction: { value: increase, text: 高めることを目指します }\n').replace(/  - id: indicator\/3\n[^]*$/u, '');
    const { plan, problems } = loadGeneral(noValues);
    expect(problems).toEqual([]);
    const quads = generalQuads(BASE, plan).plan;
    expect(quads.filter((q) => q.object.value === QB + 'DataSet' || q.subject.value === `${PLAN}/indicators`)).toEqual([]);
    expect(quads.filter((q) => q.predicate.value === JPP + 'desiredDirection')).toHaveLength(2);
  });

  it('conforms to the shapes and passes the Data Cube integrity checks', async () => {
    const union = [...planQuads, ...vocabulary];
    expect(await validateShacl(union, SHAPES)).toEqual([]);
    expect(checkCubeIntegrity(toNQuads(union))).toEqual([]);
  });

  it('is refused by the shapes when it has no baseline, no target and no direction', async () => {
    const without = (qs: readonly Quad[]) =>
      qs.filter((q) => !(q.subject.value === directionOnly && [JPP + 'desiredDirection', JPP + 'directionQuote'].includes(q.predicate.value)) && !q.subject.value.startsWith(`${directionOnly}/quote/direction`));
    const violations = await validateShacl([...without(planQuads), ...vocabulary], SHAPES);
    expect(violations.map((v) => v.focusNode)).toEqual([directionOnly]);
    expect(violations[0]!.message).toContain('A jpp:Indicator needs a jpp:baseline, a jpp:target or a jpp:desiredDirection.');
  });
});

describe('a measure divided into measures', () => {
  it('publishes the hierarchy goal → policy → measure → measure → indicator as jpp:parent links', () => {
    const up = (iri: string): string[] => {
      const [parent] = values(iri, JPP + 'parent');
      return parent === undefined ? [] : [parent.slice(PLAN.length + 1), ...up(parent)];
    };
    expect(up(`${PLAN}/indicator/1`)).toEqual(['measure/1-1-1-1', 'measure/1-1-1', 'policy/1-1', 'goal/1']);
    expect(values(`${PLAN}/measure/1-1-1-1`, RDF + 'type')).toEqual([`${JPP}Measure`]);
    expect(values(`${PLAN}/measure/1-1-1-1`, JPP + 'levelName')).toEqual(['基本事業']);
  });

  it('is walked up by jpp:parent* as queries/05 walks it', () => {
    const store = new Store();
    store.load(planQuads.map((q) => quadLine(DataFactory.quad(q.subject, q.predicate, q.object)) + '\n').join(''), { format: 'application/n-triples' });
    const rows = store.query(`PREFIX jpp: <${JPP}> PREFIX schema: <http://schema.org/>
      SELECT ?level WHERE { <${PLAN}/indicator/1> jpp:parent* ?a . ?a jpp:levelName ?level ; schema:position ?p } ORDER BY DESC(?p)`) as Map<string, { value: string }>[];
    expect(rows.map((r) => r.get('level')!.value)).toEqual(['指標', '基本事業', '施策', '政策', '基本目標']);
  });

  it('is refused by the shapes under an element a measure cannot sit under', async () => {
    const underIndicator = planQuads.map((q) =>
      q.subject.value === `${PLAN}/measure/1-1-1-1` && q.predicate.value === JPP + 'parent' ? DataFactory.quad(q.subject, q.predicate, namedNode(`${PLAN}/indicator/2`), q.graph) : q,
    );
    const violations = await validateShacl([...underIndicator, ...vocabulary], SHAPES);
    expect(violations.map((v) => v.focusNode)).toContain(`${PLAN}/measure/1-1-1-1`);
    expect(violations.find((v) => v.focusNode === `${PLAN}/measure/1-1-1-1`)!.message).toContain('A jpp:Measure needs a jpp:parent, a jpp:Goal, jpp:Policy or jpp:Measure');
  });
});

describe('values of a calendar year or a date', () => {
  const census = `${PLAN}/indicator/3`;

  it('refer to calendar-year intervals, minted and described as fiscal years are, with the label and quote of the year as printed', () => {
    expect(values(`${census}/baseline`, SDMX_DIMENSION + 'refPeriod')).toEqual([`${BASE}id/calendar-year/2020`]);
    expect(values(`${census}/target`, SDMX_DIMENSION + 'refPeriod')).toEqual([`${BASE}id/calendar-year/2030`]);
    expect(values(`${census}/baseline`, JPP + 'yearLabel')).toEqual(['令和2年10月1日現在']);
    expect(values(`${census}/baseline`, JPP + 'yearQuote')).toEqual([`${census}/baseline/quote/year`]);
    expect(values(`${census}/baseline/quote/year/exact`, 'http://www.w3.org/ns/oa#exact')).toEqual(['令和2年10月1日現在']);
    expect([...values(`${census}/baseline`, JPP + 'fiscalYearLabel'), ...values(`${census}/baseline`, JPP + 'fiscalYearQuote')]).toEqual([]);
    expect(values(`${census}/baseline`, RDFS + 'label')).toEqual(['12,000人（令和2年10月1日現在）']);
    const years = store.getSubjects(namedNode(RDF + 'type'), namedNode(JPP + 'CalendarYear'), null).map((t) => t.value).sort();
    expect(years).toEqual([`${BASE}id/calendar-year/2020`, `${BASE}id/calendar-year/2030`]);
    const year = `${BASE}id/calendar-year/2020`;
    expect(values(year, RDF + 'type')).toEqual([`${TIME}ProperInterval`, `${JPP}CalendarYear`]);
    expect(store.getObjects(namedNode(year), namedNode(RDFS + 'label'), null).map((l) => `${l.value}@${(l as { language: string }).language}`).sort()).toEqual(['2020@en', '2020年@ja']);
    const date = (p: string) => values(values(year, p)[0]!, TIME + 'inXSDDate');
    expect([values(year, TIME + 'hasBeginning'), date(TIME + 'hasBeginning'), date(TIME + 'hasEnd')]).toEqual([[`${year}/beginning`], ['2020-01-01'], ['2020-12-31']]);
    // No fiscal year is made of them: the plan's one fiscal year is the target year of indicator 1.
    expect(store.getSubjects(namedNode(RDF + 'type'), namedNode(JPP + 'FiscalYear'), null).map((t) => t.value)).toEqual([uri.fiscalYear(2030)]);
  });

  it('is refused by the shapes when a calendar-year value carries a fiscal-year label', async () => {
    const swapped = planQuads.map((q) =>
      q.subject.value === `${census}/baseline` && q.predicate.value === JPP + 'yearLabel' ? DataFactory.quad(q.subject, namedNode(JPP + 'fiscalYearLabel'), q.object, q.graph) : q,
    );
    const violations = await validateShacl([...swapped, ...vocabulary], SHAPES);
    expect(violations.map((v) => v.focusNode)).toEqual([`${census}/baseline`]);
    expect(violations[0]!.message).toContain('An indicator value of a jpp:FiscalYear has its jpp:fiscalYearLabel and jpp:fiscalYearQuote; one of a jpp:CalendarYear its jpp:yearLabel and jpp:yearQuote');
  });
});

describe('queries/01-measures-per-theme.rq over a measure divided into measures', () => {
  it('counts the 施策, not its 基本事業 as well, so that plans that divide their measures compare with those that do not', () => {
    const store = new Store();
    store.load([...planQuads, ...vocabulary].map((q) => quadLine(DataFactory.quad(q.subject, q.predicate, q.object)) + '\n').join(''), { format: 'application/n-triples' });
    const rows = store.query(readFileSync('queries/01-measures-per-theme.rq', 'utf8')) as Map<string, { value: string }>[];
    expect(rows.map((r) => [r.get('municipality')?.value, r.get('measures')?.value])).toEqual([['試験町', '1']]);
  });
});

describe('queries/06-indicators.rq over new indicators', () => {
  it('lists an indicator with a target alone, and none with no value', () => {
    const store = new Store();
    store.load([...planQuads, ...vocabulary].map((q) => quadLine(DataFactory.quad(q.subject, q.predicate, q.object)) + '\n').join(''), { format: 'application/n-triples' });
    const rows = store.query(readFileSync('queries/06-indicators.rq', 'utf8')) as Map<string, { value: string }>[];
    const columns = ['municipality', 'indicator', 'baseline', 'baselineYear', 'target', 'targetYear', 'unit'];
    expect(rows.map((r) => columns.map((c) => r.get(c)?.value))).toEqual([
      ['試験町', '特定保健指導の実施率', undefined, undefined, '60', '2030', '%'],
      ['試験町', '総人口', '12000', '2020', '11000', '2030', '人'],
    ]);
  });
});
