// Quads parsed from a text hold slices of it: N3.js takes term values out of its input, and V8 keeps a substring of 13
// or more characters as a view into its parent, so one kept term keeps the whole text alive (the shared slice's
// N-Quads, 29.5 MB of two-byte text for 100 synthetic bodies, stayed in the heap for as long as its pages did).
// compactQuads rebuilds quads to be kept: each distinct term made once, from a copy of its value.
import { DataFactory, type Quad, type Term } from 'n3';

const { namedNode, blankNode, literal, quad, defaultGraph } = DataFactory;

/** A new string decoded from the value's bytes: shares nothing with the text, and takes one byte a character when it can. */
const own = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');

/** Rebuilds `quads` with one term object per distinct term and values that keep no parsed text alive. */
export const compactQuads = (quads: readonly Quad[]): Quad[] => {
  const terms = new Map<string, Term>();
  const term = <T extends Term>(t: T): T => {
    if (t.termType === 'DefaultGraph') return defaultGraph() as T;
    // A literal's key is its whole N-Triples-like form, so that equal keys mean equal terms.
    const key = t.termType === 'Literal' ? `"${t.value}"@${t.language}^^${t.datatype.value}` : `${t.termType[0]}${t.value}`;
    let made = terms.get(key);
    if (!made) {
      if (t.termType === 'NamedNode') made = namedNode(own(t.value));
      else if (t.termType === 'BlankNode') made = blankNode(own(t.value));
      else if (t.termType === 'Literal') made = literal(own(t.value), t.language === '' ? (term(t.datatype)) : t.language);
      else made = t;
      terms.set(own(key), made);
    }
    return made as T;
  };
  return quads.map((q) => quad(term(q.subject), term(q.predicate), term(q.object), term(q.graph)));
};
