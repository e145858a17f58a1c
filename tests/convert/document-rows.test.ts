// The document rows file: what a resource's row holds, read back as written, and the order it needs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory, type Quad } from 'n3';
import { afterEach, describe, expect, it } from 'vitest';
import { DOCUMENTS_FILE, documentRowsWriter, openDocumentRows } from '../../src/convert/document-rows.ts';

const { quad, namedNode: iri, literal, blankNode } = DataFactory;
const BASE = 'http://localhost:3000/';
const RDFS_LABEL = iri('http://www.w3.org/2000/01/rdf-schema#label');
const TYPE = iri('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
const PLAN = iri('https://w3id.org/jp-plan/def#plan');
const TEXT = iri('https://w3id.org/jp-plan/def#text');
const g = iri(`${BASE}graph/132101/p`);
const plan = iri(`${BASE}id/132101/plan/p`);
const measure = iri(`${BASE}id/132101/plan/p/measure/1`);
const year = iri(`${BASE}id/fiscal-year/2030`);

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (graphs: readonly (readonly [string, readonly Quad[]])[]) => {
  dir = mkdtempSync(join(tmpdir(), 'jpp-rows-'));
  const writer = documentRowsWriter(dir, BASE);
  for (const [code, quads] of graphs) writer.add(code, quads);
  return writer.finish();
};

describe('document rows', () => {
  it("give back a resource's own and inbound lines and the names of what it mentions, long rows included", () => {
    const long = 'まちづくり'.repeat(400); // 6 kB of UTF-8: deflated
    const entry = write([
      [
        '132101',
        [
          quad(measure, TYPE, iri('https://w3id.org/jp-plan/def#Measure'), g),
          quad(measure, RDFS_LABEL, literal('施策1', 'ja'), g),
          quad(measure, PLAN, plan, g),
          quad(measure, TEXT, literal(long, 'ja'), g),
          quad(plan, RDFS_LABEL, literal('計画', 'ja'), g),
          quad(year, RDFS_LABEL, literal('2030年度', 'ja'), g),
          quad(blankNode('b'), PLAN, plan, g),
        ],
      ],
    ]);
    expect(entry).toMatchObject({ path: DOCUMENTS_FILE, mediaType: 'application/vnd.sqlite3' });
    const rows = openDocumentRows(join(dir, DOCUMENTS_FILE));
    try {
      const own = rows.triples('132101', measure.value).own.split('\n');
      expect(own).toHaveLength(4);
      expect(own.some((l) => l.includes(long))).toBe(true);
      // The blank node's link is left out, as the document index leaves it out.
      expect(rows.triples('132101', plan.value).inbound).toBe(`<${measure.value}> <${PLAN.value}> <${plan.value}> .`);
      expect(rows.names('132101', year.value)).toBe(`<${year.value}> <${RDFS_LABEL.value}> "2030年度"@ja .`);
      // A shared resource is named in the slice, never described there; another slice knows nothing of these.
      expect(rows.triples('132101', year.value)).toEqual({ own: '', inbound: '' });
      expect(rows.triples('131121', measure.value)).toEqual({ own: '', inbound: '' });
    } finally {
      rows.close();
    }
  });

  it("refuse a municipality's graphs that do not come together", () => {
    const one = [quad(plan, RDFS_LABEL, literal('計画', 'ja'), g)];
    expect(() => write([['132101', one], ['131121', one], ['132101', one]])).toThrow(/the graphs of 132101 came apart/);
  });
});
