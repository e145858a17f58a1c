// A document made from its slice's stored rows (convert/document-rows.ts) and the vocabulary graph, which is part of
// every slice: the same document the slice's index makes (build-index.ts), from a few small reads.
import { Parser, type Quad } from 'n3';
import { RDF } from '../rdf/vocab.ts';
import { describeResource, distinctTriples, type NameSource } from './build-index.ts';
import { LABEL_PREDICATES } from './labels.ts';
import type { ResourceDocument } from './model.ts';

const TYPE = `${RDF}type`;

/** One slice's rows of a resource, as N-Triples text ('' when none). */
export interface SliceRows {
  /** Triples with the resource as subject, and with it as object (rdf:type left out). */
  triples(iri: string): { readonly own: string; readonly inbound: string };
  /** Its labels and types. */
  names(iri: string): string;
}

const isLabel = (t: Quad) => LABEL_PREDICATES.has(t.predicate.value) && t.object.termType === 'Literal';
const push = (map: Map<string, Quad[]>, key: string, q: Quad) => {
  const list = map.get(key);
  if (list) list.push(q);
  else map.set(key, [q]);
};

/** The vocabulary graph's triples, indexed as a slice's document index would (made once per build). */
export class VocabularyRows {
  readonly #own = new Map<string, Quad[]>();
  readonly #inbound = new Map<string, Quad[]>();
  readonly #names = new Map<string, Quad[]>();
  constructor(quads: readonly Quad[]) {
    for (const t of distinctTriples(quads)) {
      if (t.subject.termType !== 'NamedNode') continue;
      push(this.#own, t.subject.value, t);
      if (t.object.termType === 'NamedNode' && t.predicate.value !== TYPE) push(this.#inbound, t.object.value, t);
      if (isLabel(t) || t.predicate.value === TYPE) push(this.#names, t.subject.value, t);
    }
  }
  own = (iri: string): readonly Quad[] => this.#own.get(iri) ?? [];
  inbound = (iri: string): readonly Quad[] => this.#inbound.get(iri) ?? [];
  names = (iri: string): readonly Quad[] => this.#names.get(iri) ?? [];
}

const parse = (text: string): Quad[] => (text === '' ? [] : new Parser({ format: 'N-Triples' }).parse(text));

/** The document of `iri` (at `path`) from its slice's rows, or undefined when the slice says nothing of it. */
export const documentFromRows = (iri: string, path: string, rows: SliceRows, vocabulary: VocabularyRows): ResourceDocument | undefined => {
  const stored = rows.triples(iri);
  const own = distinctTriples([...vocabulary.own(iri), ...parse(stored.own)]);
  const inbound = distinctTriples([...vocabulary.inbound(iri), ...parse(stored.inbound)]);
  if (own.length === 0 && inbound.length === 0) return undefined;
  const named = new Map<string, { labels: Quad[]; types: Quad[] }>();
  const namesOf = (m: string) => {
    let n = named.get(m);
    if (!n) {
      const all = distinctTriples([...vocabulary.names(m), ...parse(rows.names(m))]);
      named.set(m, (n = { labels: all.filter(isLabel), types: all.filter((t) => t.predicate.value === TYPE) }));
    }
    return n;
  };
  const names: NameSource = { labels: (m) => namesOf(m).labels, types: (m) => namesOf(m).types };
  return describeResource(iri, path, own, inbound, names);
};
