// Coverage and provenance: the published document is its own resource (written by the municipality), our extract is
// derived from it, published by this project and says in ja and en what part of the document it holds.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory, type Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ontologyQuads } from '../../src/convert/dataset.ts';
import { validateShacl } from '../../src/convert/shacl.ts';
import { InputError, loadInputs, type Inputs } from '../../src/plan/index.ts';
import { planToQuads } from '../../src/rdf/plan-to-quads.ts';
import { themesToQuads } from '../../src/rdf/themes-to-quads.ts';
import { iris } from '../../src/rdf/uris.ts';

const BASE = 'http://localhost:3000/';
const uri = iris(BASE);
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const DCT = 'http://purl.org/dc/terms/';
const PROV = 'http://www.w3.org/ns/prov#';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const JPP = 'https://w3id.org/jp-plan/def#';

let inputs: Inputs;
beforeAll(() => {
  inputs = loadInputs(process.cwd());
});

const objects = (quads: readonly Quad[], s: string, p: string) => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);
const values = (quads: readonly Quad[], s: string, p: string) => objects(quads, s, p).map((o) => o.value).sort();
const langs = (quads: readonly Quad[], s: string, p: string) =>
  objects(quads, s, p).map((o) => (o.termType === 'Literal' ? o.language : '')).sort();

/** The document title each plan file gives, as printed (none where neither the source nor the seeds README prints one). */
const TITLES: Record<string, string | undefined> = {
  '131121/2024-kihon-keikaku': '基本計画',
  '132101/dai5ji-kihon-koso': '第5次小金井市 基本構想・前期基本計画(案) 市HP用説明スライド',
  '132110/2021-kihon-koso': undefined,
  '132217/dai4ji-choki-sogo-keikaku': undefined,
  '132292/dai3ji-kihon-koso': '基本構想',
};

describe('the published document and our extract, per plan', () => {
  it('covers all five plans', () => {
    expect(inputs.plans.map((p) => `${p.municipality.code}/${p.id}`).sort()).toEqual(Object.keys(TITLES).sort());
  });

  it('types the document, names the municipality as its creator and links it from the plan', () => {
    for (const plan of inputs.plans) {
      const quads = planToQuads(plan, uri);
      const planIri = uri.plan(plan.municipality.code, plan.id);
      const document = uri.publishedDocument(plan.municipality.code, plan.id);
      const municipality = uri.municipality(plan.municipality.code);
      expect(document).toBe(`${BASE}id/${plan.municipality.code}/document/${plan.id}`);
      expect(values(quads, document, RDF_TYPE)).toEqual([`${DCT}BibliographicResource`, `${FOAF}Document`]);
      expect(values(quads, document, `${DCT}creator`)).toEqual([municipality]);
      expect(values(quads, planIri, `${DCT}source`)).toEqual([document]);
      expect(values(quads, planIri, `${DCT}creator`)).toEqual([municipality]);
      expect(values(quads, planIri, `${DCT}publisher`)).toEqual([municipality]);
      // The document is not our extract.
      expect(document).not.toBe(uri.sourceText(plan.source.file));
    }
  });

  it('gives the document a title only where it is printed, with its quote', () => {
    for (const plan of inputs.plans) {
      const quads = planToQuads(plan, uri);
      const document = uri.publishedDocument(plan.municipality.code, plan.id);
      const title = TITLES[`${plan.municipality.code}/${plan.id}`];
      expect(values(quads, document, `${DCT}title`)).toEqual(title === undefined ? [] : [title]);
      expect(values(quads, document, `${JPP}titleQuote`)).toEqual(title === undefined ? [] : [`${document}/quote/title`]);
    }
    // 西東京市's source never names its document; the title is quoted from the seeds README.
    const nishitokyo = inputs.plans.find((p) => p.municipality.code === '132292')!;
    const quads = planToQuads(nishitokyo, uri);
    expect(values(quads, `${uri.publishedDocument('132292', 'dai3ji-kihon-koso')}/quote/title`, 'http://www.w3.org/ns/oa#hasSource')).toEqual([
      uri.sourceText('SEEDS-README.md'),
    ]);
  });

  it('makes the extract derived from the document, published by this project, with its coverage in ja and en', () => {
    for (const plan of inputs.plans) {
      const quads = planToQuads(plan, uri);
      const source = uri.sourceText(plan.source.file);
      expect(values(quads, source, `${PROV}wasDerivedFrom`)).toEqual([uri.publishedDocument(plan.municipality.code, plan.id)]);
      expect(values(quads, source, `${DCT}publisher`)).toEqual([`${BASE}catalog/publisher`]);
      expect(values(quads, source, `${DCT}publisher`)).not.toContain(uri.municipality(plan.municipality.code));
      expect(langs(quads, source, `${DCT}description`)).toEqual(['en', 'ja']);
      for (const d of objects(quads, source, `${DCT}description`)) expect(d.value.length).toBeGreaterThan(40);
    }
  });

  it('states what each source holds, from the plan files', () => {
    const coverage = (code: string) => inputs.plans.find((p) => p.municipality.code === code)!.coverage;
    expect(coverage('131121').ja).toContain('重点政策');
    expect(coverage('132101').ja).toContain('市HP用説明スライド');
    expect(coverage('132110').ja).toContain('第2編 基本構想');
    expect(coverage('132110').en).toContain('pages 26–40');
    expect(coverage('132217').en).toContain('Not the text of the 4th Kiyose City Long-term Comprehensive Plan');
    expect(coverage('132292').ja).toContain('4 基本目標(目指すべき将来像)');
  });
});

