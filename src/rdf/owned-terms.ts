// Terms that outlive the text they were parsed from. A term's string from the N3 lexer is a slice of the whole text, and
// V8 keeps the text alive for as long as any slice of it is: a converter keeping a few labels and IRIs of each of 1,788
// graphs kept every graph's text (7 MB each, measured), and ran out of heap; a server keeping a slice's quads kept its
// N-Quads (the shared slice's 29.5 MB of two-byte text for 100 synthetic bodies). The terms made here own their strings.
import { DataFactory, Parser, type Quad, type Term } from 'n3';

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

/**
 * Quads to be kept: each distinct term made once (one object however often it occurs) from owned strings. For quads
 * already parsed, and read often: the server's slices and vocabulary.
 */
export const compactQuads = (quads: readonly Quad[]): Quad[] => {
  const terms = new Map<string, Term>();
  const term = <T extends Term>(t: T): T => {
    if (t.termType === 'DefaultGraph') return DataFactory.defaultGraph() as T;
    // A literal's key is its whole form, so that equal keys mean equal terms.
    const key = t.termType === 'Literal' ? `"${t.value}"@${t.language}^^${t.datatype.value}` : `${t.termType[0]}${t.value}`;
    let made = terms.get(key);
    if (!made) {
      if (t.termType === 'NamedNode') made = DataFactory.namedNode(ownString(t.value));
      else if (t.termType === 'BlankNode') made = DataFactory.blankNode(ownString(t.value));
      else if (t.termType === 'Literal') made = DataFactory.literal(ownString(t.value), t.language === '' ? term(t.datatype) : t.language);
      else made = t;
      terms.set(ownString(key), made);
    }
    return made as T;
  };
  return quads.map((q) => DataFactory.quad(term(q.subject), term(q.predicate), term(q.object), term(q.graph)));
};
