// A plan's indicators as W3C RDF Data Cube: one qb:DataSet per plan, an observation per printed value, and the
// fiscal years and calendar years those values refer to as OWL-Time intervals (pure: no I/O, no clock).
//
// The data structure definition (jpp:indicatorStructure) is fixed and lives in ontology/jpplan.ttl. Its dimensions
// follow the SDMX-RDF content-oriented guidelines that e-Stat's statistical LOD uses too (sdmx-dimension:refArea with
// the standard area code), so that plan indicators and national statistics meet on the same area IRI.
import type { IndicatorValue, Localized, Located, PlanElement } from '../plan/model.ts';
import { date, decimal, GraphWriter, ja, lang, str } from './terms.ts';
import { qudtUnit, standardAreaCode, type Iris } from './uris.ts';
import {
  DCTERMS,
  DIRECTION_CONCEPTS,
  jpp,
  PROV,
  QB,
  RDFS,
  SCHEMA,
  SDMX_ATTRIBUTE,
  SDMX_DIMENSION,
  SDMX_MEASURE,
  SKOS,
  TIME,
  VALUE_KINDS,
  type QuoteKind,
} from './vocab.ts';

/** The data structure definition every indicator data set follows (defined in ontology/jpplan.ttl). */
export const INDICATOR_STRUCTURE = jpp('indicatorStructure');

export interface CubeContext {
  readonly g: GraphWriter;
  readonly uri: Iris;
  readonly planIri: string;
  /** The plan's label (municipality and title), from which the data set's label is made. */
  readonly planLabel: Localized;
  /** Five-digit standard area code of the plan's municipality. */
  readonly areaCode: string;
  readonly sourceIri: string;
  /** Records where a text stands in the source (see plan-to-quads.ts). */
  readonly quote: (subject: string, what: QuoteKind, located: Located | undefined) => void;
}

/** The two kinds of year a value refers to: how each is named, labelled, and where its interval begins and ends. */
const YEARS = {
  /** A fiscal year (年度): 1 April to 31 March, named by the year it begins in. */
  fiscal: { cls: 'FiscalYear', iri: (uri: Iris, y: number) => uri.fiscalYear(y), ja: (y: number) => `${y}年度`, en: (y: number) => `FY${y}`, from: (y: number) => `${y}-04-01`, to: (y: number) => `${y + 1}-03-31` },
  /** A calendar year (年): 1 January to 31 December. */
  calendar: { cls: 'CalendarYear', iri: (uri: Iris, y: number) => uri.calendarYear(y), ja: (y: number) => `${y}年`, en: (y: number) => String(y), from: (y: number) => `${y}-01-01`, to: (y: number) => `${y}-12-31` },
} as const;

/** Describes a year as an OWL-Time proper interval between its two dated instants. */
const yearQuads = (g: GraphWriter, uri: Iris, kind: keyof typeof YEARS, year: number): void => {
  const k = YEARS[kind];
  const iri = k.iri(uri, year);
  const beginning = uri.instant(iri, 'beginning');
  const end = uri.instant(iri, 'end');
  g.type(iri, jpp(k.cls), TIME + 'ProperInterval')
    .add(iri, RDFS + 'label', ja(k.ja(year)))
    .add(iri, RDFS + 'label', lang(k.en(year), 'en'))
    .add(iri, TIME + 'hasBeginning', beginning)
    .add(iri, TIME + 'hasEnd', end);
  for (const [instant, day] of [[beginning, k.from(year)], [end, k.to(year)]] as const)
    g.type(instant, TIME + 'Instant').add(instant, RDFS + 'label', str(day)).add(instant, TIME + 'inXSDDate', date(day));
};

/**
 * Adds a plan's indicators' definitions, data sources and directions, and the data set of their values, to the plan's
 * graph. A value the plan does not print (a new indicator's baseline, 現状値 ―) has no observation; a plan none of
 * whose indicators prints a value has no data set (an empty qb:DataSet would describe no statistics).
 */
