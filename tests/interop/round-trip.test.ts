// Every kind of RDF answer the site serves, read by a parser other than the one that wrote it, is the graph its Turtle answer is.
import { DataFactory, Parser, type Quad } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toNQuads } from '../../src/rdf/serialize.ts';
import { buildApp } from '../../src/server/index.ts';
import type { Store } from '../../src/store/index.ts';
import type { FastifyInstance } from 'fastify';
import { loadedStore } from '../helpers.ts';
import { parseRdfXml, parseWithPythonRdflib, triplesOf } from '../rdf/second-parsers.ts';
import { BASE, siteFixture, type SiteFixture } from '../site-helpers.ts';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const JPP = 'https://w3id.org/jp-plan/def#';
const QB = 'http://purl.org/linked-data/cube#';

let f: SiteFixture;
let store: Store;
let app: FastifyInstance;
beforeAll(async () => {
  f = await siteFixture();
  // The site with a real store holding the real dataset: the SPARQL answers are about the same data as the documents.
  store = await loadedStore(f.config, toNQuads(f.dataset.quads as Quad[]));
  app = await buildApp(f.config, store, f.dataset.manifest, { site: f.site });
}, 180_000);
afterAll(async () => {
  await app?.close();
  await store?.close();
  await f?.close();
});

/** The path of the first document whose resource has rdf:type `type` (or of the given kind). */
const documentOf = (test: (own: readonly Quad[], kind: string) => boolean): string => {
  for (const path of f.site.documentPaths()) {
    const doc = f.site.document(path)!;
    if (test(doc.own, doc.kind)) return doc.path;
  }
  throw new Error('no such document in the dataset');
};
const typed = (type: string) => (own: readonly Quad[]) => own.some((q) => q.predicate.value === RDF_TYPE && q.object.value === type);

const CONSTRUCT_BNODES = `PREFIX jpp: <${JPP}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT { ?e jpp:parent [ rdfs:label ?l ; jpp:child ?e ] } WHERE { ?e jpp:parent ?p . ?p rdfs:label ?l } ORDER BY ?e LIMIT 40`;

/** Each kind of answer: a name and (once the site is up) the URL that answers it in the format the Accept header asks for. */
const ANSWERS: [string, () => string][] = [
  ['plan', () => `/data/${documentOf(typed(`${JPP}Plan`))}`],
  ['element (measure)', () => `/data/${documentOf(typed(`${JPP}Measure`))}`],
  ['indicator', () => `/data/${documentOf(typed(`${JPP}Indicator`))}`],
  ['Data Cube observation', () => `/data/${documentOf(typed(`${QB}Observation`))}`],
  ['Data Cube data set', () => `/data/${documentOf(typed(`${QB}DataSet`))}`],
  ['municipality', () => `/data/${documentOf(typed(`${JPP}Municipality`))}`],
  ['theme', () => `/data/${documentOf(typed(`${JPP}Theme`))}`],
  ['published document (source text)', () => `/data/${documentOf((_, kind) => kind === 'source')}`],
  ['named graph', () => `/data/${documentOf((_, kind) => kind === 'graph')}`],
  ['ontology term', () => `/data/${documentOf((_, kind) => kind === 'term')}`],
  ['DCAT catalog', () => '/catalog'],
  ['VoID description', () => '/.well-known/void'],
  ['SPARQL Service Description (blank nodes)', () => '/sparql'],
  ['CONSTRUCT answer (blank nodes)', () => `/sparql?query=${encodeURIComponent(CONSTRUCT_BNODES)}`],
  ['DESCRIBE answer', () => `/sparql?query=${encodeURIComponent(`DESCRIBE <${BASE}id/132101>`)}`],
];

/** The quads with the IRI `from` replaced by `to` wherever it is subject or object. */
const renamed = (quads: readonly Quad[], from: string, to: string): Quad[] => {
  const swap = <T extends Quad['subject'] | Quad['object']>(t: T): T => (t.termType === 'NamedNode' && t.value === from ? (DataFactory.namedNode(to) as T) : t);
  return quads.map((q) => DataFactory.quad(swap(q.subject), q.predicate, swap(q.object)));
};

const fetchAs = async (url: string, mediaType: string, ext: string): Promise<string> => {
  // Documents are named by extension; the other answers are negotiated by Accept.
  const r = await app.inject({ method: 'GET', url: url.startsWith('/data/') ? `${url}.${ext}` : url, headers: { accept: mediaType } });
  expect(r.statusCode, `${url} as ${mediaType}`).toBe(200);
  expect(r.headers['content-type']).toMatch(new RegExp(`^${mediaType.replace(/[+]/g, '\\+')}`));
  return r.body;
};

describe('round trip through independent parsers', () => {
  it.each(ANSWERS)('%s: RDF/XML, JSON-LD and N-Triples are the Turtle answer’s graph', async (_, urlOf) => {
    const url = urlOf();
    const turtle = new Parser({ format: 'text/turtle', baseIRI: BASE }).parse(await fetchAs(url, 'text/turtle', 'ttl'));
    expect(turtle.length).toBeGreaterThan(0);
    const xml = await fetchAs(url, 'application/rdf+xml', 'rdf');
    expect(xml).not.toContain('parseType');
    const ld = await fetchAs(url, 'application/ld+json', 'jsonld');
    const nt = await fetchAs(url, 'application/n-triples', 'nt');
    const readings: [string, string, Quad[]][] = [
      ['RDF/XML by rdfxml-streaming-parser', 'rdf', await parseRdfXml(xml, BASE)],
      ['RDF/XML by Python rdflib', 'rdf', await parseWithPythonRdflib(xml, 'xml', BASE)],
      ['JSON-LD by Python rdflib', 'jsonld', await parseWithPythonRdflib(ld, 'json-ld', BASE)],
      ['N-Triples by Python rdflib', 'nt', await parseWithPythonRdflib(nt, 'nt', BASE)],
    ];
    for (const [reader, ext, quads] of readings) {
      // A description describes itself (its own IRI, format and alternates): that IRI is the only difference allowed.
      const graph = url.startsWith('/data/') ? renamed(triplesOf(quads), `${BASE}${url.slice(1)}.${ext}`, `${BASE}${url.slice(1)}.ttl`) : triplesOf(quads);
      expect(graph.length, reader).toBe(turtle.length);
      expect(isomorphic(graph, turtle), reader).toBe(true);
    }
  }, 120_000);
});
