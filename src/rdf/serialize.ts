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
/**
 * A quad's sort key, made once (a comparator that made it would make it ~2 log n times): graph, subject, predicate and
 * object keys joined by U+0000, which no IRI holds, so comparing keys compares the four terms in that order.
 */
const quadKey = (q: Quad): string => `${termKey(q.graph)}\0${termKey(q.subject)}\0${termKey(q.predicate)}\0${termKey(q.object)}`;

/** Serializes quads, sorted for stable output; triple-only formats drop graph names (and duplicates). */
export const serializeQuads = async (quads: readonly Quad[], mediaType: RdfMediaType, options: SerializeOptions = {}): Promise<string> => {
  const prefixes = { ...PREFIXES, ...options.prefixes };
  const format = rdfFormatOf(mediaType);
  if (!format) throw new Error(`no RDF syntax for ${mediaType}`);
  const entries: [string, Quad][] = [];
  const seen = new Set<string>();
  for (const q of quads) {
    const quad = format.namedGraphs || q.graph.termType === 'DefaultGraph' ? q : DataFactory.quad(q.subject, q.predicate, q.object);
    const key = quadKey(quad);
    // A triple format keeps one of equal triples; a quad format every quad given.
    if (!format.namedGraphs) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    entries.push([key, quad]);
  }
  const sorted = entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, q]) => q);
  return format.write(sorted, prefixes);
};
