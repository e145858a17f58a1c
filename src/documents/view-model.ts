// The types of the view index: what the HTML pages show about plans, elements, themes, sources and quotes.
import type { ElementClass } from '../plan/index.ts';
import type { Lang } from './langs.ts';

export interface Labels {
  readonly ja?: string;
  readonly en?: string;
  /** A label without a language tag (e.g. a source file name). */
  readonly plain?: string;
}

/** One quoted span of a source text. Offsets are Unicode code points. */
export interface QuoteView {
  /** The oa:SpecificResource IRI. */
  readonly selection: string;
  /** The resource quoted (element, plan, part, period or indicator value). */
  readonly owner: string;
  /** The kind of text quoted (a QuoteKind: the last segment of the selection IRI). */
  readonly what: string;
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly exact: string;
  /** Fragment id of the span in the source viewer. */
  readonly anchor: string;
}

export interface ValueView {
  readonly iri: string;
  readonly value?: number;
  readonly unit?: string;
  readonly fiscalYear?: string;
  readonly fiscalYearLabel?: string;
  /** A value of a calendar year (年, or a date in it), not a fiscal year: the year, and its label as printed. */
  readonly year?: string;
  readonly yearLabel?: string;
}

export interface ElementView {
  readonly iri: string;
  readonly path: string;
  readonly cls: ElementClass;
  readonly levelName: string;
  readonly notation?: string;
  readonly label: string;
  readonly title?: string;
  readonly subtitle?: string;
  readonly text?: string;
  readonly fieldName?: string;
  readonly parent?: string;
  readonly plan: string;
  readonly position: number;
  readonly themes: readonly string[];
  readonly municipality: string;
  readonly baseline?: ValueView;
  readonly target?: ValueView;
  /** Indicators: the direction it is meant to move in (a concept of jpp:directions), where the plan states it. */
  readonly direction?: string;
  /** The elements of the previous edition this one continues (prov:wasRevisionOf), by IRI. */
  readonly revisionOf: readonly string[];
  /** The elements of later editions that continue this one (their prov:wasRevisionOf), by IRI. */
  readonly revisedBy: readonly string[];
}

export interface PeriodView {
  readonly label: string;
  readonly start?: string;
  readonly end?: string;
}

export interface PlanView {
  readonly iri: string;
  readonly path: string;
  readonly labels: Labels;
  readonly titles: Labels;
  readonly description?: string;
  readonly municipality: string;
  /** The plan this one is a part of (dcterms:isPartOf), for plan parts. */
  readonly partOf?: string;
  readonly parts: readonly string[];
  /** The series it is an edition of (schema:isPartOf), for whole plans. */
  readonly series?: string;
  /** The editions it replaces (dcterms:replaces), by IRI. */
  readonly replaces: readonly string[];
  /**
   * The editions that replace it (their dcterms:replaces), by IRI. A whole plan that none replaces is current; a part
   * is current with its whole (isCurrentPlan).
   */
  readonly replacedBy: readonly string[];
  readonly period?: PeriodView;
  /** Source file names it is derived from. */
  readonly sources: readonly string[];
  /** Its elements in reading order (empty for parts). */
  readonly elements: readonly ElementView[];
}

export interface MunicipalityView {
  readonly iri: string;
  readonly code: string;
  readonly labels: Labels;
  /** Whole plans (not their parts), by IRI order. */
  readonly plans: readonly PlanView[];
  readonly sources: readonly string[];
  readonly spatial?: string;
}

export interface ThemeView {
  readonly iri: string;
  readonly id: string;
  readonly notation: string;
  readonly definitions: Labels;
  readonly closeMatch: readonly string[];
  readonly relatedMatch: readonly string[];
}

export interface SourceView {
  readonly iri: string;
  readonly file: string;
  readonly format: string;
  readonly publisher?: string;
  /** Every span quoted from it, by start (then longer first). */
  readonly quotes: readonly QuoteView[];
}

export interface ViewIndex {
  readonly elements: ReadonlyMap<string, ElementView>;
  /** Elements by parent IRI, in reading order. */
  readonly children: ReadonlyMap<string, readonly ElementView[]>;
  readonly plans: ReadonlyMap<string, PlanView>;
  readonly municipalities: readonly MunicipalityView[];
  readonly themes: readonly ThemeView[];
  readonly sources: ReadonlyMap<string, SourceView>;
  /** Quoted spans by the resource quoted. */
  readonly quotesOf: ReadonlyMap<string, readonly QuoteView[]>;
  /** Quoted spans by selection IRI. */
  readonly quoteBySelection: ReadonlyMap<string, QuoteView>;
  /** Elements tagged with each theme, in plan and reading order. */
  readonly byTheme: ReadonlyMap<string, readonly ElementView[]>;
  /**
   * Plan elements of current editions (isCurrentPlan: no other edition replaces their plan) tagged with each theme
   * (indicators excluded), by theme IRI, then by their municipality's IRI; zeros included.
   */
  readonly themeCounts: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Elements per class (ElementClass, non-zero only) by plan IRI: what a plan's card counts. */
  readonly elementCounts: ReadonlyMap<string, ReadonlyMap<string, number>>;
  label(iri: string, lang: Lang): string | undefined;
  /** Whether the data types `iri` owl:Class (an ontology term). */
  isClass(iri: string): boolean;
  /** The skos:definition of `iri` in `lang`, else its first. */
  definition(iri: string, lang: Lang): string | undefined;
  /** The ancestors of an element, outermost first (not including itself). */
  ancestors(iri: string): readonly ElementView[];
}