describe('the shapes', () => {
  const shapes = readFileSync('ontology/shapes.ttl', 'utf8');
  const graph = () => {
    const plan = inputs.plans.find((p) => p.municipality.code === '132292')!;
    const vocabulary = [
      ...ontologyQuads(readFileSync('ontology/jpplan.ttl', 'utf8'), uri.vocabularyGraph(), 'ontology/jpplan.ttl'),
      ...themesToQuads(inputs.themes, uri),
    ];
    return { quads: [...vocabulary, ...planToQuads(plan, uri)], source: uri.sourceText(plan.source.file), document: uri.publishedDocument('132292', 'dai3ji-kihon-koso') };
  };
  const report = async (quads: Quad[]) => (await validateShacl(quads, shapes)).map((v) => `${v.focusNode} ${v.path ?? ''} ${v.message}`).join('\n');

  it('accept the plan graph as built', async () => {
    expect(await report(graph().quads)).toBe('');
  });

  it('reject a source text without its coverage', async () => {
    const { quads, source } = graph();
    const text = await report(quads.filter((q) => !(q.subject.value === source && q.predicate.value === `${DCT}description`)));
    expect(text).toMatch(/source text a plan is derived from needs a dcterms:description in Japanese/);
    expect(text).toMatch(/in English \(@en\) saying what part of the published document it holds/);
  });

  it('reject a source text with its coverage in Japanese only', async () => {
    const { quads, source } = graph();
    const text = await report(quads.filter((q) => !(q.subject.value === source && q.predicate.value === `${DCT}description` && q.object.termType === 'Literal' && q.object.language === 'en')));
    expect(text).toMatch(/in English \(@en\) saying what part/);
    expect(text).not.toMatch(/in Japanese \(@ja\) saying/);
  });

  it('reject a source text that names the municipality as its publisher', async () => {
    const { quads, source } = graph();
    const swapped = quads.map((q) =>
      q.subject.value === source && q.predicate.value === `${DCT}publisher` ? DataFactory.quad(q.subject, q.predicate, DataFactory.namedNode(uri.municipality('132292')), q.graph) : q,
    );
    expect(await report(swapped)).toMatch(/dcterms:publisher: this project/);
  });

  it('reject a published document without a municipality as its creator', async () => {
    const { quads, document } = graph();
    const text = await report(quads.filter((q) => !(q.subject.value === document && q.predicate.value === `${DCT}creator`)));
    expect(text).toMatch(/exactly one dcterms:creator/);
  });
});

describe('a plan file without coverage', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'jpp-prov-'));
    cpSync('data', join(root, 'data'), { recursive: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('fails validation with the file, the line and the reason', () => {
    const file = join(root, 'data/plans/132292-nishitokyo.yaml');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((l) => l === '  coverage:');
    expect(at).toBeGreaterThan(0);
    writeFileSync(file, [...lines.slice(0, at), ...lines.slice(at + 3)].join('\n'));
    const error = (() => {
      try {
        loadInputs(root);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    const problems = (error as InputError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'data/plans/132292-nishitokyo.yaml', path: 'source.coverage' });
    expect(problems[0]!.line).toBe(lines.findIndex((l) => l === 'source:') + 1 + 1);
    expect(problems[0]!.reason).toMatch(/expected object/i);
  });
});
