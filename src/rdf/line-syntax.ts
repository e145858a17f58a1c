// N-Triples and N-Quads read as N3's parser reads them, quicker for the lines N3's writer writes. Every document and
// element page reads a few dozen stored rows (documents.sqlite: N-Triples lines our converter wrote with N3's writer),
// and a slice its graphs' N-Quads files; N3's general parser (a lexer and a grammar for Turtle, N3 and TriG) took a
// tenth of an element page's time on 1,131 synthetic bodies, and what it allocates survived V8's young-generation
// collections, doubling a page's garbage-collection time (by hand: 1.02 → 0.56 ms a page). A line of the writer's form
// (IRIs without escapes, a literal with its escapes, single spaces, ` .`) is read by one regular expression; a text
// with any other line (blank nodes, comments, escaped IRIs, odd spacing, an error) goes to N3's parser whole, so the
// quads, their blank-node labels and the errors are always N3's.
import { DataFactory, Parser, type Quad } from 'n3';
import { RDF } from './vocab.ts';

// An absolute IRI without escapes or characters N-Triples forbids in one (IRIREF), as N3 checks it.
const IRI = String.raw`<([a-zA-Z][a-zA-Z0-9+.\-]*:[^\x00-\x20<>\\"{}|^\x60]*)>`;
const LINE = new RegExp(String.raw`^${IRI} ${IRI} (?:${IRI}|"((?:[^"\\\n\r]|\\[^\n\r])*)"(?:@([a-zA-Z]+(?:-[a-zA-Z0-9]+)*)|\^\^${IRI})?)(?: ${IRI})? \.$`);
const ECHAR: Readonly<Record<string, string>> = { t: '\t', b: '\b', n: '\n', r: '\r', f: '\f', '"': '"', "'": "'", '\\': '\\' };
const HEX = /^[0-9A-Fa-f]*$/;
const LANG_STRINGS = new Set([`${RDF}langString`, `${RDF}dirLangString`]);

/** A literal's value with its escapes replaced, or undefined for a backslash that begins no escape this reader takes. */
const unescape = (raw: string): string | undefined => {
  let value = '';
  let from = 0;
  for (let at = raw.indexOf('\\'); at !== -1; at = raw.indexOf('\\', from)) {
    const c = raw[at + 1]!;
    let end = at + 2;
    let replacement: string;
    if (c === 'u' || c === 'U') {
      end += c === 'u' ? 4 : 8;
      const hex = raw.slice(at + 2, end);
      if (hex.length !== end - at - 2 || !HEX.test(hex)) return undefined;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
      replacement = String.fromCodePoint(code);
    } else if (Object.hasOwn(ECHAR, c)) replacement = ECHAR[c]!;
    else return undefined;
    value += raw.slice(from, at) + replacement;
    from = end;
  }
  return from === 0 ? raw : value + raw.slice(from);
};

export type LineSyntax = 'N-Triples' | 'N-Quads';

/** One line of the writer's form as a quad, or undefined for any other line (and, in N-Triples, for a graph name). */
const readLine = (line: string, syntax: LineSyntax): Quad | undefined => {
  const m = LINE.exec(line);
  if (!m) return undefined;
  const [, s, p, iri, raw, lang, datatype, graph] = m;
  if (graph !== undefined && syntax === 'N-Triples') return undefined;
  let object;
  if (iri !== undefined) object = DataFactory.namedNode(iri);
  else {
    const value = unescape(raw!);
    if (value === undefined) return undefined;
    if (lang !== undefined) {
      if (lang.split('-').some((t) => t.length > 8)) return undefined;
      object = DataFactory.literal(value, lang);
    } else if (datatype !== undefined) {
      if (LANG_STRINGS.has(datatype)) return undefined;
      object = DataFactory.literal(value, DataFactory.namedNode(datatype));
    } else object = DataFactory.literal(value);
  }
  return DataFactory.quad(DataFactory.namedNode(s!), DataFactory.namedNode(p!), object, graph === undefined ? undefined : DataFactory.namedNode(graph));
};

/** The quads of text whose every line is of N3's writer's form, else undefined. */
export const writerLines = (text: string, syntax: LineSyntax): Quad[] | undefined => {
  const quads: Quad[] = [];
  for (let at = 0; at < text.length; ) {
    const end = text.indexOf('\n', at);
    const stop = end === -1 ? text.length : end;
    if (stop > at) {
      const quad = readLine(text.slice(at, stop), syntax);
      if (!quad) return undefined;
      quads.push(quad);
    }
    at = stop + 1;
  }
  return quads;
};

/**
 * The quads of N-Triples or N-Quads text, as `new Parser({ format: syntax, blankNodePrefix }).parse(text)` gives them
 * (`blankNodePrefix`: N3's option, for a text whose blank nodes are scoped beyond one parse).
 */
export const parseLines = (text: string, syntax: LineSyntax, blankNodePrefix?: string): Quad[] =>
  writerLines(text, syntax) ?? new Parser({ format: syntax, ...(blankNodePrefix === undefined ? {} : { blankNodePrefix }) }).parse(text);
