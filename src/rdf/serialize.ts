// Serializes quads in any RDF syntax of the table (formats.ts), sorted, so the same quads give the same bytes.
import { DataFactory, type Quad, type Term } from 'n3';
import { rdfFormatOf, type RdfMediaType } from './formats.ts';
import { PREFIXES } from './vocab.ts';

export { RDF_MEDIA_TYPES, type RdfMediaType } from './formats.ts';
export { quadLine, tripleLine, sortQuads, toJsonLd, toNQuads, toNTriples, toTrig, toTurtle, usedPrefixes } from './writers.ts';

export interface SerializeOptions {
  /** Prefixes added to the project's PREFIXES (e.g. sd, void for a service description). */
  readonly prefixes?: Readonly<Record<string, string>>;
}

const termKey = (t: Term): string => `${t.termType[0]}${t.value}${t.termType === 'Literal' ? `@${t.language}^${t.datatype.value}` : ''}`;
const byGraphSubjectPredicateObject = (a: Quad, b: Quad): number => {
  for (const k of ['graph', 'subject', 'predicate', 'object'] as const) {
    const x = termKey(a[k]);
    const y = termKey(b[k]);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
};

/** Serializes quads, sorted for stable output; triple-only formats drop graph names (and duplicates). */
export const serializeQuads = async (quads: readonly Quad[], mediaType: RdfMediaType, options: SerializeOptions = {}): Promise<string> => {
  const prefixes = { ...PREFIXES, ...options.prefixes };
  let sorted = [...quads];
  const format = rdfFormatOf(mediaType);
  if (!format) throw new Error(`no RDF syntax for ${mediaType}`);
  if (!format.namedGraphs) {
    const seen = new Map<string, Quad>();
    for (const q of sorted) {
      const key = `${termKey(q.subject)} ${termKey(q.predicate)} ${termKey(q.object)}`;
      if (!seen.has(key)) seen.set(key, q.graph.termType === 'DefaultGraph' ? q : DataFactory.quad(q.subject, q.predicate, q.object));
    }
    sorted = [...seen.values()];
  }
  sorted.sort(byGraphSubjectPredicateObject);
  return format.write(sorted, prefixes);
};
