// Small helpers to build RDF/JS terms and quads with n3's DataFactory, typed literals included.
import { DataFactory, type NamedNode, type Quad, type Quad_Object } from 'n3';
import type { Localized } from '../plan/model.ts';
import { RDF, XSD } from './vocab.ts';

const { namedNode, literal, quad, defaultGraph } = DataFactory;

export const lang = (value: string, language: string) => literal(value, language);
export const ja = (value: string) => literal(value, 'ja');
const en = (value: string) => literal(value, 'en');
export const str = (value: string) => literal(value);
export const typed = (value: string, datatype: string) => literal(value, namedNode(XSD + datatype));
export const integer = (n: number) => typed(String(n), 'integer');
export const nonNegative = (n: number) => typed(String(n), 'nonNegativeInteger');
export const date = (isoDate: string) => typed(isoDate, 'date');
/**
 * xsd:decimal in its XSD 1.1 canonical form (100 → "100", 84.9 → "84.9", never an exponent): the form stores that keep
 * numbers by value (Oxigraph, the embedded engine; Jena's TDB2) give back, so the endpoint answers with the very terms
 * of the dumps and documents.
 */
export const decimal = (n: number) => {
  if (!Number.isFinite(n)) throw new RangeError(`${n} is not an xsd:decimal`);
  const plain = /e/i.test(String(n)) ? n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : String(n);
  return typed(plain === '-0' ? '0' : plain, 'decimal');
};

/**
 * Collects the quads of one named graph (or of the default graph when no graph IRI is given). An IRI used again gets
 * the same term: the quads of a graph held in memory (the server's catalog) share their IRIs' terms.
 */
export class GraphWriter {
  readonly quads: Quad[] = [];
  private readonly graph;
  readonly #nodes = new Map<string, NamedNode>();
  constructor(graphIri?: string) {
    this.graph = graphIri === undefined ? defaultGraph() : namedNode(graphIri);
  }
  #node(iri: string): NamedNode {
    let node = this.#nodes.get(iri);
    if (!node) this.#nodes.set(iri, (node = namedNode(iri)));
    return node;
  }
  add(subject: string, predicate: string, object: Quad_Object | string | undefined): this {
    if (object === undefined) return this;
    const o = typeof object === 'string' ? this.#node(object) : object;
    this.quads.push(quad(this.#node(subject), this.#node(predicate), o, this.graph));
    return this;
  }
  addAll(subject: string, predicate: string, objects: Iterable<Quad_Object | string>): this {
    for (const o of objects) this.add(subject, predicate, o);
    return this;
  }
  type(subject: string, ...classes: string[]): this {
    return this.addAll(subject, RDF + 'type', classes);
  }
  /** A ja + en pair of language-tagged literals. */
  localized(subject: string, predicate: string, value: Localized): this {
    return this.add(subject, predicate, ja(value.ja)).add(subject, predicate, en(value.en));
  }
}
