// Parsing into terms that own their strings changes no term. (What it saves is measured by npm run bench:slice-heap.)
import { Parser, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { ownString, parseOwnedNQuads } from '../../src/rdf/owned-terms.ts';
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
