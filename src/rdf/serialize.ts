// Writes quads as sorted N-Quads, N-Triples, TriG, Turtle, JSON-LD and RDF/XML with the prefixes they use, byte-identically for the same quads.
import jsonld from 'jsonld';
import { DataFactory, Writer, type Quad, type Term } from 'n3';
import { toRdfXml } from './rdf-xml.ts';
import { PREFIXES } from './vocab.ts';

type Prefixes = Readonly<Record<string, string>>;

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

/** The prefixes (in their given order) whose namespace some IRI of the quads starts with. */
export const usedPrefixes = (quads: readonly Quad[], prefixes: Prefixes = PREFIXES): Record<string, string> => {
  const iris = new Set<string>();
  const visit = (t: Term) => {
    if (t.termType === 'NamedNode') iris.add(t.value);
    else if (t.termType === 'Literal') iris.add(t.datatype.value);
  };
  for (const q of quads) [q.subject, q.predicate, q.object, q.graph].forEach(visit);
  const namespaces = Object.entries(prefixes);
  const used = new Set<string>();
  for (const iri of iris) for (const [prefix, ns] of namespaces) if (iri.startsWith(ns)) used.add(prefix);
  return Object.fromEntries(namespaces.filter(([prefix]) => used.has(prefix)));
};

export const toNQuads = (sorted: readonly Quad[]): string => sorted.map((q) => quadLine(q) + '\n').join('');
/** N-Triples of the quads' triples (graph names dropped). */
export const toNTriples = (sorted: readonly Quad[]): string =>
  sorted.map((q) => nquadWriter.quadToString(q.subject, q.predicate, q.object)).join('');

const write = (quads: readonly Quad[], format: 'TriG' | 'Turtle', prefixes: Prefixes): Promise<string> =>
  new Promise((resolve, reject) => {
    const writer = new Writer({ format, prefixes: usedPrefixes(quads, prefixes) });
    const asTriples = format === 'Turtle';
    for (const q of quads) writer.addQuad(asTriples ? DataFactory.quad(q.subject, q.predicate, q.object) : q);
    writer.end((error, result: string) => (error ? reject(error) : resolve(result)));
  });

export const toTrig = (sorted: readonly Quad[], prefixes: Prefixes = PREFIXES): Promise<string> => write(sorted, 'TriG', prefixes);
/** Turtle of the quads' triples (graph names dropped). */
export const toTurtle = (sorted: readonly Quad[], prefixes: Prefixes = PREFIXES): Promise<string> => write(sorted, 'Turtle', prefixes);

/** JSON-LD (one @graph per named graph) compacted with the prefixes the quads use. */
export const toJsonLd = async (sorted: readonly Quad[], prefixes: Prefixes = PREFIXES): Promise<string> => {
  const expanded = await jsonld.fromRDF(toNQuads(sorted), { format: 'application/n-quads' });
  const compacted = await jsonld.compact(expanded, { '@context': usedPrefixes(sorted, prefixes) } as jsonld.ContextDefinition);
  return JSON.stringify(compacted, null, 2) + '\n';
};

export const RDF_MEDIA_TYPES = [
  'text/turtle',
  'application/n-triples',
  'application/n-quads',
  'application/trig',
  'application/ld+json',
  'application/rdf+xml',
] as const;
export type RdfMediaType = (typeof RDF_MEDIA_TYPES)[number];

/** Formats without named graphs: quads are written as their triples. */
const TRIPLES_ONLY: ReadonlySet<RdfMediaType> = new Set(['text/turtle', 'application/n-triples', 'application/rdf+xml']);

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
  if (TRIPLES_ONLY.has(mediaType)) {
    const seen = new Map<string, Quad>();
    for (const q of sorted) {
      const key = `${termKey(q.subject)} ${termKey(q.predicate)} ${termKey(q.object)}`;
      if (!seen.has(key)) seen.set(key, q.graph.termType === 'DefaultGraph' ? q : DataFactory.quad(q.subject, q.predicate, q.object));
    }
    sorted = [...seen.values()];
  }
  sorted.sort(byGraphSubjectPredicateObject);
  switch (mediaType) {
    case 'text/turtle':
      return toTurtle(sorted, prefixes);
    case 'application/trig':
      return toTrig(sorted, prefixes);
    case 'application/n-triples':
      return toNTriples(sorted);
    case 'application/n-quads':
      return toNQuads(sorted);
    case 'application/ld+json':
      return toJsonLd(sorted, prefixes);
    case 'application/rdf+xml':
      return toRdfXml(sorted, usedPrefixes(sorted, prefixes));
  }
};

