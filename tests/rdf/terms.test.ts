// GraphWriter: the quads it collects, and one term object per IRI (what keeps the server's catalog small in memory).
import { DataFactory } from 'n3';
import oxigraph from 'oxigraph';
import { describe, expect, it } from 'vitest';
import { decimal, GraphWriter, ja } from '../../src/rdf/terms.ts';
import { XSD } from '../../src/rdf/vocab.ts';

const E = 'http://example.org/';

describe('GraphWriter', () => {
  it('collects the quads it is given, in its graph, leaving out absent objects', () => {
    const g = new GraphWriter(`${E}g`)
      .type(`${E}a`, `${E}C`, `${E}D`)
      .add(`${E}a`, `${E}p`, `${E}b`)
      .add(`${E}a`, `${E}p`, undefined)
      .localized(`${E}b`, `${E}label`, { ja: 'ラベル', en: 'label' });
    const n = DataFactory.namedNode;
    const expected = [
      DataFactory.quad(n(`${E}a`), n('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), n(`${E}C`), n(`${E}g`)),
      DataFactory.quad(n(`${E}a`), n('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), n(`${E}D`), n(`${E}g`)),
      DataFactory.quad(n(`${E}a`), n(`${E}p`), n(`${E}b`), n(`${E}g`)),
      DataFactory.quad(n(`${E}b`), n(`${E}label`), ja('ラベル'), n(`${E}g`)),
      DataFactory.quad(n(`${E}b`), n(`${E}label`), DataFactory.literal('label', 'en'), n(`${E}g`)),
    ];
    expect(g.quads).toHaveLength(expected.length);
    g.quads.forEach((q, i) => expect(q.equals(expected[i]!), String(i)).toBe(true));
    expect(new GraphWriter().add(`${E}a`, `${E}p`, `${E}b`).quads[0]!.graph.termType).toBe('DefaultGraph');
  });

  it('gives an IRI one term object wherever it is used again (subject, predicate or object), built from equal strings', () => {
    const g = new GraphWriter();
    // Strings made apart, as a builder makes them: equal, not one string.
    const iri = (s: string) => [E, s].join('');
    g.add(iri('a'), iri('p'), iri('b')).add(iri('b'), iri('p'), iri('a')).add(iri('a'), iri('b'), iri('p'));
    const [q1, q2, q3] = g.quads;
    expect(q1!.subject).toBe(q2!.object);
    expect(q1!.subject).toBe(q3!.subject);
    expect(q1!.predicate).toBe(q2!.predicate);
    expect(q1!.object).toBe(q2!.subject);
    expect(q3!.predicate).toBe(q1!.object);
    expect(q3!.object).toBe(q1!.predicate);
  });
});

describe('decimal', () => {
  it('writes the XSD 1.1 canonical form, never an exponent', () => {
    expect([100, 84.9, -1.5, -0, 1e-7, 1e21, 2566].map((n) => decimal(n).value)).toEqual([
      '100',
      '84.9',
      '-1.5',
      '0',
      '0.0000001',
      '1000000000000000000000',
      '2566',
    ]);
    expect(() => decimal(Number.NaN)).toThrow(RangeError);
  });

  it('gives terms the embedded engine answers with unchanged', () => {
    const store = new oxigraph.Store();
    const values = [100, 84.9, 0.5, 2566, 1e-7];
    for (const [i, n] of values.entries()) store.add(oxigraph.quad(oxigraph.namedNode(`http://e/${i}`), oxigraph.namedNode('http://e/v'), oxigraph.literal(decimal(n).value, oxigraph.namedNode(decimal(n).datatype.value))));
    const back = (store.match() as { subject: { value: string }; object: { value: string; datatype: { value: string } } }[])
      .sort((a, b) => a.subject.value.localeCompare(b.subject.value))
      .map((q) => [q.object.value, q.object.datatype.value]);
    expect(back).toEqual(values.map((n) => [decimal(n).value, `${XSD}decimal`]));
  });
});
