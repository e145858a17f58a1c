// Serializes quads in any RDF syntax of the table (formats.ts), sorted, so the same quads give the same bytes.
import { DataFactory, type Quad } from 'n3';
import { rdfFormatOf, type RdfMediaType } from './formats.ts';
import { PREFIXES } from './vocab.ts';
import { sortQuads } from './writers.ts';

export { RDF_MEDIA_TYPES, type RdfMediaType } from './formats.ts';
export { quadLine, tripleLine, sortQuads, toJsonLd, toNQuads, toNTriples, toTrig, toTurtle, usedPrefixes } from './writers.ts';

export interface SerializeOptions {
  /** Prefixes added to the project's PREFIXES (e.g. sd, void for a service description). */
  readonly prefixes?: Readonly<Record<string, string>>;
}

/** Serializes quads, sorted for stable output (sortQuads, the order of the build's files); triple-only formats drop graph names (and duplicates). */
export const serializeQuads = async (quads: readonly Quad[], mediaType: RdfMediaType, options: SerializeOptions = {}): Promise<string> => {
  const prefixes = { ...PREFIXES, ...options.prefixes };
  const format = rdfFormatOf(mediaType);
  if (!format) throw new Error(`no RDF syntax for ${mediaType}`);
  const sorted = sortQuads(format.namedGraphs ? quads : quads.map((q) => (q.graph.termType === 'DefaultGraph' ? q : DataFactory.quad(q.subject, q.predicate, q.object))));
  return format.write(sorted, prefixes);
};
