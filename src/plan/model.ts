// The typed plan model: a curated plan file after validation, with every quoted text located in its source.
import type { Quote } from './locate.ts';

/** The kinds of plan element; each is also the local name of its class in the ontology. */
export const ELEMENT_CLASSES = [
  'Vision',
  'Goal',
  'Policy',
  'Measure',
  'DesiredState',
  'Perspective',
  'Principle',
  'CrossCuttingProject',
  'Indicator',
] as const;
export type ElementClass = (typeof ELEMENT_CLASSES)[number];

/** The directions an indicator may be meant to move in. */
export const DIRECTIONS = ['increase', 'decrease', 'maintain'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** A text in Japanese and in English. */
export interface Localized {
  readonly ja: string;
  readonly en: string;
}

/** A text of the plan together with where it stands in the source. */
export interface Located {
  readonly value: string;
  readonly quote: Quote;
  /** The document the quote is from, when not the plan's own source text (plan titles may come from the seeds README). */
  readonly document?: SourceText;
}

export interface SourceText {
  /** File name under data/sources/, e.g. 132101-koganei.txt. */
  readonly file: string;
  readonly text: string;
  /** Hex SHA-256 of the file's bytes, recorded in the provenance. */
  readonly sha256: string;
  readonly byteLength: number;
}

export interface Municipality {
  /** Six-digit local government code (全国地方公共団体コード), check digit included. */
  readonly code: string;
  /** Five-digit standard area code used by national statistics. */
  readonly areaCode: string;
  readonly name: Localized;
}

export interface Period {
  readonly fromFiscalYear: number;
  readonly toFiscalYear: number;
  readonly text: Located;
}

/**
 * A value as printed and the year it refers to: a fiscal year (年度, 1 April – 31 March, named by the year it begins
 * in) or a calendar year (年, or a date in it), each with its label as printed.
 */
export type IndicatorValue = {
  readonly value: number;
  readonly printed: Located;
} & (
  | { readonly fiscalYear: number; readonly fiscalYearLabel: Located; readonly year?: undefined; readonly yearLabel?: undefined }
  | { readonly year: number; readonly yearLabel: Located; readonly fiscalYear?: undefined; readonly fiscalYearLabel?: undefined }
);

export interface PlanElement {
  /** `<kind>/<number>`, unique within the plan. */
  readonly id: string;
  readonly type: ElementClass;
  readonly level: string;
  readonly number?: string;
  readonly field?: Located;
  readonly title?: Located;
  readonly subtitle?: Located;
  readonly text?: Located;
  /** Id of the parent element; undefined when the element hangs directly off the plan. */
  readonly parent?: string;
  readonly themes: readonly string[];
  /** Id of the element of the replaced edition this element continues. */
  readonly continues?: string | undefined;
  /** 1-based position in the plan file (the plan's reading order). */
  readonly position: number;
  /** Indicators only: the unit as printed, and the QUDT unit's local name it stands for. */
  readonly unit?: string;
  readonly qudtUnit?: string;
  readonly definition?: Located;
  readonly dataSource?: Located;
  readonly direction?: { readonly value: Direction; readonly text: Located };
  readonly baseline?: IndicatorValue;
  readonly target?: IndicatorValue;
}

export interface PlanPart {
  readonly id: string;
  readonly title: Located;
  readonly titleEn: string;
  readonly text?: Located;
  readonly period?: Period;
}

export interface PlanSeries {
  readonly id: string;
  readonly title: Localized;
}

export interface Edition {
  /** The IRI segment that tells editions apart: dai<N>ji or the first fiscal year. */
  readonly key: string;
  readonly number?: number | undefined;
  readonly firstFiscalYear?: number | undefined;
  readonly text?: Located | undefined;
  /** The published page that states the edition, when the source text does not. */
  readonly evidence?: string | undefined;
}

export type VersionStatus = 'draft' | 'adopted' | 'published';

export interface PlanVersion {
  readonly status: VersionStatus;
  /** ISO date: adoption for an adopted version, publication otherwise. */
  readonly date?: string | undefined;
  readonly text?: Located | undefined;
  readonly evidence?: string | undefined;
}

/** The document the municipality published, of which the source text is an extract. */
export interface PublishedDocument {
  /** Its title, where the source text or the seeds README prints it (never made up). */
  readonly title?: Located;
}

export interface Plan {
  /** The plan file, relative to the project root, for error messages and provenance. */
  readonly file: string;
  readonly municipality: Municipality;
  readonly source: SourceText;
  readonly series: PlanSeries;
  /** What part of the published document the source text holds (curated, ja and en). */
  readonly coverage: Localized;
  readonly document: PublishedDocument;
  readonly id: string;
  /** Ids the plan was published under before (their IRIs redirect to the current ones). */
  readonly formerIds: readonly string[];
  readonly edition: Edition;
  readonly version: PlanVersion;
  /** Id of the previous edition of the same series, when the plan files hold it. */
  readonly replaces?: string | undefined;
  readonly title: Located;
  readonly titleEn: string;
  readonly text?: Located;
  readonly period?: Period;
  readonly parts: readonly PlanPart[];
  readonly elements: readonly PlanElement[];
}

export interface Theme {
  readonly id: string;
  readonly notation: string;
  readonly label: Localized;
  readonly definition: Localized;
  readonly sdg: { readonly close: readonly number[]; readonly related: readonly number[] };
  readonly ssds: { readonly close: readonly string[]; readonly related: readonly string[] };
}

export interface ThemeScheme {
  readonly label: Localized;
  readonly definition: Localized;
  readonly ssds: {
    readonly label: Localized;
    readonly fields: readonly { readonly notation: string; readonly label: Localized }[];
  };
  readonly themes: readonly Theme[];
  /** Labels of the 17 UN SDG goals, for display. */
  readonly sdgGoals: readonly { readonly n: number; readonly label: Localized }[];
}
