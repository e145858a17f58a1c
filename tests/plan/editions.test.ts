// Editions and their lineage: plan ids carry an edition key, a plan names its series and version, and a second edition
// (a test fixture only, never published data) replaces the first and continues its elements, visible in SPARQL.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../../src/convert/index.ts';
import { InputError } from '../../src/plan/index.ts';
import { createLocalStore, type Store } from '../../src/store/index.ts';
import { addSource, FIFTH_PLAN, FIFTH_SOURCE, FIFTH_SOURCE_FILE, freshRoot } from '../editions-fixture.ts';
import { BASE, testConfig } from '../helpers.ts';

const KIYOSE = 'data/plans/132217-kiyose.yaml';
let root: string;

const problemsOf = async (dir: string): Promise<string[]> => {
  try {
    await convert({ root: dir, baseIri: BASE });
    return [];
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return e.problems.map((p) => `${p.file}:${p.line ?? '-'}:${p.column ?? '-'} ${p.path ?? ''} ${p.reason}`);
  }
};

beforeAll(() => {
  root = freshRoot();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('plan files', () => {
  it('refuse a plan id that does not begin with its edition key, naming file, line and reason', async () => {
    const dir = freshRoot();
    const file = join(dir, KIYOSE);
    writeFileSync(file, readFileSync(file, 'utf8').replace('id: dai4ji-choki-sogo-keikaku', 'id: choki-sogo-keikaku'));
    const problems = await problemsOf(dir);
    expect(problems).toEqual([expect.stringMatching(/^data\/plans\/132217-kiyose\.yaml:\d+:\d+ plan\.id a plan id begins with its edition key "dai4ji-"/)]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuse an edition given both ways, or supported by nothing', async () => {
    const dir = freshRoot();
    const file = join(dir, KIYOSE);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('edition: { number: 4, text: 第4次清瀬市長期総合計画 }', 'edition: { number: 4, firstFiscalYear: 2016 }'));
    const problems = await problemsOf(dir);
    expect(problems.join('\n')).toMatch(/give the edition number or the first fiscal year, not both/);
    expect(problems.join('\n')).toMatch(/give the quoted text or the evidence URL/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuse an adoption date that the quoted text contradicts', async () => {
    const dir = freshRoot();
    const file = join(dir, 'data/plans/132110-kodaira.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('date: "2020-12-18"', 'date: "2021-12-18"'));
    expect((await problemsOf(dir)).join('\n')).toMatch(/plan\.version\.date "令和2年12月18日議決" is in 2020, not 2021/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuse continuing an element of a plan that is not replaced, or that does not exist', async () => {
    const dir = freshRoot();
    addSource(dir, FIFTH_SOURCE_FILE, FIFTH_SOURCE);
    writeFileSync(join(dir, 'data/plans/132217-kiyosefifth.yaml'), FIFTH_PLAN.replace('continues: vision/1', 'continues: vision/99'));
    expect((await problemsOf(dir)).join('\n')).toMatch(/"vision\/99" is not an element of data\/plans\/132217-kiyose\.yaml/);
    writeFileSync(join(dir, 'data/plans/132217-kiyosefifth.yaml'), FIFTH_PLAN.replace('  replaces: dai4ji-choki-sogo-keikaku\n', ''));
    expect((await problemsOf(dir)).join('\n')).toMatch(/the plan has no "replaces"/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('a second edition (test fixture)', () => {
  let store: Store;
  beforeAll(async () => {
    addSource(root, FIFTH_SOURCE_FILE, FIFTH_SOURCE);
    writeFileSync(join(root, 'data/plans/132217-kiyosefifth.yaml'), FIFTH_PLAN);
    const dataset = await convert({ root, baseIri: BASE });
    const config = testConfig({ workers: 1 });
    store = createLocalStore({ ...config.sparql, baseIri: BASE });
    await store.load(String(dataset.files.find((f) => f.path === 'dataset.nq')!.content), dataset.manifest.version);
  });
  afterAll(() => store?.close());

  const select = async (query: string) => {
    const a = await store.query({ query, form: 'SELECT', services: [], defaultGraphs: [], namedGraphs: [], resultsMediaType: 'text/csv', graphMediaType: 'text/turtle' });
    return a.kind === 'results' ? a.body.trim().split('\r\n').slice(1) : [];
  };

  it('coexists with the first edition in one series, and replaces it', async () => {
    const rows = await select(`PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX prov: <http://www.w3.org/ns/prov#>
      PREFIX schema: <http://schema.org/> PREFIX bibo: <http://purl.org/ontology/bibo/>
      SELECT ?edition ?number ?previous ?revised WHERE {
        <${BASE}id/132217/series/choki-sogo-keikaku> schema:hasPart ?edition .
        ?edition bibo:edition ?number .
        OPTIONAL { ?edition dcterms:replaces ?previous ; prov:wasRevisionOf ?revised }
      } ORDER BY ?number`);
    const plan = (n: number) => `${BASE}id/132217/plan/dai${n}ji-choki-sogo-keikaku`;
    expect(rows).toEqual([`${plan(4)},4,,`, `${plan(5)},5,${plan(4)},${plan(4)}`]);
  });

  it('says which element of the previous edition an element continues', async () => {
    const rows = await select(`PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX jpp: <https://w3id.org/jp-plan/def#>
      SELECT ?now ?before WHERE { ?now jpp:plan/prov:wasRevisionOf ?previousPlan ; prov:wasRevisionOf ?before . ?before jpp:plan ?previousPlan }`);
    const plan = (n: number) => `${BASE}id/132217/plan/dai${n}ji-choki-sogo-keikaku`;
    expect(rows.sort()).toEqual(['goal/1-1', 'measure/1-1-1', 'vision/1'].map((e) => `${plan(5)}/${e},${plan(4)}/${e}`));
  });

  it('publishes each version with its status, and cites the page that states what the text does not', async () => {
    const rows = await select(`PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX bibo: <http://purl.org/ontology/bibo/>
      PREFIX prov: <http://www.w3.org/ns/prov#>
      SELECT ?version ?status ?cited WHERE { ?plan dcterms:hasVersion ?version . ?version bibo:status ?status .
        OPTIONAL { ?version prov:hadPrimarySource ?cited } FILTER(STRSTARTS(STR(?plan), "${BASE}id/132217/")) } ORDER BY ?version`);
    expect(rows).toEqual([
      `${BASE}id/132217/plan/dai4ji-choki-sogo-keikaku/version/published,https://w3id.org/jp-plan/def#statusPublished,`,
      `${BASE}id/132217/plan/dai5ji-choki-sogo-keikaku/version/draft,https://w3id.org/jp-plan/def#statusDraft,https://example.org/kiyose/dai5ji-an`,
    ]);
  });
});

describe('the published plans', () => {
  it('record the adoption of 小平市\'s 基本構想 as printed (令和2年12月18日議決)', async () => {
    const dataset = await convert({ root: process.cwd(), baseIri: BASE });
    const v = `${BASE}id/132110/plan/2021-kihon-koso/version/adopted`;
    const accepted = dataset.quads.find((q) => q.subject.value === v && q.predicate.value === 'http://purl.org/dc/terms/dateAccepted');
    expect(accepted?.object.value).toBe('2020-12-18');
    const quoted = dataset.quads.find((q) => q.subject.value === `${v}/quote/text/exact` && q.predicate.value === 'http://www.w3.org/ns/oa#exact');
    expect(quoted?.object.value).toBe('令和2年12月18日議決');
  });
});
