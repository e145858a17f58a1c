// The W3C RDF Data Cube integrity constraints IC-1 … IC-21 (https://www.w3.org/TR/vocab-data-cube/#wf-rules), as the
// Recommendation states them (ASK queries that are true when the data breaks the constraint), run over the merge of
// every graph of the published dataset: once as it is, the way a consumer runs them against the SPARQL endpoint, and
// once after the normalization algorithm of §10.3 (phases 1 and 2, SPARQL Update), which the constraints presume.
// The converter checks the subset that can fail on data it makes (src/convert/cube-integrity.ts); this is the whole set.
import { readFileSync } from 'node:fs';
import { DataFactory, type Quad } from 'n3';
import { Store } from 'oxigraph';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/convert/dataset.ts';
import { readLicense } from '../../src/convert/sitemap-file.ts';
import { loadInputs } from '../../src/plan/index.ts';
import { quadLine } from '../../src/rdf/serialize.ts';
import { JPP, QB, RDFS, SDMX_DIMENSION, SDMX_MEASURE } from '../../src/rdf/vocab.ts';
import { generalQuads } from '../general-plan-fixture.ts';

const BASE = 'http://localhost:3000/';
const PROLOGUE = `PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX qb: <http://purl.org/linked-data/cube#>
`;

/** §10.3, phase 1 (type and property closure) and phase 2 (push down attachment levels), in the Recommendation's order. */
const NORMALIZE = [
  'INSERT { ?o rdf:type qb:Observation . } WHERE { [] qb:observation ?o . }',
  'INSERT { ?o rdf:type qb:Observation . ?ds rdf:type qb:DataSet . } WHERE { ?o qb:dataSet ?ds . }',
  'INSERT { ?s rdf:type qb:Slice . } WHERE { [] qb:slice ?s. }',
  'INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:DimensionProperty . } WHERE { ?cs qb:dimension ?p . }',
  'INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:MeasureProperty . } WHERE { ?cs qb:measure ?p . }',
  'INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:AttributeProperty . } WHERE { ?cs qb:attribute ?p . }',
  `INSERT { ?obs ?comp ?value } WHERE {
    ?spec qb:componentProperty ?comp ; qb:componentAttachment qb:DataSet .
    ?dataset qb:structure [qb:component ?spec]; ?comp ?value .
    ?obs qb:dataSet ?dataset. }`,
  `INSERT { ?obs ?comp ?value } WHERE {
    ?spec qb:componentProperty ?comp; qb:componentAttachment qb:Slice .
    ?dataset qb:structure [qb:component ?spec]; qb:slice ?slice .
    ?slice ?comp ?value; qb:observation ?obs . }`,
  `INSERT { ?obs ?comp ?value } WHERE {
    ?spec qb:componentProperty ?comp .
    ?comp a qb:DimensionProperty .
    ?dataset qb:structure [qb:component ?spec]; qb:slice ?slice .
    ?slice ?comp ?value; qb:observation ?obs . }`,
];

