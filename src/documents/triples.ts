// A small collector of default-graph triples with typed-literal helpers, for the metadata documents (no blank nodes).
import { DataFactory, type Quad, type Quad_Object } from 'n3';
import { RDF, XSD } from '../rdf/vocab.ts';

const { namedNode, literal, quad } = DataFactory;

export const lang = (value: string, language: string) => literal(value, language);
export const plain = (value: string) => literal(value);
export const typedLiteral = (value: string, xsdLocal: string) => literal(value, namedNode(XSD + xsdLocal));
export const count = (n: number) => typedLiteral(String(n), 'integer');
export const nonNegativeInteger = (n: number) => typedLiteral(String(n), 'nonNegativeInteger');
export const date = (isoDate: string) => typedLiteral(isoDate, 'date');

export class Triples {
  readonly quads: Quad[] = [];
  /** Adds a triple; a string object is an IRI; undefined adds nothing. */
  add(subject: string, predicate: string, object: Quad_Object | string | undefined): this {
    if (object !== undefined) this.quads.push(quad(namedNode(subject), namedNode(predicate), typeof object === 'string' ? namedNode(object) : object));
    return this;
  }
  addAll(subject: string, predicate: string, objects: Iterable<Quad_Object | string>): this {
    for (const o of objects) this.add(subject, predicate, o);
    return this;
  }
  type(subject: string, ...classes: string[]): this {
    return this.addAll(subject, `${RDF}type`, classes);
  }
  /** A ja + en pair of language-tagged literals. */
  localized(subject: string, predicate: string, value: { readonly ja: string; readonly en: string }): this {
    return this.add(subject, predicate, lang(value.ja, 'ja')).add(subject, predicate, lang(value.en, 'en'));
  }
}