export const indicatorCube = (ctx: CubeContext, indicators: readonly { readonly iri: string; readonly element: PlanElement }[]): void => {
  if (indicators.length === 0) return;
  const { g, uri, quote } = ctx;
  const dataSet = uri.indicatorDataSet(ctx.planIri);
  const area = standardAreaCode(ctx.areaCode);
  const label = { ja: `${ctx.planLabel.ja} の指標`, en: `Indicators of ${ctx.planLabel.en}` };
  if (indicators.some(({ element: e }) => e.baseline !== undefined || e.target !== undefined))
    g.type(dataSet, QB + 'DataSet')
      .add(dataSet, QB + 'structure', INDICATOR_STRUCTURE)
      .localized(dataSet, RDFS + 'label', label)
      .localized(dataSet, DCTERMS + 'title', label)
      .add(dataSet, DCTERMS + 'source', ctx.planIri)
      .add(dataSet, DCTERMS + 'spatial', area)
      .add(dataSet, PROV + 'wasDerivedFrom', ctx.sourceIri);

  const fiscalYears = new Set<number>();
  const calendarYears = new Set<number>();
  const observation = (indicatorIri: string, e: PlanElement, which: 'baseline' | 'target', v: IndicatorValue | undefined) => {
    if (!v) return;
    const iri = uri.indicatorValue(indicatorIri, which);
    // A value of a fiscal year (年度) refers to its April–March interval, one of a calendar year (年, or a date in it) to
    // its January–December one; the year as printed stays on the value, quoted.
    const period =
      v.fiscalYearLabel !== undefined
        ? { label: v.fiscalYearLabel, iri: uri.fiscalYear(v.fiscalYear), property: 'fiscalYearLabel', quote: 'fiscal-year' as const, years: fiscalYears, year: v.fiscalYear }
        : { label: v.yearLabel, iri: uri.calendarYear(v.year), property: 'yearLabel', quote: 'year' as const, years: calendarYears, year: v.year };
    period.years.add(period.year);
    g.add(indicatorIri, jpp(which), iri);
    g.type(iri, jpp('IndicatorValue'), QB + 'Observation')
      .add(iri, RDFS + 'label', ja(`${v.printed.value}（${period.label.value}）`))
      .add(iri, QB + 'dataSet', dataSet)
      .add(iri, SDMX_DIMENSION + 'refArea', area)
      .add(iri, SDMX_DIMENSION + 'refPeriod', period.iri)
      .add(iri, jpp('indicator'), indicatorIri)
      .add(iri, jpp('valueKind'), jpp(VALUE_KINDS[which]))
      .add(iri, SDMX_MEASURE + 'obsValue', decimal(v.value))
      .add(iri, SCHEMA + 'value', decimal(v.value))
      .add(iri, SDMX_ATTRIBUTE + 'unitMeasure', e.qudtUnit === undefined ? undefined : qudtUnit(e.qudtUnit))
      .add(iri, SCHEMA + 'unitText', e.unit === undefined ? undefined : str(e.unit))
      .add(iri, jpp(period.property), ja(period.label.value))
      .add(iri, PROV + 'wasDerivedFrom', ctx.sourceIri);
    quote(iri, 'value', v.printed);
    quote(iri, period.quote, period.label);
  };

  for (const { iri, element: e } of indicators) {
    g.add(iri, SKOS + 'definition', e.definition && ja(e.definition.value));
    quote(iri, 'definition', e.definition);
    if (e.dataSource) {
      const source = uri.dataSource(iri);
      g.add(iri, DCTERMS + 'source', source);
      g.type(source, PROV + 'Entity')
        .add(source, RDFS + 'label', ja(e.dataSource.value))
        .add(source, DCTERMS + 'title', ja(e.dataSource.value));
      quote(iri, 'data-source', e.dataSource);
    }
    if (e.direction) {
      g.add(iri, jpp('desiredDirection'), jpp(DIRECTION_CONCEPTS[e.direction.value]));
      quote(iri, 'direction', e.direction.text);
    }
    observation(iri, e, 'baseline', e.baseline);
    observation(iri, e, 'target', e.target);
  }
  for (const year of [...fiscalYears].sort((a, b) => a - b)) yearQuads(g, uri, 'fiscal', year);
  for (const year of [...calendarYears].sort((a, b) => a - b)) yearQuads(g, uri, 'calendar', year);
};