/** §11.1: each constraint's ASK queries (true = violated). IC-20 and IC-21 are templates, instantiated per hierarchy. */
const CONSTRAINTS: Record<string, readonly string[]> = {
  'IC-1 Unique DataSet': [
    `ASK { { ?obs a qb:Observation . FILTER NOT EXISTS { ?obs qb:dataSet ?dataset1 . } }
      UNION { ?obs a qb:Observation ; qb:dataSet ?dataset1, ?dataset2 . FILTER (?dataset1 != ?dataset2) } }`,
  ],
  'IC-2 Unique DSD': [
    `ASK { { ?dataset a qb:DataSet . FILTER NOT EXISTS { ?dataset qb:structure ?dsd . } }
      UNION { ?dataset a qb:DataSet ; qb:structure ?dsd1, ?dsd2 . FILTER (?dsd1 != ?dsd2) } }`,
  ],
  'IC-3 DSD includes measure': [
    'ASK { ?dsd a qb:DataStructureDefinition . FILTER NOT EXISTS { ?dsd qb:component [qb:componentProperty [a qb:MeasureProperty]] } }',
  ],
  'IC-4 Dimensions have range': ['ASK { ?dim a qb:DimensionProperty . FILTER NOT EXISTS { ?dim rdfs:range [] } }'],
  'IC-5 Concept dimensions have code lists': ['ASK { ?dim a qb:DimensionProperty ; rdfs:range skos:Concept . FILTER NOT EXISTS { ?dim qb:codeList [] } }'],
  'IC-6 Only attributes may be optional': [
    `ASK { ?dsd qb:component ?componentSpec .
      ?componentSpec qb:componentRequired "false"^^xsd:boolean ; qb:componentProperty ?component .
      FILTER NOT EXISTS { ?component a qb:AttributeProperty } }`,
  ],
  'IC-7 Slice Keys must be declared': ['ASK { ?sliceKey a qb:SliceKey . FILTER NOT EXISTS { [a qb:DataStructureDefinition] qb:sliceKey ?sliceKey } }'],
  'IC-8 Slice Keys consistent with DSD': [
    `ASK { ?slicekey a qb:SliceKey; qb:componentProperty ?prop . ?dsd qb:sliceKey ?slicekey .
      FILTER NOT EXISTS { ?dsd qb:component [qb:componentProperty ?prop] } }`,
  ],
  'IC-9 Unique slice structure': [
    `ASK { { ?slice a qb:Slice . FILTER NOT EXISTS { ?slice qb:sliceStructure ?key } }
      UNION { ?slice a qb:Slice ; qb:sliceStructure ?key1, ?key2; FILTER (?key1 != ?key2) } }`,
  ],
  'IC-10 Slice dimensions complete': ['ASK { ?slice qb:sliceStructure [qb:componentProperty ?dim] . FILTER NOT EXISTS { ?slice ?dim [] } }'],
  'IC-11 All dimensions required': [
    `ASK { ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
      ?dim a qb:DimensionProperty; FILTER NOT EXISTS { ?obs ?dim [] } }`,
  ],
  'IC-12 No duplicate observations': [
    `ASK { FILTER( ?allEqual ) {
      SELECT (MIN(?equal) AS ?allEqual) WHERE {
        ?obs1 qb:dataSet ?dataset . ?obs2 qb:dataSet ?dataset . FILTER (?obs1 != ?obs2)
        ?dataset qb:structure/qb:component/qb:componentProperty ?dim . ?dim a qb:DimensionProperty .
        ?obs1 ?dim ?value1 . ?obs2 ?dim ?value2 . BIND( ?value1 = ?value2 AS ?equal)
      } GROUP BY ?obs1 ?obs2 } }`,
  ],
  'IC-13 Required attributes': [
    `ASK { ?obs qb:dataSet/qb:structure/qb:component ?component .
      ?component qb:componentRequired "true"^^xsd:boolean ; qb:componentProperty ?attr .
      FILTER NOT EXISTS { ?obs ?attr [] } }`,
  ],
  'IC-14 All measures present': [
    `ASK { ?obs qb:dataSet/qb:structure ?dsd .
      FILTER NOT EXISTS { ?dsd qb:component/qb:componentProperty qb:measureType }
      ?dsd qb:component/qb:componentProperty ?measure . ?measure a qb:MeasureProperty;
      FILTER NOT EXISTS { ?obs ?measure [] } }`,
  ],
  'IC-15 Measure dimension consistent': [
    `ASK { ?obs qb:dataSet/qb:structure ?dsd ; qb:measureType ?measure .
      ?dsd qb:component/qb:componentProperty qb:measureType .
      FILTER NOT EXISTS { ?obs ?measure [] } }`,
  ],
  'IC-16 Single measure on measure dimension observation': [
    `ASK { ?obs qb:dataSet/qb:structure ?dsd ; qb:measureType ?measure ; ?omeasure [] .
      ?dsd qb:component/qb:componentProperty qb:measureType ; qb:component/qb:componentProperty ?omeasure .
      ?omeasure a qb:MeasureProperty . FILTER (?omeasure != ?measure) }`,
  ],
  'IC-17 All measures present in measures dimension cube': [
    `ASK { {
      SELECT ?numMeasures (COUNT(?obs2) AS ?count) WHERE {
        { SELECT ?dsd (COUNT(?m) AS ?numMeasures) WHERE { ?dsd qb:component/qb:componentProperty ?m. ?m a qb:MeasureProperty . } GROUP BY ?dsd }
        ?obs1 qb:dataSet/qb:structure ?dsd; qb:dataSet ?dataset ; qb:measureType ?m1 .
        ?obs2 qb:dataSet ?dataset ; qb:measureType ?m2 .
        FILTER NOT EXISTS {
          ?dsd qb:component/qb:componentProperty ?dim . FILTER (?dim != qb:measureType)
          ?dim a qb:DimensionProperty . ?obs1 ?dim ?v1 . ?obs2 ?dim ?v2. FILTER (?v1 != ?v2) }
      } GROUP BY ?obs1 ?numMeasures HAVING (?count != ?numMeasures) } }`,
  ],
  'IC-18 Consistent data set links': ['ASK { ?dataset qb:slice ?slice . ?slice qb:observation ?obs . FILTER NOT EXISTS { ?obs qb:dataSet ?dataset . } }'],
  'IC-19 Codes from code list': [
    `ASK { ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
      ?dim a qb:DimensionProperty ; qb:codeList ?list . ?list a skos:ConceptScheme .
      ?obs ?dim ?v . FILTER NOT EXISTS { ?v a skos:Concept ; skos:inScheme ?list } }`,
    `ASK { ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
      ?dim a qb:DimensionProperty ; qb:codeList ?list . ?list a skos:Collection .
      ?obs ?dim ?v . FILTER NOT EXISTS { ?v a skos:Concept . ?list skos:member+ ?v } }`,
  ],
  'IC-20 Codes from hierarchy': [
    `ASK { ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
      ?dim a qb:DimensionProperty ; qb:codeList ?list . ?list a qb:HierarchicalCodeList .
      ?obs ?dim ?v . FILTER NOT EXISTS { ?list qb:hierarchyRoot/<$p>* ?v } }`,
  ],
  'IC-21 Codes from hierarchy (inverse)': [
    `ASK { ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
      ?dim a qb:DimensionProperty ; qb:codeList ?list . ?list a qb:HierarchicalCodeList .
      ?obs ?dim ?v . FILTER NOT EXISTS { ?list qb:hierarchyRoot/(^<$p>)* ?v } }`,
  ],
};

