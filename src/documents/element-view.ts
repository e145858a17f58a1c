// The page view of one plan element, made from the resources its page shows (itself, its values and quotes, its
// ancestors, children, plan and municipality) instead of its municipality's whole slice: a few rows instead of
// parsing and indexing every triple of the municipality, which was most of a page's cost.
import type { Quad } from 'n3';
import { ELEMENT_CLASSES } from '../plan/index.ts';
import type { SiteUrls } from '../rdf/uris.ts';
import { JPP, QUOTE_PROPERTIES } from '../rdf/vocab.ts';
import { distinctTriples } from './build-index.ts';
import { baseView, buildViewIndex, layeredViewIndex, VIEW_PREDICATES as P, type BaseView } from './view-index.ts';
import type { ViewIndex } from './view-model.ts';

/** Where the triples of one resource come from. */
export interface ResourceTriples {
  /** Its triples as subject ([] when unknown). */
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

const ELEMENT_TYPES: ReadonlySet<string> = new Set(ELEMENT_CLASSES.map((c) => `${JPP}${c}`));
const QUOTE_PREDICATES = Object.values(QUOTE_PROPERTIES);

/**
 * The view index an element's page reads, or undefined when `iri` is not a plan element (its page needs its slice's
 * view). `vocabulary`: the vocabulary graph (labels of classes, themes and goals; vocabularyView), whose subjects
 * are none of the element's resources. The view holds every resource the page names, with the triples the slice has
 * of them, so the page is the one the slice's view gives (tests/server/lib/element-view.test.ts).
 */
export const elementViewIndex = (iri: string, source: ResourceTriples, vocabulary: VocabularyView, urls: SiteUrls): ViewIndex | undefined => {
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
  for (const q of source.inbound(iri)) if (q.predicate.value === P.parent && q.subject.termType === 'NamedNode') element(q.subject.value, false);

  const quads: Quad[] = [];
  for (const list of taken.values()) for (const q of list) quads.push(q);
  const triples = distinctTriples(quads);
  // The vocabulary's part of the view is made once (~970 triples: 0.3 ms a page, by hand), unless the element's
  // resources describe one of its subjects.
  return (vocabulary.base && layeredViewIndex(vocabulary.base, triples, urls)) ?? buildViewIndex([...vocabulary.triples, ...triples], urls);
};
