// Quad serializations: every format parses back to the same triples, with the project's prefixes.
import jsonld from 'jsonld';
import { DataFactory, Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { quadLine, serializeQuads, sortQuads, usedPrefixes } from '../../src/rdf/serialize.ts';
import { objectTerm } from '../../src/rdf/writers.ts';

const { blankNode, namedNode, literal, quad } = DataFactory;
/** An RDF 1.2 directional language-tagged literal (N3 makes them; its typings do not say so). */
const directional = (value: string, direction: 'ltr' | 'rtl') => literal(value, { language: 'ar', direction } as unknown as string);
const B = 'http://localhost:3000/';
const g1 = namedNode(`${B}graph/1`);
const g2 = namedNode(`${B}graph/2`);
const plan = namedNode(`${B}id/132101/plan/p`);
const label = namedNode('http://www.w3.org/2000/01/rdf-schema#label');
const position = namedNode('http://schema.org/position');
const quads = [
  quad(plan, label, literal('小金井市 "計画"', 'ja'), g1),
  quad(plan, label, literal('小金井市 "計画"', 'ja'), g2),
  quad(plan, position, literal('3', namedNode('http://www.w3.org/2001/XMLSchema#integer')), g1),
  quad(plan, namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode('https://w3id.org/jp-plan/def#Plan'), g2),
];
const tripleSet = (qs: readonly { subject: { value: string }; predicate: { value: string }; object: { value: string } }[]) =>
  [...new Set(qs.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`))].sort();

describe('serializeQuads', () => {
  it.each(['text/turtle', 'application/n-triples', 'application/n-quads', 'application/trig'] as const)('%s round-trips', async (type) => {
    const text = await serializeQuads(quads, type);
    const parsed = new Parser({ format: type }).parse(text);
    expect(tripleSet(parsed)).toEqual(tripleSet(quads));
    if (type === 'text/turtle') expect(text).toContain('@prefix jpp: <https://w3id.org/jp-plan/def#>');
    if (type === 'application/n-triples') expect(parsed).toHaveLength(3);
    if (type === 'application/n-quads' || type === 'application/trig') expect(parsed).toHaveLength(4);
  });

  it('writes compacted JSON-LD with the prefixes as context', async () => {
    const text = await serializeQuads(quads, 'application/ld+json');
    const doc = JSON.parse(text) as { '@context': Record<string, string> };
    expect(doc['@context']['schema']).toBe('http://schema.org/');
    const nquads = (await jsonld.toRDF(doc as jsonld.JsonLdDocument, { format: 'application/n-quads' })) as unknown as string;
    expect(tripleSet(new Parser({ format: 'N-Quads' }).parse(nquads))).toEqual(tripleSet(quads));
  });

  it('writes RDF/XML that rdflib reads back', async () => {
    const text = await serializeQuads(quads, 'application/rdf+xml');
    expect(text).toContain('xmlns:jpp="https://w3id.org/jp-plan/def#"');
    const rdflib = await import('rdflib');
    const store = rdflib.graph();
    rdflib.parse(text, store, B, 'application/rdf+xml');
    expect(tripleSet(store.statements)).toEqual(tripleSet(quads));
    const ja = store.statements.find((s) => s.predicate.value === label.value)?.object as { language?: string };
    expect(ja.language).toBe('ja');
  });

  it('declares only the prefixes the data uses', async () => {
    const text = await serializeQuads(quads, 'text/turtle');
    expect(text).toContain('@prefix jpp:');
    expect(text).not.toContain('@prefix org:');
    expect(text).not.toContain('@prefix sdg:');
    const context = (JSON.parse(await serializeQuads(quads, 'application/ld+json')) as { '@context': Record<string, string> })['@context'];
    expect(Object.keys(context)).toContain('jpp');
    expect(Object.keys(context)).not.toContain('org');
  });
});

describe('usedPrefixes', () => {
  it('names exactly the prefixes whose namespace starts some IRI or datatype, in their given order', () => {
    const prefixes = {
      jpp: 'https://w3id.org/jp-plan/def#',
      rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
      id: `${B}id/`,
      deep: `${B}id/132101/plan/`,
      // Namespaces that end in neither '/' nor '#' are matched against whole IRIs.
      odd: 'http://example.org/odd-',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
      unused: 'http://example.org/unused/',
      // Shorter than the head namespaces are grouped by.
      short: 'urn:x:',
      empty: '',
    };
    const naive = (qs: readonly ReturnType<typeof quad>[], p: Readonly<Record<string, string>>) => {
      const iris = qs.flatMap((q) => [q.subject, q.predicate, q.object, q.graph]).flatMap((t) => (t.termType === 'NamedNode' ? [t.value] : t.termType === 'Literal' ? [t.datatype.value] : []));
      return Object.fromEntries(Object.entries(p).filter(([, ns]) => iris.some((i) => i.startsWith(ns))));
    };
    const cases = [
      quads,
      [quad(namedNode('http://example.org/odd-thing'), label, literal('x'))],
      [quad(namedNode('http://example.org/odd'), label, literal('x'))],
      [quad(namedNode(`${B}id/132101/plan/p/m1`), namedNode('https://w3id.org/jp-plan/def#a/b'), namedNode(`${B}id/`))],
      [quad(namedNode(`${B}id`), label, literal('1', namedNode('http://www.w3.org/2001/XMLSchema#integer')))],
      [quad(namedNode('urn:x:a'), namedNode('urn:y'), namedNode('http://www.w3'))],
    ];
    for (const qs of cases) {
      expect(usedPrefixes(qs, prefixes)).toEqual(naive(qs, prefixes));
      const { odd: _odd, ...delimited } = prefixes;
      expect(usedPrefixes(qs, delimited)).toEqual(naive(qs, delimited));
      expect(Object.keys(usedPrefixes(qs, prefixes))).toEqual(Object.keys(prefixes).filter((k) => k in naive(qs, prefixes)));
    }
    expect(Object.keys(usedPrefixes(quads, prefixes))).toEqual(['jpp', 'rdf', 'id', 'deep', 'xsd', 'empty']);
  });
});

describe('sortQuads', () => {
  it('orders by graph, subject and predicate, then by the whole N-Quads line, and drops duplicates', () => {
    const xsd = (t: string) => namedNode(`http://www.w3.org/2001/XMLSchema#${t}`);
    // Objects whose N-Quads terms share prefixes, need escapes (quote, newline, backslash, a character beyond the BMP)
    // or differ only in language, datatype or kind.
    const objects = [
      literal('ab'), literal('ab', 'en'), literal('ab', 'ja'), literal('ab', xsd('token')), literal('a"b'), literal('a\nb'), literal('a\\b'),
      literal('a\u{1F600}b'), literal('abc'), literal('10', xsd('integer')), literal('9', xsd('integer')), namedNode(`${B}a`), namedNode(`${B}a/b`),
      namedNode(`${B}ab`), blankNode('b1'), blankNode('b10'), blankNode('b2'),
      // Terms N3 writes escaped: control characters, U+007F, U+FFFE; an IRI and a datatype with a space or a quote.
      literal('a\u0001b'), literal('a\u007fb'), literal('a\ufffeb', 'en'), namedNode(`${B}a b`), namedNode(`${B}a"b`), literal('ab', namedNode('http://example.org/d t')),
      directional('ab', 'rtl'), directional('ab', 'ltr'), directional('a\tb', 'rtl'),
    ];
    const quads = [g1, g2, DataFactory.defaultGraph()].flatMap((g) =>
      [plan, namedNode(`${B}id/132101`), blankNode('s')].flatMap((s) => [label, position].flatMap((p) => objects.map((o) => quad(s, p, o, g)))),
    );
    const shuffled = [...quads].reverse().concat(quads.filter((_, i) => i % 3 === 0));
    const reference = [...new Map(shuffled.map((q) => [`${q.graph.value}\u0000${q.subject.value}\u0000${q.predicate.value}\u0000${quadLine(q)}`, q])).entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, q]) => quadLine(q));
    expect(sortQuads(shuffled).map(quadLine)).toEqual(reference);
    expect(reference).toHaveLength(quads.length);
  });
});

describe('objectTerm', () => {
  it("is the object's term of N3's N-Quads line, for every kind of term", () => {
    const x = namedNode('x');
    const xsd = (t: string) => namedNode(`http://www.w3.org/2001/XMLSchema#${t}`);
    const objects = [
      namedNode(`${B}id/132101`), namedNode(`${B}a b`), namedNode('urn:a>b'), namedNode('http://example.org/é'), blankNode('b1'),
      literal(''), literal('小金井市 "計画"\n'), literal('a\\b\r\t\u0000\u001f\u007f\ufffe\uffff\u{1F600}'), literal('\ud800 lone'), literal('ab', 'ja'),
      literal('ab', 'en-US'), directional('ab', 'rtl'), literal('3', xsd('integer')), literal('x', xsd('string')),
      literal('x', namedNode('http://example.org/d"t')), literal('a"b', xsd('token')),
    ];
    for (const o of objects) expect(objectTerm(o), quadLine(quad(x, x, o))).toBe(quadLine(quad(x, x, o)).slice(8, -2));
  });
});
