// Terms that own their strings: parsing into them and compacting quads into them change no term; compacted quads share
// their terms and keep none of the parsed text alive. (What parsing saves the converter: npm run bench:slice-heap.)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DataFactory, Parser, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { distinctTriples } from '../../src/documents/index.ts';
import { CompactTriples, compactQuads, ownString, parseOwnedNQuads } from '../../src/rdf/owned-terms.ts';
import { quadLine } from '../../src/rdf/serialize.ts';

const G = '<http://localhost:3000/graph/900001/p>';
/** N-Quads with Japanese literals, language tags, datatypes and blank nodes. */
const nquads = (seed: number): string => {
  const lines: string[] = [];
  for (let i = 0; i < 2_000; i++) {
    const s = `<http://localhost:3000/id/900001/plan/p/measure/${seed}-${i}>`;
    lines.push(`${s} <http://www.w3.org/2000/01/rdf-schema#label> "施策${i}：地域の魅力を高めるまちづくりの推進（${seed}）"@ja ${G} .`);
    lines.push(`${s} <https://schema.org/position> "${i}"^^<http://www.w3.org/2001/XMLSchema#integer> ${G} .`);
    lines.push(`${s} <http://purl.org/dc/terms/relation> _:node${seed}x${i} ${G} .`);
  }
  return `${lines.join('\n')}\n`;
};

describe('parseOwnedNQuads', () => {
  it('copies a string into an equal one', () => {
    for (const s of ['', 'a', 'x'.repeat(12), '施策：地域の魅力を高めるまちづくり'.repeat(9)]) expect(ownString(s)).toBe(s);
  });

  it('gives the same quads as N3 parsing the text', () => {
    const text = nquads(7);
    const plain = new Parser({ format: 'N-Quads' }).parse(text);
    const owned = parseOwnedNQuads(text);
    expect(owned).toHaveLength(plain.length);
    // Blank node labels get a prefix per parser.
    const line = (q: Quad) => quadLine(q).replace(/_:b\d+_/g, '_:');
    expect(owned.map(line)).toEqual(plain.map(line));
    expect(owned[0]!.object).toMatchObject({ termType: 'Literal', language: 'ja', value: '施策0：地域の魅力を高めるまちづくりの推進（7）' });
  });
});

const TEXT = `<http://e/a> <http://e/p> "テキスト、十三文字より長い値です"@ja <http://e/g> .
<http://e/a> <http://e/p> "2024-04-01"^^<http://www.w3.org/2001/XMLSchema#date> .
<http://e/a> <http://e/q> "plain, longer than thirteen" .
<http://e/b> <http://e/p> "テキスト、十三文字より長い値です"@ja <http://e/g> .
_:b0 <http://e/p> <http://e/a> .
<http://e/b> <http://e/q> _:b0 .
`;

