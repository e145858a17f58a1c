// The merge's statistics, counted one graph at a time by hash, equal the exact ones over the distinct merge.
import { readFileSync } from 'node:fs';
import { DataFactory, type NamedNode, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/convert/dataset.ts';
import { readLicense } from '../../src/convert/sitemap-file.ts';
import { loadInputs } from '../../src/plan/index.ts';
import { HashSet64 } from '../../src/rdf/hash-set.ts';
import { MergeStats, tripleStats } from '../../src/rdf/triple-stats.ts';
import { DCTERMS, ESTAT_SAC, jpp, RDF } from '../../src/rdf/vocab.ts';

const BASE = 'http://localhost:3000/';
const { namedNode, literal, quad } = DataFactory;
const distinct = (quads: readonly Quad[]) => [...new Map(quads.map((q) => [`${q.subject.id} ${q.predicate.id} ${q.object.id}`, DataFactory.quad(q.subject, q.predicate, q.object)])).values()];

describe('HashSet64', () => {
  it('tells 300,000 different strings apart and knows each one again', () => {
    const set = new HashSet64();
    for (let i = 0; i < 300_000; i++) expect(set.add(`<${BASE}id/${i}>`)).toBe(true);
    expect(set.size).toBe(300_000);
    for (let i = 0; i < 300_000; i += 7) expect(set.add(`<${BASE}id/${i}>`)).toBe(false);
    expect(set.size).toBe(300_000);
  });
});

describe('MergeStats', () => {
  it('counts the distinct merge of graphs that repeat triples (two editions describe one municipality)', () => {
    const g1: NamedNode = namedNode(`${BASE}graph/1`);
    const g2: NamedNode = namedNode(`${BASE}graph/2`);
    const town = namedNode(`${BASE}id/131121`);
    const shared = (g: typeof g1) => [
      quad(town, namedNode(`${RDF}type`), namedNode(jpp('Municipality')), g),
      quad(town, namedNode(`${DCTERMS}spatial`), namedNode(`${ESTAT_SAC}C13112`), g),
      quad(town, namedNode(`${DCTERMS}identifier`), literal('131121'), g),
    ];
    const plan = (n: number, g: typeof g1) => [
      quad(namedNode(`${BASE}id/131121/plan/${n}`), namedNode(`${RDF}type`), namedNode(jpp('Plan')), g),
      quad(namedNode(`${BASE}id/131121/plan/${n}`), namedNode(`${DCTERMS}title`), literal('計画', 'ja'), g),
      quad(namedNode(`${BASE}id/131121/plan/${n}`), namedNode(`${DCTERMS}spatial`), namedNode(`${ESTAT_SAC}C13112`), g),
    ];
    const graphs = [[...shared(g1), ...plan(1, g1)], [...shared(g2), ...plan(2, g2)]];
    const merge = new MergeStats(`${BASE}id/`, [jpp('Plan'), jpp('Goal')], [{ predicate: `${DCTERMS}spatial`, objectSpace: ESTAT_SAC }]);
    graphs.forEach((g) => merge.add(g));
    const { examples, links, ...totals } = merge.totals();
    expect(totals).toEqual(tripleStats(distinct(graphs.flat()), `${BASE}id/`));
    expect(totals.triples).toBe(9);
    expect(examples).toEqual({ [jpp('Plan')]: `${BASE}id/131121/plan/1` });
    // The municipality's link is one triple however many graphs repeat it.
    expect(links).toEqual([3]);
  });

  it('equals the exact statistics over the five plans', async () => {
    const dataset = await buildDataset(loadInputs(process.cwd()), readFileSync('ontology/jpplan.ttl', 'utf8'), BASE, 'test', readLicense(process.cwd()));
    const merge = new MergeStats(`${BASE}id/`, [], []);
    for (const g of dataset.manifest.graphs) merge.add(dataset.quads.filter((q) => q.graph.value === g.iri));
    const { examples: _e, links: _l, ...totals } = merge.totals();
    expect(totals).toEqual(tripleStats(distinct(dataset.quads), `${BASE}id/`));
    expect(totals.triples).toBeGreaterThan(7000);
  });
});
