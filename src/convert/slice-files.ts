// The files the server reads instead of the whole dataset: each named graph's N-Quads on its own (a municipality's
// slice is its plan graphs plus the vocabulary), the shared slice (what the resources outside any municipality —
// themes, fiscal years, ontology terms — need of the plan graphs), and the site summary. Fed one graph at a time, so
// the converter never holds the whole dataset for them.
import type { Quad } from 'n3';
import type { Truncation } from '../rdf/document-body.ts';
import { parseOwnedNQuads } from '../rdf/owned-terms.ts';
import { ELEMENT_CLASSES } from '../plan/index.ts';
import { quadLine, tripleLine } from '../rdf/serialize.ts';
import { siteUrls, type SiteUrls } from '../rdf/uris.ts';
import { DCTERMS, JPP, LABEL_PREDICATES, OWL, RDF, SCHEMA, SKOS } from '../rdf/vocab.ts';
import type { GraphInfo } from './dataset.ts';
import { DatasetFactsBuilder, FACTS_FILE, factsJson, graphFacts, type GraphFacts } from './dataset-facts.ts';
import { HashSet64 } from '../rdf/hash-set.ts';
import { PATHS_FILE } from './paths-file.ts';
import { DOCUMENTS_FILE, planRows, type DocumentRowsWriter, type PlanRows } from './document-rows.ts';

export const SUMMARY_FILE = 'site.json';
export const SHARED_FILE = 'shared.nq';
export const VOCABULARY_GRAPH_FILE = 'graphs/vocabulary.nq';
/** The files the server reads to make slices, describe the data and know its paths: not published as datasets (the catalog's distributions leave them out). */
export const isSliceFile = (path: string): boolean =>
  path.startsWith('graphs/') || [SHARED_FILE, SUMMARY_FILE, FACTS_FILE, PATHS_FILE, DOCUMENTS_FILE].includes(path);
/** A plan graph's own N-Quads in the build. */
export const planGraphFile = (code: string, planId: string): string => `graphs/${code}-${planId}.nq`;

/**
 * At most this many inbound triples per shared resource (theme, fiscal year, ontology term) go into the shared slice,
 * the first by N-Triples line: a hub is pointed at by every plan in the country. Far above what the five real plans
 * reach (tested); a document cut here says how many there are and links to a SPARQL query listing them all.
 */
export const INBOUND_CAP = 500;

/** What the server knows at start-up without reading any data: written at convert time, listed in the manifest. */
export interface SiteSummary {
  readonly municipalities: readonly { readonly code: string; readonly iri: string }[];
  readonly plans: readonly { readonly code: string; readonly id: string; readonly iri: string; readonly graph: string; readonly file: string }[];
  readonly vocabularyFile: string;
  readonly sharedFile: string;
  /** Theme IRIs, sorted. */
  readonly themes: readonly string[];
  /** Source texts by file name: their media type and the municipality whose slice holds them (absent: the shared one). */
  readonly sources: Readonly<Record<string, { readonly format: string; readonly sha256?: string; readonly code?: string }>>;
  /** owl:sameAs pairs [former, current] (renamed plans). */
  readonly sameAs: readonly (readonly [string, string])[];
  /** Plan elements per class, by plan IRI (parts included), for the home page's counts. */
  readonly elementCounts: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /**
   * Plan elements of current editions (plans no other edition replaces with dcterms:replaces, and their parts) tagged
   * with a theme (indicators excluded), by theme IRI then municipality IRI (the heatmap).
   */
  readonly themeCounts: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly inboundCap: number;
  /** Shared resources whose inbound triples were cut at inboundCap: IRI → how many distinct there are. */
  readonly truncated: Readonly<Record<string, number>>;
}

