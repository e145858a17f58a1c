// Counts the triples of each named graph in an N-Quads text: what a loaded instance must hold, graph by graph.
import { Parser } from 'n3';
import { StoreError } from '../store.ts';

export const graphCounts = (nquads: string): Map<string, number> => {
  const seen = new Map<string, Set<string>>();
  const parser = new Parser({ format: 'N-Quads' });
  for (const q of parser.parse(nquads)) {
    if (q.graph.termType !== 'NamedNode') throw new StoreError('unavailable', 'the dataset has triples outside a named graph; every triple of a build belongs to a named graph');
    let set = seen.get(q.graph.value);
    if (!set) seen.set(q.graph.value, (set = new Set()));
    set.add(`${q.subject.id} ${q.predicate.id} ${q.object.id}`);
  }
  return new Map([...seen].map(([g, s]) => [g, s.size]));
};
