// Writes quads as sorted N-Quads, TriG, Turtle and JSON-LD with the project's prefixes, byte-identically for the same quads.
import jsonld from 'jsonld';
import { DataFactory, Writer, type Quad } from 'n3';
import { PREFIXES } from './vocab.ts';

const nquadWriter = new Writer({ format: 'N-Quads' });
/** One N-Quads line (without newline) for a quad. */
export const quadLine = (q: Quad): string => nquadWriter.quadToString(q.subject, q.predicate, q.object, q.graph).trimEnd();

/** Sorts by graph, subject, predicate, object (as N-Quads terms), and drops duplicates. */
export const sortQuads = (quads: readonly Quad[]): Quad[] => {
  const keyed = new Map<string, Quad>();
  for (const q of quads) {
    const key = [q.graph, q.subject, q.predicate].map((t) => t.value).join('\u0000') + '\u0000' + quadLine(q);
    keyed.set(key, q);
  }
  return [...keyed.keys()].sort().map((k) => keyed.get(k)!);
};

export const toNQuads = (sorted: readonly Quad[]): string => sorted.map((q) => quadLine(q) + '\n').join('');

const write = (quads: readonly Quad[], format: 'TriG' | 'Turtle'): Promise<string> =>
  new Promise((resolve, reject) => {
    const writer = new Writer({ format, prefixes: { ...PREFIXES } });
    const asTriples = format === 'Turtle';
    for (const q of quads) writer.addQuad(asTriples ? DataFactory.quad(q.subject, q.predicate, q.object) : q);
    writer.end((error, result: string) => (error ? reject(error) : resolve(result)));
  });

export const toTrig = (sorted: readonly Quad[]): Promise<string> => write(sorted, 'TriG');
/** Turtle of the quads' triples (graph names dropped). */
export const toTurtle = (sorted: readonly Quad[]): Promise<string> => write(sorted, 'Turtle');

/** JSON-LD (one @graph per named graph) compacted with the project prefixes. */
export const toJsonLd = async (sorted: readonly Quad[]): Promise<string> => {
  const expanded = await jsonld.fromRDF(toNQuads(sorted), { format: 'application/n-quads' });
  const compacted = await jsonld.compact(expanded, { '@context': { ...PREFIXES } } as jsonld.ContextDefinition);
  return JSON.stringify(compacted, null, 2) + '\n';
};
