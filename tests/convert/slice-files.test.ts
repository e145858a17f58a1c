// The shared slice keeps a hub's inbound links up to INBOUND_CAP, the first by triple key, and says how many there are.
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { INBOUND_CAP } from '../../src/convert/index.ts';
import { SliceFiles } from '../../src/convert/slice-files.ts';
import { JPP, RDF, RDFS } from '../../src/rdf/vocab.ts';

const BASE = 'http://localhost:3000/';
const GRAPH = `${BASE}graph/131121/p`;
const THEME = `${BASE}id/theme/children`;
const PLAN = `${BASE}id/131121/plan/p`;
const MUNICIPALITY = `${BASE}id/131121`;
const element = (i: number) => `${BASE}id/131121/plan/p/goal/${String(i).padStart(4, '0')}`;

/** A plan graph of `n` goals, each tagged with THEME, typed and labelled. */
const planGraph = (n: number): string =>
  Array.from({ length: n }, (_, i) => {
    const e = element(i);
    return [
      `<${e}> <${JPP}theme> <${THEME}> <${GRAPH}> .`,
      `<${e}> <${RDF}type> <${JPP}Goal> <${GRAPH}> .`,
      `<${e}> <${JPP}plan> <${PLAN}> <${GRAPH}> .`,
      `<${e}> <${RDFS}label> "goal ${i}"@ja <${GRAPH}> .`,
    ].join('\n');
  })
    .concat(`<${PLAN}> <${JPP}municipality> <${MUNICIPALITY}> <${GRAPH}> .`)
    .join('\n');

const parsed = (nq: string) => new Parser({ format: 'N-Quads' }).parse(nq);
const graphInfo = (n: number) => ({ iri: GRAPH, quads: n * 4 + 1, plan: { iri: PLAN, municipality: '131121', id: 'p', file: 'p.yaml' } });

describe('the shared slice', () => {
  it('keeps every inbound link of a resource below the cap', () => {
    const files = new SliceFiles(BASE);
    files.addPlan(graphInfo(3), parsed(planGraph(3)));
    const { shared, summary } = files.finish();
    expect(shared.split('\n').filter((l) => l.includes(`<${JPP}theme>`))).toHaveLength(3);
    expect(shared).toContain('"goal 2"@ja');
    expect(summary.truncated).toEqual({});
    expect(summary.themeCounts[THEME]).toEqual({ [MUNICIPALITY]: 3 });
  });

  it('cuts a hub at INBOUND_CAP links, the first by triple key, with their subjects named, and records the total', () => {
    const n = INBOUND_CAP + 25;
    const files = new SliceFiles(BASE);
    files.addPlan(graphInfo(n), parsed(planGraph(n)));
    const { shared, summary } = files.finish();
    const links = shared.split('\n').filter((l) => l.includes(`<${JPP}theme>`));
    expect(links).toHaveLength(INBOUND_CAP);
    expect(links[0]).toContain(element(0));
    expect(links.at(-1)).toContain(element(INBOUND_CAP - 1));
    expect(shared).toContain(`"goal ${INBOUND_CAP - 1}"@ja`);
    expect(shared).not.toContain(`"goal ${INBOUND_CAP}"@ja`);
    expect(summary.truncated).toEqual({ [THEME]: n });
    // The counts the pages show stay exact.
    expect(summary.elementCounts[PLAN]).toEqual({ Goal: n });
    expect(summary.themeCounts[THEME]).toEqual({ [MUNICIPALITY]: n });
  });

  it('keeps the same first INBOUND_CAP links when far more come, in any order, and counts them all', () => {
    const n = 4 * INBOUND_CAP + 100;
    const quads = parsed(planGraph(n));
    const forward = new SliceFiles(BASE);
    forward.addPlan(graphInfo(n), quads);
    const backward = new SliceFiles(BASE);
    backward.addPlan(graphInfo(n), [...quads].reverse());
    const a = forward.finish();
    const b = backward.finish();
    expect(b.shared).toBe(a.shared);
    const links = a.shared.split('\n').filter((l) => l.includes(`<${JPP}theme>`));
    expect(links).toHaveLength(INBOUND_CAP);
    expect(links.at(-1)).toContain(element(INBOUND_CAP - 1));
    expect(a.summary.truncated).toEqual({ [THEME]: n });
    expect(b.summary.truncated).toEqual({ [THEME]: n });
  });

  it('writes the same bytes whatever order the plans come in', () => {
    const one = new SliceFiles(BASE);
    one.addPlan(graphInfo(2), parsed(planGraph(2)));
    const other = new SliceFiles(BASE);
    other.addPlan(graphInfo(2), parsed(planGraph(2).split('\n').reverse().join('\n')));
    expect(other.finish().shared).toBe(one.finish().shared);
  });
});
