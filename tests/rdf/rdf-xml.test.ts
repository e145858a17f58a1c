// The RDF/XML writer: blank nodes, odd literals and unnamed namespaces read back identically by two independent parsers; graphs RDF/XML cannot carry are refused by name.
import { DataFactory, type Quad } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { describe, expect, it } from 'vitest';
import { RdfXmlError, toRdfXml } from '../../src/rdf/rdf-xml.ts';
import { serializeQuads } from '../../src/rdf/serialize.ts';
import { parseRdfXml, parseWithPythonRdflib } from './second-parsers.ts';

const { namedNode, blankNode, literal, quad } = DataFactory;
const B = 'http://localhost:3000/';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const s = namedNode(`${B}id/132101`);
const b1 = blankNode('1-starts-with-a-digit');
const b2 = blankNode('n3-7');
const graph: Quad[] = [
  quad(s, namedNode('http://www.w3.org/ns/sparql-service-description#defaultDataset'), b1),
  quad(b1, namedNode('http://www.w3.org/ns/sparql-service-description#namedGraph'), b2),
  quad(b2, namedNode(`${RDFS}label`), literal('小金井市 <&> "q"\r\n\tend ]]>', 'ja')),
  quad(b2, namedNode(`${RDFS}label`), literal('plain')),
  quad(b2, namedNode('http://example.org/no-prefix/value'), literal('3.50', namedNode('http://www.w3.org/2001/XMLSchema#decimal'))),
  quad(b2, namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode(`${B}id/x?a=1&b=2`)),
  quad(b2, namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#_1'), b2),
];

describe('toRdfXml', () => {
  it('writes blank nodes with rdf:nodeID and no rdf:parseType, and the used prefixes only', async () => {
    const xml = await serializeQuads(graph, 'application/rdf+xml');
    expect(xml).not.toContain('parseType');
    expect(xml).toMatch(/rdf:nodeID="b\d+"/);
    expect(xml).toContain('xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"');
    expect(xml).toContain('xmlns:ns2="http://example.org/no-prefix/"');
    expect(xml).not.toContain('xmlns:skos');
  });

  it('is read back as the same graph by rdfxml-streaming-parser and by Python rdflib', async () => {
    const xml = await serializeQuads(graph, 'application/rdf+xml');
    expect(isomorphic(await parseRdfXml(xml, B), graph)).toBe(true);
    expect(isomorphic(await parseWithPythonRdflib(xml, 'xml', B), graph)).toBe(true);
  });

  it('gives the same bytes for the same triples in any order', async () => {
    expect(await serializeQuads([...graph].reverse(), 'application/rdf+xml')).toBe(await serializeQuads(graph, 'application/rdf+xml'));
  });

  it.each([
    [quad(s, namedNode('http://example.org/ends-with/'), literal('x')), /predicate <http:\/\/example.org\/ends-with\/>: it does not end in an XML name/],
    [quad(s, namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#li'), literal('x')), /cannot write rdf:li as a predicate/],
    [quad(s, namedNode(`${RDFS}label`), literal('bell\u0007')), /character U\+0007 .* in a literal of <http:\/\/www.w3.org\/2000\/01\/rdf-schema#label>/],
  ])('refuses a graph it cannot write faithfully: %#', (q, message) => {
    expect(() => toRdfXml([q], {})).toThrow(RdfXmlError);
    expect(() => toRdfXml([q], {})).toThrow(message);
  });
});
