// The page view of one plan element, made from the resources its page shows (itself, its values and quotes, its
// ancestors, children, plan and municipality, the elements of other editions it continues or is continued by) instead of its municipality's whole slice: a few rows instead of
// parsing and indexing every triple of the municipality, which was most of a page's cost. The same for the page of
// what describes a plan (resourceViewIndex); a resource under an element is shown with its owner's view.
import type { Quad } from 'n3';
import { ELEMENT_CLASSES } from '../plan/model.ts';
import type { SiteUrls } from '../rdf/uris.ts';
import { JPP, QUOTE_PROPERTIES } from '../rdf/vocab.ts';
import { baseView, buildViewIndex, layeredViewIndex, VIEW_PREDICATES as P, type BaseView } from './view-index.ts';
import type { ViewIndex } from './view-model.ts';

/** Where the triples of one resource come from. */
export interface ResourceTriples {
  /** Its triples as subject, each once, in the default graph ([] when unknown). */
  own(iri: string): readonly Quad[];
  /** The triples with it as object (rdf:type left out). */
  inbound(iri: string): readonly Quad[];
}

/** The vocabulary graph's distinct triples and, when it holds no plan data, its view made once (view-index.ts). */
export interface VocabularyView {
  readonly triples: readonly Quad[];
  readonly base: BaseView | undefined;
}

/** `triples`: the vocabulary graph's distinct triples; made once per build. */
export const vocabularyView = (triples: readonly Quad[], urls: SiteUrls): VocabularyView => ({ triples, base: baseView(triples, urls) });

/** The classes of plan elements, as IRIs (the plan model's ELEMENT_CLASSES). */
export const ELEMENT_TYPES: ReadonlySet<string> = new Set(ELEMENT_CLASSES.map((c) => `${JPP}${c}`));
/** What a page shows from its slice's whole view: a plan (its elements) and a municipality (its plans). */
const WHOLE_VIEW_TYPES: ReadonlySet<string> = new Set([`${JPP}Plan`, `${JPP}Municipality`]);
const QUOTE_PREDICATES = Object.values(QUOTE_PROPERTIES);

/** The own triples of the resources a page shows, each read once, and the view they make with the vocabulary's. */
const taking = (source: ResourceTriples, vocabulary: VocabularyView, urls: SiteUrls) => {
  const taken = new Map<string, readonly Quad[]>();
  const take = (s: string): readonly Quad[] => {
    let quads = taken.get(s);
    if (!quads) taken.set(s, (quads = source.own(s)));
    return quads;
  };
  const objects = (s: string, ...predicates: readonly string[]): string[] =>
    take(s)
      .filter((q) => q.object.termType === 'NamedNode' && predicates.includes(q.predicate.value))
      .map((q) => q.object.value);
  const view = (): ViewIndex => {
    // Already distinct: each subject is taken once, and its triples are (ResourceTriples.own). Keying every triple to
    // drop repeats was ~6% of a national page's time (by hand).
    const triples: Quad[] = [];
    for (const list of taken.values()) for (const q of list) triples.push(q);
    // The vocabulary's part of the view is made once (~970 triples: 0.3 ms a page, by hand), unless the resources
    // taken describe one of its subjects.
    return (vocabulary.base && layeredViewIndex(vocabulary.base, triples, urls)) ?? buildViewIndex([...vocabulary.triples, ...triples], urls);
  };
  return { take, objects, view };
};

/**
 * The view index an element's page reads, or undefined when `iri` is not a plan element (its page needs its slice's
 * view). `vocabulary`: the vocabulary graph (labels of classes, themes and goals; vocabularyView), whose subjects
 * are none of the element's resources. The view holds every resource the page names, with the triples the slice has
 * of them, so the page is the one the slice's view gives (tests/server/lib/element-view.test.ts).
 */
