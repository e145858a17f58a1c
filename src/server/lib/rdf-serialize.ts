// Writes quads in any RDF format the server offers: sorted, with the prefixes they use (RDF/XML here, the rest via rdf/serialize.ts).
import { DataFactory, type Quad, type Term } from 'n3';
import { toJsonLd, toNQuads, toNTriples, toTrig, toTurtle, usedPrefixes } from '../../rdf/serialize.ts';
import { PREFIXES } from '../../rdf/vocab.ts';

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

const toRdfXml = async (quads: readonly Quad[], prefixes: Record<string, string>): Promise<string> => {
  const rdflib = await import('rdflib');
  const graph = rdflib.graph();
  for (const [prefix, iri] of Object.entries(prefixes)) graph.setPrefixForURI(prefix, iri);
  const node = (t: Term) => {
    if (t.termType === 'BlankNode') return rdflib.blankNode(t.value);
    if (t.termType === 'Literal') return rdflib.lit(t.value, t.language || undefined, t.language ? undefined : rdflib.sym(t.datatype.value));
    return rdflib.sym(t.value);
  };
  for (const q of quads) graph.add(node(q.subject) as never, node(q.predicate) as never, node(q.object) as never);
  const out = rdflib.serialize(null, graph, undefined, 'application/rdf+xml');
  if (out === undefined) throw new Error('RDF/XML serialization produced nothing');
  // rdflib writes a node element without properties as <x rdf:about="…">WHITESPACE</x>, which rdflib's own parser
  // reads back as an rdf:value literal; close such node elements empty. (Property elements never carry rdf:about,
  // so whitespace-only literals are untouched.)
  return out.replace(/(<([A-Za-z_][\w.-]*:[A-Za-z_][\w.-]*) rdf:about="[^"]*")>\s*<\/\2>/g, '$1/>');
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

