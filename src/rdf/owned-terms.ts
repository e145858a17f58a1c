// Parsing a text whose terms may outlive it. A term's string from the N3 lexer is a slice of the whole text, and V8
// keeps the text alive for as long as any slice of it is: a converter keeping a few labels and IRIs of each of 1,788
// graphs kept every graph's text (7 MB each, measured), and ran out of heap. The terms made here own their strings.
import { DataFactory, Parser, type Quad } from 'n3';

/** A copy of the string that shares no memory with it (V8 flattens a concatenation into a new string before slicing it). */
export const ownString = (s: string): string => (` ${s}`).slice(1);

type Factory = typeof DataFactory;

/** N3's DataFactory, but every string a term is made of is copied first. */
const ownedFactory: Factory = {
  ...DataFactory,
  namedNode: (iri) => DataFactory.namedNode(ownString(iri)),
  blankNode: (name) => DataFactory.blankNode(name === undefined ? undefined : ownString(name)),
  literal: (value, languageOrDatatype) =>
    DataFactory.literal(typeof value === 'string' ? ownString(value) : value, typeof languageOrDatatype === 'string' ? ownString(languageOrDatatype) : languageOrDatatype),
} as Factory;

/** N-Quads parsed into quads that hold no reference to the text. */
export const parseOwnedNQuads = (text: string): Quad[] => new Parser({ format: 'N-Quads', factory: ownedFactory }).parse(text);
