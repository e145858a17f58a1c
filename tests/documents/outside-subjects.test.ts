// What a municipality's page takes from the shared slice (documents/row-documents.ts outsideSubjects): the resources
// outside every municipality, read from the file's bytes with the lines about municipalities left undecoded.
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { outsideSubjects } from '../../src/documents/index.ts';
import { siteUrls } from '../../src/rdf/uris.ts';

const BASE = 'http://localhost:3000/';
const urls = siteUrls(BASE);
const G = `<${BASE}graph/900001/p>`;
const lines = [
  `<${BASE}id/fiscal-year/2030> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2006/time#Instant> ${G} .`,
  `<${BASE}id/fiscal-year/2030> <http://www.w3.org/2000/01/rdf-schema#label> "2030年度"@ja ${G} .`,
  `<${BASE}id/900001> <http://www.w3.org/2000/01/rdf-schema#label> "合成市"@ja ${G} .`,
  `<${BASE}id/900001/plan/p/goal/1> <http://www.w3.org/2000/01/rdf-schema#label> "目標 1"@ja ${G} .`,
  // Not a municipality: a code of five digits, and one followed by more digits.
  `<${BASE}id/90000> <http://www.w3.org/2000/01/rdf-schema#label> "five"@en ${G} .`,
  `<${BASE}id/9000011> <http://www.w3.org/2000/01/rdf-schema#label> "seven"@en ${G} .`,
  `<${BASE}sources/readme.md> <http://purl.org/dc/terms/title> "README" ${G} .`,
  `_:b0 <http://www.w3.org/2000/01/rdf-schema#label> "blank" ${G} .`,
];
const vocabulary = [DataFactory.quad(DataFactory.namedNode(`${BASE}id/theme/children`), DataFactory.namedNode('http://www.w3.org/2004/02/skos/core#prefLabel'), DataFactory.literal('子ども', 'ja'))];

describe('the resources outside every municipality', () => {
  const about = outsideSubjects(Buffer.from(`${lines.join('\n')}\n`), vocabulary, urls);

  it("give a fiscal year's triples, as triples of the default graph, and the vocabulary's", () => {
    const year = about(`${BASE}id/fiscal-year/2030`);
    expect(year.map((q) => q.object.value).sort()).toEqual(['2030年度', 'http://www.w3.org/2006/time#Instant']);
    expect(year.every((q) => q.graph.termType === 'DefaultGraph')).toBe(true);
    expect(about(`${BASE}id/theme/children`).map((q) => q.object.value)).toEqual(['子ども']);
    expect(about(`${BASE}sources/readme.md`)).toHaveLength(1);
  });

  it("leave out a municipality and everything under it, and only those", () => {
    expect(about(`${BASE}id/900001`)).toEqual([]);
    expect(about(`${BASE}id/900001/plan/p/goal/1`)).toEqual([]);
    expect(about(`${BASE}id/90000`)).toHaveLength(1);
    expect(about(`${BASE}id/9000011`)).toHaveLength(1);
  });

  it('read a file without a final newline, and an empty one', () => {
    expect(outsideSubjects(Buffer.from(lines[0]!), [], urls)(`${BASE}id/fiscal-year/2030`)).toHaveLength(1);
    expect(outsideSubjects(Buffer.alloc(0), [], urls)(`${BASE}id/fiscal-year/2030`)).toEqual([]);
  });
});