/** The instantiation queries of IC-20 and IC-21: the parent-child properties (or their inverses) to put for $p. */
const INSTANTIATIONS: Record<string, string> = {
  'IC-20 Codes from hierarchy': 'SELECT ?p WHERE { ?hierarchy a qb:HierarchicalCodeList ; qb:parentChildProperty ?p . FILTER ( isIRI(?p) ) }',
  'IC-21 Codes from hierarchy (inverse)':
    'SELECT ?p WHERE { ?hierarchy a qb:HierarchicalCodeList; qb:parentChildProperty ?pcp . FILTER( isBlank(?pcp) ) ?pcp owl:inverseOf ?p . FILTER( isIRI(?p) ) }',
};

/** The merge of the quads' graphs (as the endpoint's default graph is), in a store of its own. */
const storeOf = (quads: readonly Quad[]) => {
  const store = new Store();
  store.load(quads.map((q) => quadLine(DataFactory.quad(q.subject, q.predicate, q.object)) + '\n').join(''), { format: 'application/n-triples' });
  return store;
};
const normalize = (store: Store) => {
  for (const update of NORMALIZE) store.update(PROLOGUE + update);
  return store;
};
/** The names of the constraints the graph breaks. */
const violated = (store: Store): string[] =>
  Object.entries(CONSTRAINTS).flatMap(([name, queries]) => {
    const instantiation = INSTANTIATIONS[name];
    const ps = instantiation ? (store.query(PROLOGUE + instantiation) as Map<string, { value: string }>[]).map((row) => row.get('p')!.value) : [undefined];
    const asks = queries.flatMap((q) => ps.map((p) => (p === undefined ? q : q.replaceAll('$p', p))));
    return asks.some((q) => store.query(PROLOGUE + q) === true) ? [name] : [];
  });

const PLAN = `${BASE}id/132101/plan/dai5ji-kihon-koso`;
const { namedNode, quad } = DataFactory;
let quads: readonly Quad[];
beforeAll(async () => {
  const dataset = await buildDataset(loadInputs(process.cwd()), readFileSync('ontology/jpplan.ttl', 'utf8'), BASE, 'test', readLicense(process.cwd()));
  quads = dataset.quads;
}, 120_000);