export const elementViewIndex = (iri: string, source: ResourceTriples, vocabulary: VocabularyView, urls: SiteUrls): ViewIndex | undefined => {
  const { take, objects, view } = taking(source, vocabulary, urls);

  const own = take(iri);
  if (!own.some((q) => q.predicate.value === P.type && ELEMENT_TYPES.has(q.object.value)) || !own.some((q) => q.predicate.value === P.plan)) return undefined;

  /** An element with its plan, its values (with their fiscal years), and with `quotes`, its and its values' quoted spans. */
  const element = (e: string, quotes: boolean) => {
    const values = objects(e, P.baseline, P.target);
    for (const v of values) for (const period of objects(v, P.refPeriod)) for (const b of objects(period, P.hasBeginning)) take(b);
    if (quotes) for (const s of [e, ...values]) for (const selection of objects(s, ...QUOTE_PREDICATES)) for (const sel of objects(selection, P.hasSelector)) take(sel);
    for (const plan of objects(e, P.plan)) for (const whole of [plan, ...objects(plan, P.isPartOf)]) objects(whole, P.municipality).forEach(take);
  };
  element(iri, true);
  const seen = new Set([iri]);
  for (let p = objects(iri, P.parent)[0]; p !== undefined && !seen.has(p); p = objects(p, P.parent)[0]) {
    seen.add(p);
    element(p, false);
  }
  const inbound = source.inbound(iri);
  for (const q of inbound) if (q.predicate.value === P.parent && q.subject.termType === 'NamedNode') element(q.subject.value, false);
  // The elements of other editions it continues or that continue it (prov:wasRevisionOf), with their plans: the page
  // names each with its plan.
  const revisers = inbound.filter((q) => q.predicate.value === P.revisionOf && q.subject.termType === 'NamedNode').map((q) => q.subject.value);
  for (const other of [...objects(iri, P.revisionOf), ...revisers]) objects(other, P.plan).forEach(take);

  return view();
};

/**
 * The view index of the page of a resource of a municipality that is no plan element, nor a plan or the municipality
 * (what describes a plan: its quotes and their selectors, its published document, versions, periods and series), or
 * undefined for those. `within`: the municipality's IRI. The view holds the resource, every resource its IRI lies
 * under (so a page finds the plan it belongs to), what it points at and what points at it, and for each of these its
 * whole plan, its municipality and its quotes' selectors: every resource such a page names, as in the slice's view
 * (tests/server/lib/element-view.test.ts).
 */
export const resourceViewIndex = (iri: string, within: string, source: ResourceTriples, vocabulary: VocabularyView, urls: SiteUrls): ViewIndex | undefined => {
  const { take, objects, view } = taking(source, vocabulary, urls);

  const own = take(iri);
  if (own.length === 0 || own.some((q) => q.predicate.value === P.type && (WHOLE_VIEW_TYPES.has(q.object.value) || ELEMENT_TYPES.has(q.object.value)))) return undefined;
  const named = new Set([iri]);
  for (let at = iri.slice(0, iri.lastIndexOf('/')); at.startsWith(`${within}/`) || at === within; at = at.slice(0, at.lastIndexOf('/'))) named.add(at);
  for (const q of own) if (q.object.termType === 'NamedNode' && q.object.value.startsWith(`${within}/`)) named.add(q.object.value);
  for (const q of source.inbound(iri)) if (q.subject.termType === 'NamedNode' && q.subject.value.startsWith(`${within}/`)) named.add(q.subject.value);
  for (const r of named) {
    for (const whole of objects(r, P.isPartOf)) take(whole);
    for (const m of objects(r, P.municipality)) take(m);
    for (const selection of objects(r, ...QUOTE_PREDICATES)) for (const sel of objects(selection, P.hasSelector)) take(sel);
    for (const sel of objects(r, P.hasSelector)) take(sel);
  }
  return view();
};

/**
 * The view a page of a municipality's resource is rendered from, made from rows, or undefined when its page needs its
 * slice's whole view (the municipality, its plans and their parts). `within`: the municipality's IRI. An element's
 * own view; a resource under an element (its values, quote selections and selectors: most of a municipality's pages)
 * its owner's, the nearest element above it, which holds every resource such a page names; what describes a plan
 * (its quotes, document, versions, periods, series) resourceViewIndex's.
 */
export const rowsPageView = (iri: string, within: string, source: ResourceTriples, vocabulary: VocabularyView, urls: SiteUrls): ViewIndex | undefined => {
  if (!iri.startsWith(`${within}/`)) return undefined;
  for (let at = iri; at.startsWith(`${within}/`); at = at.slice(0, at.lastIndexOf('/'))) {
    const element = elementViewIndex(at, source, vocabulary, urls);
    if (element) return element;
  }
  return resourceViewIndex(iri, within, source, vocabulary, urls);
};
