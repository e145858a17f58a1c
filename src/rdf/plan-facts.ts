// Reads back from a plan's graph what the catalog and VoID say about the plan (labels, municipality, area, period,
// themes, series): the converter records it per graph, so that the server never reads the data for it.
import type { Quad } from 'n3';
import type { Localized } from '../plan/index.ts';
import { BIBO, DCAT, DCTERMS, jpp, PROV, RDFS, SCHEMA, SKOS, VERSION_STATUSES } from './vocab.ts';

export interface PlanFacts {
  readonly iri: string;
  readonly graph: string;
  readonly code: string;
  readonly id: string;
  /** rdfs:label ja/en of the plan (the ja one names the municipality). */
  readonly label: Localized;
  /** Every rdfs:label of the plan, as written. */
  readonly labels: readonly { readonly value: string; readonly language: string }[];
  /** dcterms:title ja/en of the plan, as printed. */
  readonly title: Localized;
  readonly municipality: { readonly iri: string; readonly name: Localized };
  /** dcterms:spatial of the plan: the e-Stat standard area code resource. */
  readonly spatial: readonly string[];
  readonly sources: readonly string[];
  /** What part of the published document the source text holds (the source text's dcterms:description). */
  readonly coverage: Localized;
  /** The published document the plan is taken from (its dcterms:source), with its creator and printed title. */
  readonly document?: { readonly iri: string; readonly creator?: string; readonly title?: string };
  readonly period?: { readonly iri: string; readonly start: string; readonly end: string };
  /** Theme IRIs used by the plan's elements, sorted. */
  readonly themes: readonly string[];
  /** The series (jpp:PlanSeries) the plan is an edition of, with its title. */
  readonly series?: { readonly iri: string; readonly id: string; readonly title: Localized };
  /** The edition's number as printed (bibo:edition), when the plan prints one. */
  readonly edition?: number;
  /** The version the source text was taken from: draft, adopted or published. */
  readonly versionStatus?: keyof typeof VERSION_STATUSES;
}

/** An index of triples by subject and predicate, with first-value helpers. */
export class TripleLookup {
  readonly #sp = new Map<string, Quad[]>();
  readonly #po = new Map<string, Quad[]>();
  constructor(triples: readonly Quad[]) {
    for (const t of triples) {
      const sp = `${t.subject.value} ${t.predicate.value}`;
      const po = `${t.predicate.value} ${t.object.value}`;
      (this.#sp.get(sp) ?? this.#sp.set(sp, []).get(sp)!).push(t);
      if (t.object.termType === 'NamedNode') (this.#po.get(po) ?? this.#po.set(po, []).get(po)!).push(t);
    }
  }
  objects(subject: string, predicate: string): Quad['object'][] {
    return (this.#sp.get(`${subject} ${predicate}`) ?? []).map((t) => t.object);
  }
  values(subject: string, predicate: string): string[] {
    return this.objects(subject, predicate).map((o) => o.value);
  }
  value(subject: string, predicate: string): string | undefined {
    return this.objects(subject, predicate)[0]?.value;
  }
  /** The literal in a language (or the first one when none has it). */
  text(subject: string, predicate: string, language: string): string | undefined {
    const all = this.objects(subject, predicate).filter((o) => o.termType === 'Literal');
    return (all.find((o) => o.termType === 'Literal' && o.language === language) ?? all[0])?.value;
  }
  localized(subject: string, predicate: string): Localized {
    return { ja: this.text(subject, predicate, 'ja') ?? subject, en: this.text(subject, predicate, 'en') ?? this.text(subject, predicate, 'ja') ?? subject };
  }
  subjects(predicate: string, object: string): string[] {
    return (this.#po.get(`${predicate} ${object}`) ?? []).map((t) => t.subject.value);
  }
}

/** The facts of one plan, from a lookup over (at least) its graph's triples. */
export const readPlanFacts = (lookup: TripleLookup, graph: { readonly iri: string; readonly plan: { readonly iri: string; readonly municipality: string; readonly id: string } }): PlanFacts => {
  const { iri, municipality: code, id } = graph.plan;
  const municipalityIri = lookup.value(iri, jpp('municipality')) ?? '';
  const periodIri = lookup.value(iri, `${DCTERMS}temporal`);
  const start = periodIri && lookup.value(periodIri, `${DCAT}startDate`);
  const end = periodIri && lookup.value(periodIri, `${DCAT}endDate`);
  const themes = new Set<string>();
  for (const element of lookup.subjects(jpp('plan'), iri)) lookup.values(element, jpp('theme')).forEach((t) => themes.add(t));
  const sources = lookup.values(iri, `${PROV}wasDerivedFrom`).sort();
  const documentIri = lookup.value(iri, `${DCTERMS}source`);
  const seriesIri = lookup.value(iri, `${SCHEMA}isPartOf`);
  const edition = Number(lookup.value(iri, `${BIBO}edition`));
  const versionStatusIri = lookup.value(lookup.value(iri, `${DCTERMS}hasVersion`) ?? '', `${BIBO}status`);
  const versionStatus = (Object.keys(VERSION_STATUSES) as (keyof typeof VERSION_STATUSES)[]).find((k) => jpp(VERSION_STATUSES[k]) === versionStatusIri);
  const creator = documentIri && lookup.value(documentIri, `${DCTERMS}creator`);
  const documentTitle = documentIri && lookup.text(documentIri, `${DCTERMS}title`, 'ja');
  return {
    iri,
    graph: graph.iri,
    code,
    id,
    label: lookup.localized(iri, `${RDFS}label`),
    labels: lookup.objects(iri, `${RDFS}label`).flatMap((o) => (o.termType === 'Literal' ? [{ value: o.value, language: o.language }] : [])),
    title: lookup.localized(iri, `${DCTERMS}title`),
    municipality: { iri: municipalityIri, name: lookup.localized(municipalityIri, `${RDFS}label`) },
    spatial: lookup.values(iri, `${DCTERMS}spatial`).sort(),
    sources,
    coverage: lookup.localized(sources[0] ?? '', `${DCTERMS}description`),
    // Absent fields are left out (not undefined), so that the facts are the same after a JSON round trip.
    ...(documentIri ? { document: { iri: documentIri, ...(creator !== undefined ? { creator } : {}), ...(documentTitle !== undefined ? { title: documentTitle } : {}) } } : {}),
    ...(periodIri && start && end ? { period: { iri: periodIri, start, end } } : {}),
    themes: [...themes].sort(),
    ...(seriesIri ? { series: { iri: seriesIri, id: seriesIri.slice(seriesIri.lastIndexOf('/') + 1), title: lookup.localized(seriesIri, `${DCTERMS}title`) } } : {}),
    ...(Number.isInteger(edition) ? { edition } : {}),
    ...(versionStatus ? { versionStatus } : {}),
  };
};

/** skos:prefLabel ja/en of a concept. */
export const conceptLabel = (lookup: TripleLookup, iri: string): Localized => lookup.localized(iri, `${SKOS}prefLabel`);
