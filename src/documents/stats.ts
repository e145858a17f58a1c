// Counts what VoID publishes about a set of triples: triples, entities, classes, properties, distinct subjects/objects.
import type { Quad, Term } from 'n3';
import { KNOWN_PREFIXES, RDF } from '../rdf/vocab.ts';

export interface TripleStats {
  readonly triples: number;
  /** Distinct subject IRIs inside the URI space. */
  readonly entities: number;
  readonly classes: number;
  readonly properties: number;
  readonly distinctSubjects: number;
  readonly distinctObjects: number;
  /** Distinct instances per class, sorted by class IRI. */
  readonly classInstances: ReadonlyMap<string, number>;
  /** Triples per property, sorted by property IRI. */
  readonly propertyTriples: ReadonlyMap<string, number>;
}

const objectKey = (t: Term) => (t.termType === 'Literal' ? `"${t.value}"@${t.language}^${t.datatype.value}` : `<${t.value}>`);
const sorted = <V>(m: Map<string, V>) => new Map([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Stats of distinct triples (pass the RDF merge, not quads with duplicates across graphs). */
export const tripleStats = (triples: readonly Quad[], uriSpace: string): TripleStats => {
  const subjects = new Set<string>();
  const objects = new Set<string>();
  const instances = new Map<string, Set<string>>();
  const properties = new Map<string, number>();
  for (const t of triples) {
    subjects.add(t.subject.value);
    objects.add(objectKey(t.object));
    properties.set(t.predicate.value, (properties.get(t.predicate.value) ?? 0) + 1);
    if (t.predicate.value === `${RDF}type`) {
      const set = instances.get(t.object.value) ?? instances.set(t.object.value, new Set()).get(t.object.value)!;
      set.add(t.subject.value);
    }
  }
  return {
    triples: triples.length,
    entities: [...subjects].filter((s) => s.startsWith(uriSpace)).length,
    classes: instances.size,
    properties: properties.size,
    distinctSubjects: subjects.size,
    distinctObjects: objects.size,
    classInstances: sorted(new Map([...instances].map(([c, s]) => [c, s.size]))),
    propertyTriples: sorted(properties),
  };
};

/** Splits a term IRI into a known prefix and local name (longest namespace wins). */
export const splitTerm = (iri: string): { prefix: string; local: string; namespace: string } | undefined => {
  let best: { prefix: string; local: string; namespace: string } | undefined;
  for (const [prefix, namespace] of Object.entries(KNOWN_PREFIXES))
    if (iri.startsWith(namespace) && iri.length > namespace.length && (!best || namespace.length > best.namespace.length))
      best = { prefix, local: iri.slice(namespace.length), namespace };
  return best && /^[A-Za-z0-9_.-]+$/.test(best.local) ? best : undefined;
};
