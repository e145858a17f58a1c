// The document index on a hand-made dataset: own, inbound and context triples, paths, merged graphs, labels.
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { buildDocumentIndex, DOCUMENTS_KEPT, distinctTriples, documentTriples, labelOf, typesOf } from '../../src/documents/index.ts';
import { siteUrls } from '../../src/rdf/uris.ts';

const B = 'http://example.org/';
const TRIG = `
@prefix jpp: <https://w3id.org/jp-plan/def#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
<${B}graph/vocabulary> {
  <https://w3id.org/jp-plan/def> a owl:Ontology ; rdfs:label "ontology"@en .
  jpp:Goal a owl:Class ; rdfs:label "基本目標"@ja, "Goal"@en ; rdfs:isDefinedBy <https://w3id.org/jp-plan/def> .
  jpp:Measure a owl:Class ; rdfs:label "施策"@ja .
  jpp:parent rdfs:label "上位要素"@ja ; rdfs:range jpp:Goal .
  <${B}id/theme/x> a skos:Concept ; skos:prefLabel "テーマ"@ja .
}
<${B}graph/a> {
  <${B}id/1> a jpp:Municipality ; rdfs:label "市"@ja .
  <${B}id/1/plan/p/goal/1> a jpp:Goal ; rdfs:label "目標"@ja ; jpp:theme <${B}id/theme/x> .
  <${B}id/1/plan/p/measure/1> a jpp:Measure ; rdfs:label "施策一"@ja ; jpp:parent <${B}id/1/plan/p/goal/1> ;
      jpp:cites <${B}id/only-an-object> ; rdfs:seeAlso <https://example.com/elsewhere> .
}
<${B}graph/b> { <${B}id/1> a jpp:Municipality ; rdfs:label "市"@ja . }
`;
const index = buildDocumentIndex(distinctTriples(new Parser({ format: 'TriG' }).parse(TRIG)), siteUrls(B));
const doc = (path: string) => index.byPath.get(path)!;
const lines = (qs: readonly { subject: { value: string }; predicate: { value: string }; object: { value: string } }[]) =>
  qs.map((q) => `${q.subject.value} ${q.predicate.value.replace(/^.*[#/]/, '')} ${q.object.value}`);

describe('buildDocumentIndex', () => {
  it('makes a document per described IRI, with a path per kind', () => {
    expect([...index.byPath.keys()].sort()).toEqual([
      'def/Goal',
      'def/Measure',
      'def/parent',
      'id/1',
      'id/1/plan/p/goal/1',
      'id/1/plan/p/measure/1',
      'id/only-an-object',
      'id/theme/x',
      'ontology',
    ]);
    expect(doc('def/Goal').kind).toBe('term');
    expect(doc('ontology').kind).toBe('ontology');
    expect(doc('id/1').kind).toBe('resource');
    expect(index.byIri.get(`${B}id/1`)).toBe(doc('id/1'));
  });

  it('merges triples repeated in several graphs', () => {
    expect(doc('id/1').own.length).toBe(2);
  });

  it('holds the own triples, the inbound ones (without rdf:type) and the labels and types of what they mention', () => {
    const goal = doc('id/1/plan/p/goal/1');
    expect(lines(goal.inbound)).toEqual([`${B}id/1/plan/p/measure/1 parent ${B}id/1/plan/p/goal/1`]);
    const context = lines(goal.context);
    expect(context).toContain(`${B}id/1/plan/p/measure/1 label 施策一`); // the inbound subject's label
    expect(context).toContain(`${B}id/1/plan/p/measure/1 type https://w3id.org/jp-plan/def#Measure`);
    expect(context).toContain('https://w3id.org/jp-plan/def#parent label 上位要素'); // the predicate's label
    expect(context).toContain(`${B}id/theme/x prefLabel テーマ`); // an object's label
    expect(context).toContain('https://w3id.org/jp-plan/def#Measure label 施策'); // a mentioned resource's class
    expect(context).toContain('https://w3id.org/jp-plan/def#Goal label Goal'); // its own class
    expect(context.some((l) => l.startsWith('https://w3id.org/jp-plan/def#parent range'))).toBe(false); // labels and types only
    expect(labelOf(goal, `${B}id/1/plan/p/measure/1`)).toBe('施策一');
    expect(labelOf(goal, 'https://w3id.org/jp-plan/def#Goal', 'en')).toBe('Goal');
    expect(typesOf(goal)).toEqual(['https://w3id.org/jp-plan/def#Goal']);
  });

  it('keeps class extensions out of a class document, but not its inbound links', () => {
    const goalClass = doc('def/Goal');
    expect(lines(goalClass.inbound)).toEqual(['https://w3id.org/jp-plan/def#parent range https://w3id.org/jp-plan/def#Goal']);
  });

  it('dereferences an IRI that is only ever an object, and no IRI outside our space', () => {
    expect(lines(doc('id/only-an-object').inbound)).toEqual([`${B}id/1/plan/p/measure/1 cites ${B}id/only-an-object`]);
    expect(index.byIri.has('https://example.com/elsewhere')).toBe(false);
  });

  it('serializes own, inbound and context without duplicates', () => {
    const m = doc('id/1/plan/p/measure/1');
    const all = documentTriples(m);
    expect(all.length).toBe(new Set(lines(all)).size);
    expect(all.length).toBe(m.own.length + m.inbound.length + m.context.length);
  });

  it('adds a document for a described resource outside the data (a named graph): own, inbound and the rest as context', () => {
    const G = `${B}graph/a`;
    const D = `${B}dataset/1/p`;
    const description = new Parser().parse(`
@prefix sd: <http://www.w3.org/ns/sparql-service-description#> . @prefix void: <http://rdfs.org/ns/void#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix dct: <http://purl.org/dc/terms/> .
<${G}> a sd:NamedGraph ; sd:name <${G}> ; sd:graph <${D}> ; dct:subject <${B}id/1> .
<${D}> a sd:Graph ; void:triples 3 ; rdfs:seeAlso <${G}> ; rdfs:seeAlso <${G}> .
<${B}id/1> rdfs:comment "ignored: the data has its own document" .`);
    const withGraphs = buildDocumentIndex(distinctTriples(new Parser({ format: 'TriG' }).parse(TRIG)), siteUrls(B), [
      { iris: [G, `${B}id/1`], describe: () => description },
    ]);
    const g = withGraphs.byPath.get('graph/a')!;
    expect(g.kind).toBe('graph');
    expect(withGraphs.byIri.get(G)).toBe(g);
    expect(lines(g.own).sort()).toEqual([`${G} graph ${D}`, `${G} name ${G}`, `${G} subject ${B}id/1`, `${G} type http://www.w3.org/ns/sparql-service-description#NamedGraph`]);
    expect(lines(g.inbound)).toEqual([`${D} seeAlso ${G}`]);
    const context = lines(g.context);
    expect(context).toContain(`${D} triples 3`);
    expect(context).toContain(`${B}id/1 label 市`); // labels of what it mentions, from the data
    // The data's own document wins over a description.
    expect(withGraphs.byPath.get('id/1')).toEqual(doc('id/1'));
    expect(withGraphs.byPath.size).toBe(index.byPath.size + 1);
  });
});