describe('the W3C Data Cube integrity constraints over the published dataset', () => {
  it('has observations to check (the queries are not answered over an empty cube)', () => {
    const store = storeOf(quads);
    const rows = store.query(`${PROLOGUE}SELECT (COUNT(*) AS ?n) WHERE { ?o a qb:Observation ; qb:dataSet ?d }`) as Map<string, { value: string }>[];
    expect(Number(rows[0]!.get('n')!.value)).toBeGreaterThan(0);
    expect(store.query(`${PROLOGUE}ASK { ?o qb:dataSet/qb:structure/qb:component/qb:componentProperty ?d . ?o ?d ?v }`)).toBe(true);
  });

  it('holds every one as published, with no normalization (as a consumer runs them against the endpoint)', () => {
    expect(violated(storeOf(quads))).toEqual([]);
  });

  it('holds every one after the normalization algorithm, which adds nothing the publication lacks', () => {
    const store = normalize(storeOf(quads));
    expect(violated(store)).toEqual([]);
    expect(store.size).toBe(storeOf(quads).size);
  });

  // The queries do find what they are for: each break below is reported by its constraint, after normalization.
  const obs = namedNode(`${PLAN}/indicator/1/baseline`);
  const target = namedNode(`${PLAN}/indicator/1/target`);
  const without = (qs: readonly Quad[], s: string, p: string) => qs.filter((q) => !(q.subject.value === s && q.predicate.value === p));
  const breaks: [string, (qs: readonly Quad[]) => Quad[]][] = [
    ['IC-1 Unique DataSet', (qs) => [...qs, quad(obs, namedNode(`${QB}dataSet`), namedNode(`${PLAN}/other`))]],
    ['IC-4 Dimensions have range', (qs) => without(qs, `${SDMX_DIMENSION}refArea`, `${RDFS}range`)],
    ['IC-11 All dimensions required', (qs) => without(qs, obs.value, `${SDMX_DIMENSION}refPeriod`)],
    [
      'IC-12 No duplicate observations',
      (qs) => [...without(without(qs, target.value, `${JPP}valueKind`), target.value, `${SDMX_DIMENSION}refPeriod`), quad(target, namedNode(`${JPP}valueKind`), namedNode(`${JPP}baselineValue`)), quad(target, namedNode(`${SDMX_DIMENSION}refPeriod`), namedNode(`${BASE}id/fiscal-year/2019`))],
    ],
    ['IC-14 All measures present', (qs) => without(qs, obs.value, `${SDMX_MEASURE}obsValue`)],
    ['IC-19 Codes from code list', (qs) => [...without(qs, obs.value, `${JPP}valueKind`), quad(obs, namedNode(`${JPP}valueKind`), namedNode(`${JPP}directionIncrease`))]],
  ];
  it.each(breaks)('reports %s when it is broken', (name, broken) => {
    expect(violated(normalize(storeOf(broken(quads))))).toContain(name);
  });

  it('holds every one for a plan whose new indicators print no baseline, and whose census values name calendar years', () => {
    const general = generalQuads(BASE);
    const fixture = [...general.plan, ...general.vocabulary];
    const store = storeOf(fixture);
    const rows = store.query(`${PROLOGUE}SELECT ?o WHERE { ?o a qb:Observation } ORDER BY ?o`) as Map<string, { value: string }>[];
    expect(rows.map((r) => r.get('o')!.value.replace(`${BASE}id/465054/plan/dai1ji-sogo-keikaku/`, ''))).toEqual(['indicator/1/target', 'indicator/3/baseline', 'indicator/3/target']);
    expect(violated(store)).toEqual([]);
    expect(violated(normalize(storeOf(fixture)))).toEqual([]);
  });

  it('reports IC-3 against the abbreviated form alone, which normalization mends (why the ontology states both forms)', () => {
    const abbreviated = quads.filter((q) => q.predicate.value !== `${QB}componentProperty`);
    expect(violated(storeOf(abbreviated))).toContain('IC-3 DSD includes measure');
    expect(violated(normalize(storeOf(abbreviated)))).toEqual([]);
  });
});
