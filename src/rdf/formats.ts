// The one table of RDF syntaxes: for each, its media type, extension, names, W3C format IRI, charset rule, whether it carries named graphs, and its writer.
import type { Quad } from 'n3';
import { toRdfXml } from './rdf-xml.ts';
import { toJsonLd, toNQuads, toNTriples, toTrig, toTurtle, usedPrefixes } from './writers.ts';
import { FORMATS } from './vocab.ts';

type Prefixes = Readonly<Record<string, string>>;

export interface RdfSyntax {
  /** File extension, also the first `?format=` name. */
  readonly ext: string;
  readonly mediaType: string;
  /** Other media types a client may ask for to get this one (e.g. application/json). */
  readonly alsoAccepts: readonly string[];
  /** `?format=` short names (the extension first). */
  readonly names: readonly string[];
  readonly label: string;
  /** The W3C format IRI (http://www.w3.org/ns/formats/…), for sd:resultFormat. */
  readonly formatIri: string;
  /** Code in the EU file-type authority table (dct:format in DCAT-AP). */
  readonly euFileType: string;
  /** True when the Content-Type carries `; charset=utf-8` (text/* types; the others are UTF-8 by definition). */
  readonly charset: boolean;
  /** True when the syntax carries named graphs; otherwise quads are written as their triples. */
  readonly namedGraphs: boolean;
  /** True when every resource description is served in it (and listed in their Link headers). */
  readonly forDocuments: boolean;
  /** Writes quads already sorted (and, for triples-only syntaxes, without graph names or duplicates). */
  readonly write: (sorted: readonly Quad[], prefixes: Prefixes) => string | Promise<string>;
}

/** In the order documents list them; Turtle first, the default of every negotiation. */
export const RDF_FORMATS = {
  ttl: {
    ext: 'ttl', mediaType: 'text/turtle', alsoAccepts: ['application/x-turtle'], names: ['ttl', 'turtle'], label: 'Turtle',
    formatIri: `${FORMATS}Turtle`, euFileType: 'RDF_TURTLE', charset: true, namedGraphs: false, forDocuments: true, write: toTurtle,
  },
  jsonld: {
    ext: 'jsonld', mediaType: 'application/ld+json', alsoAccepts: ['application/json'], names: ['jsonld', 'json'], label: 'JSON-LD',
    formatIri: `${FORMATS}JSON-LD`, euFileType: 'JSON_LD', charset: false, namedGraphs: true, forDocuments: true, write: toJsonLd,
  },
  nt: {
    ext: 'nt', mediaType: 'application/n-triples', alsoAccepts: [], names: ['nt', 'ntriples'], label: 'N-Triples',
    formatIri: `${FORMATS}N-Triples`, euFileType: 'RDF_N_TRIPLES', charset: false, namedGraphs: false, forDocuments: true, write: (q) => toNTriples(q),
  },
  rdf: {
    ext: 'rdf', mediaType: 'application/rdf+xml', alsoAccepts: [], names: ['rdf', 'rdfxml', 'xml'], label: 'RDF/XML',
    formatIri: `${FORMATS}RDF_XML`, euFileType: 'RDF_XML', charset: false, namedGraphs: false, forDocuments: true,
    write: (q, prefixes) => toRdfXml(q, usedPrefixes(q, prefixes)),
  },
  nq: {
    ext: 'nq', mediaType: 'application/n-quads', alsoAccepts: [], names: ['nq', 'nquads'], label: 'N-Quads',
    formatIri: `${FORMATS}N-Quads`, euFileType: 'RDF_N_QUADS', charset: false, namedGraphs: true, forDocuments: false, write: (q) => toNQuads(q),
  },
  trig: {
    ext: 'trig', mediaType: 'application/trig', alsoAccepts: [], names: ['trig'], label: 'TriG',
    formatIri: `${FORMATS}TriG`, euFileType: 'RDF_TRIG', charset: false, namedGraphs: true, forDocuments: false, write: toTrig,
  },
} as const satisfies Record<string, RdfSyntax>;
export type RdfExt = keyof typeof RDF_FORMATS;
export type RdfMediaType = (typeof RDF_FORMATS)[RdfExt]['mediaType'];

export const RDF_EXTS = Object.keys(RDF_FORMATS) as RdfExt[];
export const RDF_MEDIA_TYPES: readonly RdfMediaType[] = RDF_EXTS.map((e) => RDF_FORMATS[e].mediaType);

/** The syntax of a media type, if it is one of ours. */
export const rdfFormatOf = (mediaType: string): RdfSyntax | undefined => RDF_EXTS.map((e) => RDF_FORMATS[e]).find((f) => f.mediaType === mediaType);
