// The N-Triples and N-Quads line reader gives exactly what N3's parser gives: the same quads in the same order, the same
// terms (values, language tags, datatypes, graphs), the same errors, on every kind of line N3's writer writes and on
// lines it does not.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DataFactory, Parser, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { parseLines, writerLines } from '../../src/rdf/line-syntax.ts';
import { quadLine, tripleLine } from '../../src/rdf/serialize.ts';

const { namedNode, literal, quad } = DataFactory;
const n3 = (text: string): Quad[] => new Parser({ format: 'N-Triples' }).parse(text);
/** Each quad as N3's term ids, which tell apart value, language, direction and datatype (a blank node's label without
 * the prefix each of N3's parses gives its labels). */
const id = (t: Quad['subject'] | Quad['object']) => (t.termType === 'BlankNode' ? t.id.replace(/^_:b\d+_/, '_:') : t.id);
const ids = (quads: readonly Quad[]) => quads.map((q) => [q.subject.termType, id(q.subject), q.predicate.id, q.object.termType, id(q.object), q.graph.termType]);
const same = (text: string) => expect(ids(parseLines(text, 'N-Triples')), text).toEqual(ids(n3(text)));
const quadIds = (quads: readonly Quad[]) => quads.map((q) => [...ids([q])[0]!, q.graph.id]);
/** What a parse gives: its quads' ids, or its error's message. */
const outcome = (parse: () => Quad[]): unknown => {
  try {
    return ids(parse());
  } catch (e) {
    return (e as Error).message;
  }
};

const S = 'http://localhost:3000/id/131016/plan/x/measure/1';
const P = 'http://www.w3.org/2000/01/rdf-schema#label';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

describe('parseLines', () => {
  it('reads what N3 writes, for literals with every escape, languages and datatypes', () => {
    const objects = [
      namedNode('https://w3id.org/jp-plan/def#Measure'),
      namedNode('http://data.e-stat.go.jp/lod/sac/C13210-20200101'),
      literal('施策1 子育て支援の充実を図ります', 'ja'),
      literal('Child care', 'en-GB'),
      literal('Mixed Case tag', 'EN-us'),
      literal('plain'),
      literal(''),
      literal('2026', namedNode(`${XSD}gYear`)),
      literal('12.5', namedNode(`${XSD}decimal`)),
      literal('explicit string', namedNode(`${XSD}string`)),
      literal('quote " backslash \\ tab \t newline \n return \r formfeed \f backspace \b', 'ja'),
      literal('control \u0001\u0019 and astral 𠮷😀 and BMP 〜', 'ja'),
      literal('{"json": [1, 2]}', namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON')),
      literal('<not an IRI> . "', 'ja'),
    ];
    const text = objects.map((o) => `${tripleLine(quad(namedNode(S), namedNode(P), o))}\n`).join('');
    same(text);
    // Read by the line reader itself, not handed to N3.
    expect(writerLines(text, 'N-Triples')?.map((q) => q.object.value)).toEqual(objects.map((o) => o.value));
    // Without a final newline, with empty lines between, and empty.
    same(text.trimEnd());
    same(text.replaceAll('\n', '\n\n'));
    same('');
  });

  it('reads escapes N3 writes and escapes it does not write the same way N3 does', () => {
    for (const raw of ['\\u00E9t\\u00e9', '\\U0001F600', "it\\'s", '\\"quoted\\"', 'a\\\\b', '\\t\\b\\n\\r\\f']) {
      const text = `<${S}> <${P}> "${raw}"@ja .\n`;
      same(text);
      expect(writerLines(text, 'N-Triples'), text).toBeDefined();
    }
  });

  it('hands every other text to N3 whole: blank nodes, comments, spacing, escaped IRIs, relative IRIs, RDF 1.2 directions', () => {
    const texts = [
      `_:b0 <${P}> "a" .\n<${S}> <${P}> _:b0 .\n`,
      `# a comment\n<${S}> <${P}> "a" .\n`,
      `<${S}>  <${P}>\t"a" .\n`,
      `<${S}> <${P}> "a".\n`,
      `<${S}> <${P}> "a" . # trailing comment\n`,
      `<${S}> <${P}> "a" .\r\n`,
      `<http://example.org/caf\\u00E9> <${P}> "a" .\n`,
      `<${S}> <${P}> "a"@en--ltr .\n`,
    ];
    for (const text of texts) {
      same(text);
      expect(writerLines(text, 'N-Triples'), text).toBeUndefined();
    }
  });

  it('fails where N3 fails, with N3’s error', () => {
    const bad = [
      `<${S}> <${P}> "bad \\q escape" .\n`,
      `<${S}> <${P}> "\\uD800" .\n`,
      `<${S}> <${P}> "\\U00110000" .\n`,
      `<${S}> <${P}> "too long subtag"@en-abcdefghi .\n`,
      `<${S}> <${P}> "typed as langString"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString> .\n`,
      `<relative> <${P}> "a" .\n`,
      `<${S}> <${P}> "unterminated .\n`,
      `<${S}> <${P}> .\n`,
    ];
    for (const text of bad) {
      const expected = outcome(() => n3(text));
      expect(typeof expected, text).toBe('string');
      expect(outcome(() => parseLines(text, 'N-Triples')), text).toEqual(expected);
    }
  });

  it('reads N-Quads lines, in a named graph or the default one, as N3 does; a graph name in N-Triples fails as in N3', () => {
    const G = 'http://localhost:3000/graph/131016/dai2ji-sogo-keikaku';
    const text = `<${S}> <${P}> "a"@ja <${G}> .\n<${S}> <${P}> <${S}/x> .\n<${S}> <${P}> "2026"^^<${XSD}gYear> <${G}> .\n`;
    const read = parseLines(text, 'N-Quads');
    expect(quadIds(read)).toEqual(quadIds(new Parser({ format: 'N-Quads' }).parse(text)));
    expect(read.map((q) => q.graph.termType)).toEqual(['NamedNode', 'DefaultGraph', 'NamedNode']);
    expect(writerLines(text, 'N-Quads')).toHaveLength(3);
    expect(writerLines(text, 'N-Triples')).toBeUndefined();
    const n3Error = outcome(() => n3(text));
    expect(typeof n3Error).toBe('string');
    expect(outcome(() => parseLines(text, 'N-Triples'))).toEqual(n3Error);
    // A blank node's label takes the prefix given, as N3's does.
    const blank = `_:x <${P}> "a" <${G}> .\n`;
    expect(parseLines(blank, 'N-Quads', 'f3_')[0]!.subject.value).toBe(new Parser({ format: 'N-Quads', blankNodePrefix: 'f3_' }).parse(blank)[0]!.subject.value);
  });

  it('gives every quad and triple of the test dataset, as N3’s writer writes them, as N3 reads them', () => {
    const nq = readFileSync(fileURLToPath(new URL('../fixtures/mini.nq', import.meta.url)), 'utf8');
    const quads = new Parser({ format: 'N-Quads' }).parse(nq);
    expect(quads.length).toBeGreaterThan(50);
    const asWritten = quads.map((q) => `${quadLine(q)}\n`).join('');
    expect(quadIds(writerLines(asWritten, 'N-Quads')!)).toEqual(quadIds(quads));
    const text = quads.map((q) => `${tripleLine(q)}\n`).join('');
    same(text);
    expect(writerLines(text, 'N-Triples')).toHaveLength(quads.length);
  });
});