describe('compactQuads', () => {
  it('gives the same quads (languages, datatypes, blank nodes, graphs), in order', () => {
    const parsed = new Parser({ format: 'N-Quads' }).parse(TEXT);
    const compacted = compactQuads(parsed);
    expect(compacted).toHaveLength(parsed.length);
    compacted.forEach((q, i) => expect(q.equals(parsed[i]!), String(i)).toBe(true));
    expect(compacted[1]!.object).toMatchObject({ termType: 'Literal', value: '2024-04-01', language: '' });
    expect(compacted[1]!.graph.termType).toBe('DefaultGraph');
  });

  it('makes each distinct term once', () => {
    const [a1, , a3, b1, bn, b2] = compactQuads(new Parser({ format: 'N-Quads' }).parse(TEXT));
    expect(a1!.subject).toBe(a3!.subject);
    expect(a1!.object).toBe(b1!.object);
    expect(a1!.graph).toBe(b1!.graph);
    expect(bn!.object).toBe(a1!.subject);
    expect(b2!.object).toBe(bn!.subject);
    // Equal values of different kinds stay apart.
    const kinds = compactQuads([
      DataFactory.quad(DataFactory.namedNode('http://e/x'), DataFactory.namedNode('http://e/p'), DataFactory.literal('http://e/x')),
      DataFactory.quad(DataFactory.namedNode('http://e/x'), DataFactory.namedNode('http://e/p'), DataFactory.literal('http://e/x', 'en')),
    ]);
    expect(kinds[0]!.object.termType).toBe('Literal');
    expect(kinds[0]!.object).not.toBe(kinds[1]!.object);
  });

  it('keeps none of the parsed text alive: the kept quads take a fraction of the heap the parsed ones do', () => {
    const heap = (mode: string) => {
      const r = spawnSync(process.execPath, ['--expose-gc', '--import', import.meta.resolve('tsx'), join(import.meta.dirname, 'fixtures/kept-quads-heap.ts'), mode], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const [mb, quads] = r.stdout.trim().split(' ').map(Number);
      expect(quads).toBe(80_000);
      return mb!;
    };
    const parsed = heap('parsed');
    const compacted = heap('compacted');
    const triples = heap('triples');
    // The text is 32 MB as two-byte characters (16M of them); parsed quads keep it all, and a term object per occurrence.
    expect(parsed).toBeGreaterThan(32);
    expect(compacted).toBeLessThan(parsed / 2);
    expect(triples).toBeLessThan(parsed / 2);
  });
});

describe('CompactTriples', () => {
  /** Blank node labels get a prefix per parser, and per file in CompactTriples. */
  const line = (q: Quad) => quadLine(q).replace(/_:[bf]\d+_/g, '_:');
  // The same statements again in another graph, and some twice in one: the merge holds each triple once.
  const text = nquads(1) + nquads(2) + nquads(1).replaceAll(G, '<http://localhost:3000/graph/900002/q>') + nquads(2).split('\n').slice(0, 50).join('\n') + '\n';

  it('gives the distinct triples, compacted, in the order first met, whatever the chunk size', () => {
    const vocabulary = compactQuads(new Parser({ format: 'N-Quads' }).parse(TEXT));
    const expected = compactQuads(distinctTriples([...vocabulary, ...new Parser({ format: 'N-Quads' }).parse(text)])).map(line);
    expect(expected).toHaveLength(6 + 2 * 6_000);
    for (const chunk of [1, 100, 4096, 1 << 20]) {
      const made = new CompactTriples().add(vocabulary).addNQuads(Buffer.from(text), chunk);
      expect(made.triples.map(line), `chunks of ${chunk} bytes`).toEqual(expected);
      expect(made.triples.every((q) => q.graph.termType === 'DefaultGraph')).toBe(true);
    }
  });

  it('makes each distinct term once, across chunks, blank nodes included', () => {
    const made = new CompactTriples().addNQuads(Buffer.from(`${TEXT}${TEXT.replaceAll('<http://e/g>', '<http://e/h>')}<http://e/c> <http://e/r> _:b0 .\n`), 16);
    const [a1, , a3, b1, bn, b2, last] = made.triples;
    expect(made.triples).toHaveLength(7);
    expect(a1!.subject).toBe(a3!.subject);
    expect(a1!.object).toBe(b1!.object);
    expect(bn!.object).toBe(a1!.subject);
    expect(b2!.object).toBe(bn!.subject);
    // The label of the first chunks, met again in the last: the same node.
    expect(last!.object).toBe(bn!.subject);
  });

  it('keeps blank nodes of two files apart, as two parses of them would', () => {
    const made = new CompactTriples().addNQuads(Buffer.from(TEXT), 16).addNQuads(Buffer.from(TEXT), 16);
    const blanks = new Set(made.triples.filter((q) => q.subject.termType === 'BlankNode').map((q) => q.subject));
    expect(blanks.size).toBe(2);
    // Each file's triples with a blank node are its own; the others are the first file's, met again.
    expect(made.triples).toHaveLength(6 + 2);
  });

  it('names the line of a syntax error, counted from the start of the file', () => {
    const bad = `${nquads(3)}<http://e/a> <http://e/p> "unclosed .\n${nquads(4)}`;
    for (const chunk of [4096, 1 << 20]) expect(() => new CompactTriples().addNQuads(Buffer.from(bad), chunk)).toThrow(/on line 6001\b/);
  });
});
