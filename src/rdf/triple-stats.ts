// Counts what VoID publishes about a set of triples: triples, entities, classes, properties, distinct subjects and
// objects, instances per class and triples per property. Exact for one graph (tripleStats); for the merge of every
// graph of a national build (MergeStats), one graph at a time in bounded memory.
import type { Quad, Term } from 'n3';
import { HashSet64 } from './hash-set.ts';
import { KNOWN_PREFIXES, RDF } from './vocab.ts';

export interface TripleStats {
  readonly triples: number;
  /** Distinct subject IRIs inside the URI space. */
  readonly entities: number;
  readonly classes: number;
  readonly properties: number;
  readonly distinctSubjects: number;
  readonly distinctObjects: number;
  /** Distinct instances per class, by class IRI (keys sorted). */
  readonly classInstances: Readonly<Record<string, number>>;
  /** Triples per property, by property IRI (keys sorted). */
  readonly propertyTriples: Readonly<Record<string, number>>;
}

const TYPE = `${RDF}type`;
const objectKey = (t: Term) => (t.termType === 'Literal' ? `"${t.value}"@${t.language}^${t.datatype.value}` : `<${t.value}>`);
const sortedRecord = <V>(m: ReadonlyMap<string, V>): Record<string, V> =>
  Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);

/** Stats of distinct triples (one graph's quads, or the RDF merge; not quads with duplicates across graphs). */
export const tripleStats = (triples: readonly Quad[], uriSpace: string): TripleStats => {
  const subjects = new Set<string>();
  const objects = new Set<string>();
  const instances = new Map<string, Set<string>>();
  const properties = new Map<string, number>();
  for (const t of triples) {
    subjects.add(t.subject.value);
    objects.add(objectKey(t.object));
    bump(properties, t.predicate.value);
    if (t.predicate.value === TYPE) (instances.get(t.object.value) ?? instances.set(t.object.value, new Set()).get(t.object.value)!).add(t.subject.value);
  }
  return {
    triples: triples.length,
    entities: [...subjects].filter((s) => s.startsWith(uriSpace)).length,
    classes: instances.size,
    properties: properties.size,
    distinctSubjects: subjects.size,
    distinctObjects: objects.size,
    classInstances: sortedRecord(new Map([...instances].map(([c, s]) => [c, s.size]))),
    propertyTriples: sortedRecord(properties),
  };
};

/** A count VoID publishes beside the statistics: triples of one predicate whose object IRI starts with a namespace. */
export interface LinkCount {
  readonly predicate: string;
  readonly objectSpace: string;
}

export interface MergeTotals extends TripleStats {
  /** The first subject (by IRI) typed with each asked-for class. */
  readonly examples: Readonly<Record<string, string>>;
  /** Distinct link triples, in the order the links were asked for. */
  readonly links: readonly number[];
}

/**
 * The stats of the RDF merge of graphs fed one at a time. Distinct subjects, objects and triples are told apart by a
 * 64-bit hash of their N-Triples form, so memory is 16 bytes a slot instead of the strings: two different triples
 * could share a hash (about once in 10^5 builds of 18M triples), and would then be counted once.
 */
export class MergeStats {
  readonly #triples = new HashSet64();
  readonly #subjects = new HashSet64();
  readonly #objects = new HashSet64();
  readonly #instances = new Map<string, number>();
  readonly #properties = new Map<string, number>();
  readonly #examples = new Map<string, string>();
  readonly #links: number[];
  #entities = 0;

  constructor(
    readonly uriSpace: string,
    readonly exampleClasses: readonly string[],
    readonly linkCounts: readonly LinkCount[],
  ) {
    this.#links = linkCounts.map(() => 0);
  }

  /** One graph's quads (any graph names: only the triples count). */
  add(quads: Iterable<Quad>): void {
    for (const q of quads) {
      const s = q.subject.id;
      const p = q.predicate.value;
      const o = q.object;
      if (!this.#triples.add(`${s} ${q.predicate.id} ${o.id}`)) continue;
      bump(this.#properties, p);
      if (this.#subjects.add(s) && q.subject.termType === 'NamedNode' && q.subject.value.startsWith(this.uriSpace)) this.#entities++;
      this.#objects.add(objectKey(o));
      if (p === TYPE) {
        bump(this.#instances, o.value);
        if (this.exampleClasses.includes(o.value)) {
          const first = this.#examples.get(o.value);
          if (first === undefined || q.subject.value < first) this.#examples.set(o.value, q.subject.value);
        }
      }
      if (o.termType === 'NamedNode')
        this.linkCounts.forEach((l, i) => {
          if (l.predicate === p && o.value.startsWith(l.objectSpace)) this.#links[i]!++;
        });
    }
  }

  totals(): MergeTotals {
    return {
      triples: this.#triples.size,
      entities: this.#entities,
      classes: this.#instances.size,
      properties: this.#properties.size,
      distinctSubjects: this.#subjects.size,
      distinctObjects: this.#objects.size,
      classInstances: sortedRecord(this.#instances),
      propertyTriples: sortedRecord(this.#properties),
      examples: sortedRecord(this.#examples),
      links: [...this.#links],
    };
  }
}

/** Splits a term IRI into a known prefix and local name (longest namespace wins). */
export const splitTerm = (iri: string): { prefix: string; local: string; namespace: string } | undefined => {
  let best: { prefix: string; local: string; namespace: string } | undefined;
  for (const [prefix, namespace] of Object.entries(KNOWN_PREFIXES))
    if (iri.startsWith(namespace) && iri.length > namespace.length && (!best || namespace.length > best.namespace.length))
      best = { prefix, local: iri.slice(namespace.length), namespace };
  return best && /^[A-Za-z0-9_.-]+$/.test(best.local) ? best : undefined;
};
