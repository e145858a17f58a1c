// A plan's Data Cube integrity constraints run over the cube's own triples (cubeQuads), not the plan and vocabulary
// whole: the same violations, for each kind of break, as over everything.
import { DataFactory, type Quad } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCubeIntegrity, checkCubeIntegrityOf, cubeQuads } from '../../src/convert/cube-integrity.ts';
import { convert } from '../../src/convert/index.ts';
import { toNQuads } from '../../src/rdf/serialize.ts';
import { JPP, QB, SDMX_DIMENSION, SDMX_MEASURE } from '../../src/rdf/vocab.ts';

const BASE = 'http://localhost:3000/';
const PLAN = `${BASE}id/132101/plan/dai5ji-kihon-koso`;
const { namedNode, quad } = DataFactory;
let quads: readonly Quad[];
beforeAll(async () => {
  ({ quads } = await convert({ root: process.cwd(), baseIri: BASE }));
}, 120_000);

const obs = namedNode(`${PLAN}/indicator/1/baseline`);
const target = namedNode(`${PLAN}/indicator/1/target`);
const ds = namedNode(`${PLAN}/indicators`);
const g = namedNode(`${BASE}graph/132101/dai5ji-kihon-koso`);
const without = (qs: readonly Quad[], s: Quad['subject'], p: string) => qs.filter((q) => !(q.subject.equals(s) && q.predicate.value === p));

const breaks: Record<string, (qs: readonly Quad[]) => Quad[]> = {
  'IC-1 two data sets': (qs) => [...qs, quad(obs, namedNode(`${QB}dataSet`), namedNode(`${PLAN}/other`), g)],
  'IC-1 no data set': (qs) => without(qs, obs, `${QB}dataSet`),
  'IC-2 two structures': (qs) => [...qs, quad(ds, namedNode(`${QB}structure`), namedNode(`${JPP}otherStructure`), g)],
  'IC-2 no structure': (qs) => without(qs, ds, `${QB}structure`),
  'IC-3 a structure without a measure': (qs) => [...qs, quad(namedNode(`${JPP}s2`), namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode(`${QB}DataStructureDefinition`), g)],
  'IC-11 no reference period': (qs) => without(qs, obs, `${SDMX_DIMENSION}refPeriod`),
  'IC-12 a duplicate observation': (qs) =>
    without(without(qs, target, `${JPP}valueKind`), target, `${SDMX_DIMENSION}refPeriod`).concat([
      quad(target, namedNode(`${JPP}valueKind`), namedNode(`${JPP}baselineValue`), g),
      quad(target, namedNode(`${SDMX_DIMENSION}refPeriod`), namedNode(`${BASE}id/fiscal-year/2019`), g),
    ]),
  'IC-12 a duplicate that lacks a dimension': (qs) =>
    without(without(qs, target, `${JPP}valueKind`), target, `${SDMX_DIMENSION}refPeriod`).concat([quad(target, namedNode(`${JPP}valueKind`), namedNode(`${JPP}baselineValue`), g)]),
  'IC-14 no measure': (qs) => without(qs, obs, `${SDMX_MEASURE}obsValue`),
};

describe('the cube integrity constraints over the cube triples', () => {
  it('hold on the real data, read from a small part of it', () => {
    expect(checkCubeIntegrityOf(quads)).toEqual([]);
    const cube = cubeQuads(quads);
    expect(cube.length).toBeGreaterThan(20);
    expect(cube.length * 10).toBeLessThan(quads.length);
  });

  it.each(Object.keys(breaks))('report %s exactly as over the whole graph', (name) => {
    const broken = breaks[name]!(quads);
    const whole = checkCubeIntegrity(toNQuads(broken));
    expect(whole.length, name).toBeGreaterThan(0);
    expect(whole.map((v) => v.message.split(' ')[3])).toContain(name.split(' ')[0]);
    expect(checkCubeIntegrityOf(broken)).toEqual(whole);
  });

  it('does not take two values of a dimension, one shared, for a duplicate (IC-12 as its query reads)', () => {
    const broken = without(quads, target, `${SDMX_DIMENSION}refPeriod`).concat([
      quad(target, namedNode(`${JPP}valueKind`), namedNode(`${JPP}baselineValue`), g),
      quad(target, namedNode(`${SDMX_DIMENSION}refPeriod`), namedNode(`${BASE}id/fiscal-year/2019`), g),
    ]);
    const whole = checkCubeIntegrity(toNQuads(broken));
    expect(whole.map((v) => v.message.split(' ')[3])).not.toContain('IC-12');
    expect(checkCubeIntegrityOf(broken)).toEqual(whole);
  });
});