/** How the converter cut `iri`'s inbound links (kept at its cap of how many), if it did: what its document states. */
export const truncationOf = (summary: Pick<SiteSummary, 'inboundCap' | 'truncated'>, iri: string): Truncation | undefined => {
  const of = summary.truncated[iri];
  return of === undefined ? undefined : { kept: summary.inboundCap, of };
};

const TYPE = `${RDF}type`;
/** What an element needs in the shared slice so that a theme page can list it (ElementView). */
const ELEMENT_VIEW = new Set([TYPE, ...LABEL_PREDICATES, `${JPP}plan`, `${JPP}levelName`, `${SKOS}notation`, `${SCHEMA}position`]);
/** Resources kept whole in the shared slice. */
const WHOLE_CLASSES = ['Municipality', 'Plan', 'PlanSeries'].map((c) => JPP + c);
const ELEMENT_CLASS_IRIS = new Set(ELEMENT_CLASSES.map((c) => JPP + c));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** An inbound triple of a shared resource and the triples that name its subject (kept or cut together), as N-Quads lines. */
interface Bundle {
  readonly key: string;
  readonly lines: readonly string[];
}

interface Bucket {
  bundles: Bundle[];
  /** Every distinct key offered, as 64-bit hashes: a national hub has millions, and only their number is needed. */
  readonly keys: HashSet64;
  /** Once the bundles were cut to INBOUND_CAP keys, the greatest kept: a greater key can never be kept. */
  ceiling?: string;
}

export class SliceFiles {
  readonly #urls: SiteUrls;
  /** The shared slice's N-Quads lines: a line is one string, a quad five objects. */
  readonly #shared = new Set<string>();
  readonly #inbound = new Map<string, Bucket>();
  readonly #sourceFiles = new Map<string, { format?: string; codes: Set<string>; quads: Quad[] }>();
  readonly #municipalities = new Map<string, string>();
  readonly #plans: SiteSummary['plans'][number][] = [];
  readonly #themes = new Set<string>();
  readonly #sameAs: [string, string][] = [];
  readonly #elementCounts: Record<string, Record<string, number>> = {};
  /** Per plan (the element's jpp:plan): its municipality and its elements per theme; summed over current plans at the end. */
  readonly #planThemeCounts = new Map<string, { municipality: string; counts: Map<string, number> }>();
  /** Plans some other plan replaces (dcterms:replaces), and the whole of each part (dcterms:isPartOf). */
  readonly #replaced = new Set<string>();
  readonly #wholeOf = new Map<string, string>();

  constructor(baseIri: string) {
    this.#urls = siteUrls(baseIri);
  }

