// compactQuads: the same quads, one object per distinct term, and nothing of the parsed text kept alive.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DataFactory, Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { compactQuads } from '../../src/rdf/compact-quads.ts';

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
      const r = spawnSync(process.execPath, ['--expose-gc', '--import', import.meta.resolve('tsx'), join(import.meta.dirname, 'fixtures/compact-quads-heap.ts'), mode], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const [mb, quads] = r.stdout.trim().split(' ').map(Number);
      expect(quads).toBe(80_000);
      return mb!;
    };
    const parsed = heap('parsed');
    const compacted = heap('compacted');
    // The text is 32 MB as two-byte characters (16M of them); parsed quads keep it all, and a term object per occurrence.
    expect(parsed).toBeGreaterThan(32);
    expect(compacted).toBeLessThan(parsed / 2);
  });
});