describe('laziness', () => {
  it('holds at most DOCUMENTS_KEPT documents, the most recently asked for, and makes a dropped one again the same', () => {
    const many = new Parser().parse(
      Array.from({ length: DOCUMENTS_KEPT + 10 }, (_, i) => `<${B}id/x/${i}> <http://www.w3.org/2000/01/rdf-schema#label> "r${i}" .`).join('\n'),
    );
    const big = buildDocumentIndex(distinctTriples(many), siteUrls(B));
    const first = big.byPath.get('id/x/0')!;
    expect(big.byPath.get('id/x/0')).toBe(first);
    for (let i = 1; i < DOCUMENTS_KEPT + 10; i++) big.byPath.get(`id/x/${i}`);
    const again = big.byPath.get('id/x/0')!;
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    // The last asked for are still held.
    expect(big.byPath.get(`id/x/${DOCUMENTS_KEPT + 9}`)).toBe(big.byIri.get(`${B}id/x/${DOCUMENTS_KEPT + 9}`));
  });

  it('makes a description only for the document asked for', () => {
    const asked: string[] = [];
    const descriptions = { iris: [`${B}graph/a`, `${B}graph/b`], describe: (iri: string) => (asked.push(iri), []) };
    const lazy = buildDocumentIndex(distinctTriples(new Parser({ format: 'TriG' }).parse(TRIG)), siteUrls(B), [descriptions]);
    expect(lazy.byPath.has('graph/b')).toBe(true);
    expect(asked).toEqual([]);
    lazy.byPath.get('graph/b');
    expect(asked).toEqual([`${B}graph/b`]);
  });

  it('knows every path at once but makes a document only when it is asked for', () => {
    const triples = distinctTriples(new Parser({ format: 'TriG' }).parse(TRIG));
    // A description that cannot be made: making its document would throw.
    const unreadable = {
      iris: [`${B}graph/a`],
      describe: () => {
        throw new Error('made');
      },
    };
    const lazy = buildDocumentIndex(triples, siteUrls(B), [unreadable]);
    expect(lazy.byPath.has('graph/a')).toBe(true);
    expect([...lazy.byPath.keys()].sort()).toEqual([...index.byPath.keys(), 'graph/a'].sort());
    expect(lazy.byPath.get('id/1')?.iri).toBe(`${B}id/1`);
    expect(() => lazy.byPath.get('graph/a')).toThrow('made');
  });
});