  /** True for an IRI with a document outside every municipality (sources are decided at the end). */
  #isShared(iri: string): boolean {
    const path = this.#urls.pathOf(iri);
    return path !== undefined && !/^id\/\d{6}(\/|$)/.test(path) && !path.startsWith('sources/');
  }

  #sourceOf(iri: string): string | undefined {
    const prefix = this.#urls.sourceText('');
    return iri.startsWith(prefix) ? iri.slice(prefix.length) : undefined;
  }

  #keep(q: Quad) {
    this.#shared.add(quadLine(q));
  }

  /** The vocabulary graph: its themes. It is its own file, part of every slice. */
  addVocabulary(quads: readonly Quad[]): void {
    const themeBase = `${this.#urls.themeScheme()}/`;
    for (const q of quads)
      if (q.predicate.value === TYPE && q.object.value === `${JPP}Theme` && q.subject.value.startsWith(themeBase)) this.#themes.add(q.subject.value);
  }

  /** One plan graph's quads (its piece of dataset.nq). */
  addPlan(graph: GraphInfo, quads: readonly Quad[]): void {
    const plan = graph.plan!;
    this.#plans.push({ code: plan.municipality, id: plan.id, iri: plan.iri, graph: graph.iri, file: planGraphFile(plan.municipality, plan.id) });
    const bySubject = new Map<string, Quad[]>();
    for (const q of quads) (bySubject.get(q.subject.value) ?? bySubject.set(q.subject.value, []).get(q.subject.value)!).push(q);
    const objects = (s: string, p: string) => (bySubject.get(s) ?? []).filter((q) => q.predicate.value === p).map((q) => q.object.value);
    const naming = (s: string) => (bySubject.get(s) ?? []).filter((q) => q.predicate.value === TYPE || (LABEL_PREDICATES.has(q.predicate.value) && q.object.termType === 'Literal'));
    const isLocal = (iri: string) => this.#urls.pathOf(iri) !== undefined && !this.#isShared(iri);
    // An element, as the view index decides it: typed with an element class and in a plan.
    const elementClass = (s: string) =>
      objects(s, TYPE)
        .filter((t) => ELEMENT_CLASS_IRIS.has(t))
        .sort(cmp)[0];

    for (const q of quads) {
      const s = q.subject.value;
      const o = q.object;
      const source = this.#sourceOf(s);
      if (source !== undefined) this.#source(source, plan.municipality).quads.push(q);
      if (o.termType === 'NamedNode' && this.#sourceOf(o.value) !== undefined) this.#source(this.#sourceOf(o.value)!, plan.municipality);
      if (q.subject.termType !== 'NamedNode') continue;
      if (q.predicate.value === `${OWL}sameAs` && o.termType === 'NamedNode') this.#sameAs.push([s, o.value]);
      if (this.#isShared(s)) {
        this.#keep(q);
        if (o.termType === 'NamedNode' && isLocal(o.value)) naming(o.value).forEach((n) => this.#keep(n));
      } else if (o.termType === 'NamedNode' && q.predicate.value !== TYPE && this.#isShared(o.value)) {
        const extra = q.predicate.value === `${JPP}theme` ? (bySubject.get(s) ?? []).filter((x) => ELEMENT_VIEW.has(x.predicate.value)) : naming(s);
        this.#offer(o.value, { key: tripleLine(q), lines: [q, ...extra].map(quadLine) });
      }
    }

    // Municipalities, plans and plan series (what the home page lists and the catalog describes; one of each per plan
    // at most), whole but for links to shared resources (those go through the capped buckets).
    for (const [s, list] of bySubject) {
      const types = new Set(objects(s, TYPE));
      if (!WHOLE_CLASSES.some((c) => types.has(c))) continue;
      for (const q of list) {
        if (q.predicate.value !== TYPE && q.object.termType === 'NamedNode' && this.#isShared(q.object.value)) continue;
        this.#keep(q);
        // What they point at is named too (the catalog's descriptions mention their periods and documents).
        if (q.object.termType === 'NamedNode' && isLocal(q.object.value)) naming(q.object.value).forEach((n) => this.#keep(n));
      }
      if (types.has(`${JPP}Municipality`)) this.#municipalities.set(objects(s, `${DCTERMS}identifier`)[0] ?? '', s);
      if (types.has(`${JPP}Plan`)) {
        objects(s, `${DCTERMS}replaces`).forEach((p) => this.#replaced.add(p));
        for (const whole of objects(s, `${DCTERMS}isPartOf`)) this.#wholeOf.set(s, whole);
      }
    }

    // The counts the home page and the heatmap show, exact at any size.
    for (const s of bySubject.keys()) {
      const cls = elementClass(s);
      const of = objects(s, `${JPP}plan`)[0];
      if (!cls || !of || this.#urls.pathOf(s) === undefined) continue;
      const counts = (this.#elementCounts[of] ??= {});
      const local = cls.slice(JPP.length);
      counts[local] = (counts[local] ?? 0) + 1;
      if (local === 'Indicator') continue;
      const entry =
        this.#planThemeCounts.get(of) ??
        this.#planThemeCounts.set(of, { municipality: objects(of, `${JPP}municipality`)[0] ?? '', counts: new Map() }).get(of)!;
      for (const t of new Set(objects(s, `${JPP}theme`))) entry.counts.set(t, (entry.counts.get(t) ?? 0) + 1);
    }
  }

  /** The heatmap's counts: every current plan's elements per theme, by theme then municipality (known once every graph is in). */
  #themeCounts(): Record<string, Record<string, number>> {
    const counts: Record<string, Record<string, number>> = {};
    for (const [plan, { municipality, counts: of }] of this.#planThemeCounts) {
      if (this.#replaced.has(this.#wholeOf.get(plan) ?? plan)) continue;
      for (const [t, n] of of) {
        const row = (counts[t] ??= {});
        row[municipality] = (row[municipality] ?? 0) + n;
      }
    }
    return counts;
  }

  #source(file: string, code: string) {
    const entry = this.#sourceFiles.get(file) ?? this.#sourceFiles.set(file, { codes: new Set(), quads: [] }).get(file)!;
    entry.codes.add(code);
    return entry;
  }

  /** Keeps the first INBOUND_CAP bundles of a target by key; the rest are counted only. */
  #offer(target: string, bundle: Bundle) {
    const bucket = this.#inbound.get(target) ?? this.#inbound.set(target, { bundles: [], keys: new HashSet64() }).get(target)!;
    const fresh = bucket.keys.add(bundle.key);
    if (bucket.ceiling !== undefined && bundle.key > bucket.ceiling) return;
    bucket.bundles.push(bundle);
    if (fresh && bucket.bundles.length > 4 * INBOUND_CAP) {
      bucket.bundles = this.#first(bucket.bundles);
      bucket.ceiling = bucket.bundles.reduce((max, b) => (b.key > max ? b.key : max), '');
    }
  }

  /** The bundles of the first INBOUND_CAP distinct keys (every bundle of a kept key: its naming may differ by graph). */
  #first(bundles: readonly Bundle[]): Bundle[] {
    const keys = [...new Set(bundles.map((b) => b.key))].sort(cmp).slice(0, INBOUND_CAP);
    const kept = new Set(keys);
    return bundles.filter((b) => kept.has(b.key));
  }

  /** The shared slice's N-Quads (sorted lines) and the summary; call once, after every graph. */
  finish(): { shared: string; summary: SiteSummary } {
    const truncated: Record<string, number> = {};
    for (const [target, bucket] of [...this.#inbound].sort(([a], [b]) => cmp(a, b))) {
      if (bucket.keys.size > INBOUND_CAP) truncated[target] = bucket.keys.size;
      for (const b of this.#first(bucket.bundles)) b.lines.forEach((l) => this.#shared.add(l));
    }
    const sources: Record<string, { format: string; sha256?: string; code?: string }> = {};
    for (const [file, entry] of [...this.#sourceFiles].sort(([a], [b]) => cmp(a, b))) {
      const format = entry.quads.find((q) => q.predicate.value === `${DCTERMS}format`)?.object.value ?? 'text/plain; charset=utf-8';
      // The server checks a text against it before serving it (source-files.ts).
      const sha256 = entry.quads.find((q) => q.predicate.value === `${SCHEMA}sha256`)?.object.value;
      const fixed = { format, ...(sha256 === undefined ? {} : { sha256 }) };
      // A source quoted by plans of two municipalities belongs to neither: its description goes to the shared slice.
      if (entry.codes.size === 1) sources[file] = { ...fixed, code: [...entry.codes][0]! };
      else {
        sources[file] = fixed;
        entry.quads.forEach((q) => this.#keep(q));
      }
    }
    const sortedRecord = <V>(r: Record<string, V>) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => cmp(a, b)));
    const summary: SiteSummary = {
      municipalities: [...this.#municipalities].sort(([a], [b]) => cmp(a, b)).map(([code, iri]) => ({ code, iri })),
      plans: [...this.#plans].sort((a, b) => cmp(a.code + ' ' + a.id, b.code + ' ' + b.id)),
      vocabularyFile: VOCABULARY_GRAPH_FILE,
      sharedFile: SHARED_FILE,
      themes: [...this.#themes].sort(cmp),
      sources,
      sameAs: [...this.#sameAs].sort((a, b) => cmp(a.join(' '), b.join(' '))),
      elementCounts: sortedRecord(Object.fromEntries(Object.entries(this.#elementCounts).map(([k, v]) => [k, sortedRecord(v)]))),
      themeCounts: sortedRecord(Object.fromEntries(Object.entries(this.#themeCounts()).map(([k, v]) => [k, sortedRecord(v)]))),
      inboundCap: INBOUND_CAP,
      truncated,
    };
    const shared = [...this.#shared].sort(cmp).map((l) => `${l}\n`).join('');
    return { shared, summary };
  }
}

/** The summary as the build writes it (stable key order, so the same inputs give the same bytes). */
export const summaryJson = (summary: SiteSummary): string => `${JSON.stringify(summary, null, 1)}\n`;

/** One file of the build, made when asked for (so that a caller streaming the build holds one at a time). */
export interface SliceFile {
  readonly path: string;
  readonly mediaType: string;
  readonly content: () => string | Buffer;
}

/** What a plan graph gives the slice files besides its quads: made where the plan is converted, kept in its cache entry. */
export interface PlanParts {
  /** Its share of its municipality's document rows. */
  readonly rows: PlanRows;
  /** Its entry of facts.json. */
  readonly facts: GraphFacts;
}

/** A plan graph's parts, from its piece of dataset.nq (read back, so that they are what the build's quads give). */
export const planParts = (baseIri: string, graph: GraphInfo, nq: string): PlanParts => {
  const quads = parseOwnedNQuads(nq);
  return { rows: planRows(baseIri, graph.plan!.municipality, quads), facts: graphFacts(baseIri, graph, quads) };
};

/**
 * The slice files in the order the manifest lists them: each graph's N-Quads (vocabulary first, then the plans as
 * given), then the shared slice, the summary and the facts (dataset-facts.ts), counted in the same pass. `nq` of a
 * graph is its piece of dataset.nq, `parts` what planParts made of it. `rows` is given each plan's rows as it is read.
 */
export function* sliceFiles(
  baseIri: string,
  vocabulary: { readonly graph: GraphInfo; readonly nq: () => string | Buffer },
  plans: readonly {
    readonly graph: GraphInfo;
    readonly nq: () => string | Buffer;
    readonly parts: () => PlanParts;
  }[],
  rows: DocumentRowsWriter,
): Generator<SliceFile> {
  const files = new SliceFiles(baseIri);
  const facts = new DatasetFactsBuilder(baseIri);
  yield {
    path: VOCABULARY_GRAPH_FILE,
    mediaType: 'application/n-quads',
    content: () => {
      const nq = vocabulary.nq();
      const quads = parseOwnedNQuads(nq.toString());
      facts.add(graphFacts(baseIri, vocabulary.graph, quads), quads);
      files.addVocabulary(quads);
      return nq;
    },
  };
  for (const p of plans)
    yield {
      path: planGraphFile(p.graph.plan!.municipality, p.graph.plan!.id),
      mediaType: 'application/n-quads',
      content: () => {
        const nq = p.nq();
        const quads = parseOwnedNQuads(nq.toString());
        const parts = p.parts();
        facts.add(parts.facts, quads);
        files.addPlan(p.graph, quads);
        rows.add(p.graph.plan!.municipality, parts.rows);
        return nq;
      },
    };
  const { shared, summary } = files.finish();
  yield { path: SHARED_FILE, mediaType: 'application/n-quads', content: () => shared };
  yield { path: SUMMARY_FILE, mediaType: 'application/json', content: () => summaryJson(summary) };
  yield { path: FACTS_FILE, mediaType: 'application/json', content: () => factsJson(facts.finish()) };
}
