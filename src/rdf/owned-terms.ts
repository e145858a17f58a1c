// Terms that outlive the text they were parsed from. A term's string from the N3 lexer is a slice of the whole text, and
// V8 keeps the text alive for as long as any slice of it is: a converter keeping a few labels and IRIs of each of 1,788
// graphs kept every graph's text (7 MB each, measured), and ran out of heap; a server keeping a slice's quads kept its
// N-Quads (the shared slice's 29.5 MB of two-byte text for 100 synthetic bodies). The terms made here own their strings.
import { DataFactory, Parser, type Quad, type Term } from 'n3';
import { parseLines } from './line-syntax.ts';

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

/** A term table: each distinct term made once (one object however often it occurs), from owned strings. */
const termTable = () => {
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
  return term;
};

/**
 * Quads to be kept: each distinct term made once (one object however often it occurs) from owned strings. For quads
 * already parsed, and read often: the server's vocabulary.
 */
export const compactQuads = (quads: readonly Quad[]): Quad[] => {
  const term = termTable();
  return quads.map((q) => DataFactory.quad(term(q.subject), term(q.predicate), term(q.object), term(q.graph)));
};

/** N-Quads text parsed a chunk of whole lines at a time (about this many bytes). */
const CHUNK_BYTES = 1 << 20;

/**
 * The distinct triples (the RDF merge: graphs dropped, the first of equal triples kept, in the order first met) of
 * quads and N-Quads files, kept compact (see compactQuads). A file is parsed a chunk of lines at a time, so its text
 * is never one string and each chunk's terms are garbage once copied: for the national shared slice (42 MB) 330
 * instead of 470 MB peak RSS. Equal terms are one object here, so a triple is distinct by its three terms' identity.
 */
export class CompactTriples {
  readonly #term = termTable();
  readonly #seen = new Map<Term, Map<Term, Set<Term>>>();
  #files = 0;
  readonly triples: Quad[] = [];

  add(quads: Iterable<Quad>): this {
    for (const q of quads) {
      const s = this.#term(q.subject);
      const p = this.#term(q.predicate);
      const o = this.#term(q.object);
      let byPredicate = this.#seen.get(s);
      if (!byPredicate) this.#seen.set(s, (byPredicate = new Map()));
      let objects = byPredicate.get(p);
      if (!objects) byPredicate.set(p, (objects = new Set()));
      if (objects.has(o)) continue;
      objects.add(o);
      this.triples.push(DataFactory.quad(s, p, o));
    }
    return this;
  }

  /**
   * Adds the quads of an N-Quads file. A line is a whole statement, so the text is cut at line ends. A blank node label
   * is scoped to its file, as in N-Quads: one node across the file's chunks (a parser's own prefix would differ from
   * chunk to chunk), another in another file; the file's number is the prefix.
   */
  addNQuads(bytes: Buffer, chunkBytes = CHUNK_BYTES): this {
    const blankNodePrefix = `f${this.#files++}_`;
    let line = 1;
    for (let start = 0; start < bytes.length; ) {
      let end = Math.min(bytes.length, start + chunkBytes);
      if (end < bytes.length) {
        const newline = bytes.indexOf(10, end - 1);
        end = newline < 0 ? bytes.length : newline + 1;
      }
      const text = bytes.toString('utf8', start, end);
      try {
        this.add(parseLines(text, 'N-Quads', blankNodePrefix));
      } catch (e) {
        // The parser counts lines from its chunk's start.
        throw new Error((e as Error).message.replace(/on line (\d+)/, (_, n: string) => `on line ${line + Number(n) - 1}`));
      }
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line++;
      start = end;
    }
    return this;
  }
}
