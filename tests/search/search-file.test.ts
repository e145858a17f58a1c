// The build's on-disk search index (search.sqlite): rows made per plan at conversion equal the whole dataset's search
// documents, the file is reproducible byte for byte, and it answers short, grouped, cross-field and hostile queries.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert, type Dataset } from '../../src/convert/index.ts';
import { planSearchRows, SEARCH_FILE, writeSearchBuildFile } from '../../src/convert/search-file.ts';
import { buildViewIndex, distinctTriples, searchDocuments } from '../../src/documents/index.ts';
import { siteUrls } from '../../src/rdf/uris.ts';
import { NORMALIZATION_VERSION, openSearchFile, writeSearchFile, type SearchDocument, type SearchFile } from '../../src/search/index.ts';

const BASE = 'http://localhost:3000/';
let dataset: Dataset;
let dir: string;
let perPlan: SearchDocument[][];
let index: SearchFile;

beforeAll(async () => {
  dataset = await convert({ root: process.cwd(), baseIri: BASE });
  dir = mkdtempSync(join(tmpdir(), 'jpp-search-file-'));
  const byGraph = new Map<string, Quad[]>();
  for (const q of dataset.quads) (byGraph.get(q.graph.value) ?? byGraph.set(q.graph.value, []).get(q.graph.value)!).push(q);
  perPlan = dataset.manifest.graphs.filter((g) => g.plan).map((g) => planSearchRows(byGraph.get(g.iri)!, BASE));
  writeSearchBuildFile(dir, perPlan);
  index = openSearchFile(join(dir, SEARCH_FILE));
}, 120_000);
afterAll(() => {
  index?.close();
  rmSync(dir, { recursive: true, force: true });
});

const plain = (docs: readonly SearchDocument[]) => JSON.parse(JSON.stringify([...docs].sort((a, b) => (a.id < b.id ? -1 : 1)))) as unknown;

describe('search rows made per plan at conversion', () => {
  it('equal the search documents of the whole dataset view, for the five plans', () => {
    const whole = searchDocuments(buildViewIndex(distinctTriples(dataset.quads), siteUrls(BASE)));
    expect(perPlan.length).toBe(5);
    expect(perPlan.flat().length).toBe(whole.length);
    expect(plain(perPlan.flat())).toEqual(plain(whole));
  });
});

describe('municipalities in the search rows', () => {
  it('are a row each, named, made with each plan of theirs and written once', () => {
    const rows = perPlan.flat().filter((d) => d.shown?.cls === 'Municipality');
    expect(rows.map((d) => [d.id, d.group, d.fields.title])).toEqual([
      [`${BASE}id/131121`, '131121', '世田谷区'],
      [`${BASE}id/132101`, '132101', '小金井市'],
      [`${BASE}id/132110`, '132110', '小平市'],
      [`${BASE}id/132217`, '132217', '清瀬市'],
      [`${BASE}id/132292`, '132292', '西東京市'],
    ]);
    // A plan row carries its municipality's name; an element's does not.
    expect(perPlan[0]!.find((d) => d.shown?.cls === 'Plan')!.fields.field).toBe('世田谷区');
    expect(perPlan[0]!.filter((d) => d.shown?.cls !== 'Plan' && d.shown?.cls !== 'Municipality').every((d) => !d.fields.field?.includes('世田谷区'))).toBe(true);
    expect(index.search('世田谷区').hits[0]!.id).toBe(`${BASE}id/131121`);
    expect(index.search('世田谷区 基本計画').hits[0]!.id).toBe(`${BASE}id/131121/plan/2024-kihon-keikaku`);
    // A second plan of 世田谷区 (its rows as a plan's conversion makes them): the municipality is written once.
    const setagaya = perPlan[0]!;
    const second = setagaya.filter((d) => d.shown?.cls !== 'Plan' || d.id.endsWith('2024-kihon-keikaku')).map((d) => (d.shown?.cls === 'Municipality' ? d : { ...d, id: d.id.replace('2024-kihon-keikaku', '2030-kihon-keikaku') }));
    expect(second.filter((d) => d.id === `${BASE}id/131121`).length).toBe(1);
    const twoPlans = mkdtempSync(join(tmpdir(), 'jpp-search-file-'));
    try {
      writeSearchBuildFile(twoPlans, [setagaya, second, ...perPlan.slice(1)]);
      const file = openSearchFile(join(twoPlans, SEARCH_FILE));
      try {
        const ids = file.search('世田谷区', { limit: 1000 }).hits.map((h) => h.id);
        expect(ids.filter((id) => id === `${BASE}id/131121`)).toEqual([`${BASE}id/131121`]);
        expect(ids).toContain(`${BASE}id/131121/plan/2030-kihon-keikaku`);
        expect(file.size).toBe(perPlan.flat().length + second.length - 1);
      } finally {
        file.close();
      }
    } finally {
      rmSync(twoPlans, { recursive: true, force: true });
    }
  });
});

describe('search.sqlite', () => {
  it('is listed in the manifest beside the files (not as a dump or distribution)', () => {
    expect(dataset.manifest.search).toMatchObject({ path: SEARCH_FILE, mediaType: 'application/vnd.sqlite3' });
    expect(dataset.manifest.files.map((f) => f.path)).not.toContain(SEARCH_FILE);
  });

  it('is byte-identical when written twice from the same rows, and equals the in-memory conversion\'s file', () => {
    const again = mkdtempSync(join(tmpdir(), 'jpp-search-file-'));
    try {
      const a = writeSearchBuildFile(again, perPlan);
      const first = readFileSync(join(dir, SEARCH_FILE));
      expect(readFileSync(join(again, SEARCH_FILE)).equals(first)).toBe(true);
      const listed = dataset.manifest.search!;
      expect(listed).toEqual(a);
      expect(Buffer.from(dataset.files.find((f) => f.path === SEARCH_FILE)!.content).equals(first)).toBe(true);
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it('answers two-character and one-character queries with substring hits', () => {
    const two = index.search('まち', { limit: 1000 });
    expect(two.total).toBeGreaterThan(20);
    expect(two.hits.length).toBe(two.total);
    expect(two.hits.every((h) => h.matched.length > 0)).toBe(true);
    const one = index.search('緑', { limit: 1000 });
    expect(one.total).toBeGreaterThan(0);
    expect(one.hits.every((h) => h.matched.length > 0)).toBe(true);
    // Pages are slices of one order.
    const page = index.search('まち', { offset: 20, limit: 20 });
    expect(page.hits.map((h) => h.id)).toEqual(two.hits.slice(20, 40).map((h) => h.id));
  });

  it('filters by municipality code, and knows no unknown group', () => {
    const all = index.search('まち', { limit: 1000 });
    let sum = 0;
    for (const code of ['131121', '132101', '132110', '132217', '132292']) {
      const r = index.search('まち', { group: code, limit: 1000 });
      expect(r.hits.every((h) => h.id.startsWith(`${BASE}id/${code}/`)), code).toBe(true);
      expect(r.hits.length).toBe(r.total);
      sum += r.total;
    }
    expect(sum).toBe(all.total);
    expect(index.search('まち', { group: '999999' })).toMatchObject({ total: 0, hits: [] });
  });

  it('ranks a few matches in process exactly as SQLite ranks many: same hits, scores, order, totals and pages', () => {
    const inSql = openSearchFile(join(dir, SEARCH_FILE), { rankInProcess: 0 });
    const inProcess = openSearchFile(join(dir, SEARCH_FILE), { rankInProcess: 1_000_000 });
    try {
      const titles = perPlan.flat().flatMap((d) => (d.fields.title ? [d.fields.title] : []));
      // Titles (their boost decides order), words with many matches, several runs, one character, no match.
      const queries = [...titles.filter((_, i) => i % 3 === 0), 'まち', '緑', '推進', '脱炭 素材', '子育て・教育', '地域 まち 緑', 'ない言葉'];
      // Queries whose hits are boosted (a run in the title) and not: the boost is then what the two rankings agree on.
      let mixed = 0;
      // Twice: the second round takes each phrase's row count from what the handle kept of the first.
      for (const round of [1, 2])
        for (const q of queries)
          for (const options of [{ limit: 1000 }, { offset: 5, limit: 5 }, { group: '132101', limit: 50 }]) {
            const a = inSql.search(q, options);
            const b = inProcess.search(q, options);
            expect(b, `${q} ${JSON.stringify(options)} (round ${round})`).toEqual(a);
            if (round === 1 && new Set(a.hits.map((h) => h.matched.includes('title'))).size === 2) mixed++;
          }
      expect(queries.length).toBeGreaterThan(50);
      expect(mixed).toBeGreaterThan(10);
      // The default ranks both ways: a common word goes to SQLite, a title to the process (the same answers as above).
      expect(index.search('まち', { limit: 1000 })).toEqual(inSql.search('まち', { limit: 1000 }));
    } finally {
      inSql.close();
      inProcess.close();
    }
  });

  it('ranks with the phrase counts another handle made as with its own, without counting them again', () => {
    const made: [string, number][] = [];
    const first = openSearchFile(join(dir, SEARCH_FILE), { counted: (phrase, rows) => made.push([phrase, rows]) });
    let recounted = 0;
    const second = openSearchFile(join(dir, SEARCH_FILE), { counted: () => recounted++ });
    try {
      const queries = ['まち', '地域 まち 緑', '子育て・教育', 'ない言葉'];
      const answers = queries.map((q) => first.search(q, { limit: 1000 }));
      // One count per distinct phrase (まち twice), each the phrase's rows over the whole index.
      expect(made.map(([phrase]) => phrase)).toEqual([...new Set(made.map(([phrase]) => phrase))]);
      expect(made.length).toBe(6);
      expect(made.find(([, rows]) => rows === 0)).toBeDefined();
      second.knowCounts(made);
      queries.forEach((q, i) => expect(second.search(q, { limit: 1000 }), q).toEqual(answers[i]));
      expect(recounted).toBe(0);
    } finally {
      first.close();
      second.close();
    }
  });

  it('answers FTS5 syntax and huge queries as plain text: results or nothing, never an error', () => {
    const hostile = ['"', '""', '*', 'まち*', 'NEAR(まち 緑)', 'NEAR(', 'title:まち', ':', '-まち', '^まち', 'まち AND OR NOT 緑', 'AND', 'OR', 'NOT', '(', ')', '{title}: x', "'", '\\', '\u0000', 'まち'.repeat(2000), 'あ い う え お '.repeat(500)];
    for (const q of hostile) expect(() => index.search(q), q).not.toThrow();
    // Operators are words like any other: "まち AND 緑" asks for まち, and, 緑.
    expect(index.search('まち*').total).toBe(index.search('まち').total);
    expect(index.search('-まち').total).toBe(index.search('まち').total);
    expect(index.search('"').total).toBe(0);
  });
});

describe('phrases', () => {
  let small: SearchFile;
  let smallDir: string;
  beforeAll(() => {
    smallDir = mkdtempSync(join(tmpdir(), 'jpp-search-small-'));
    writeSearchFile(join(smallDir, 'i.sqlite'), [
      { id: 'split', fields: { title: '脱炭', text: '素材の活用' } },
      { id: 'runs', fields: { text: '脱炭、素材' } },
      { id: 'whole', fields: { text: '脱炭素社会' } },
    ]);
    small = openSearchFile(join(smallDir, 'i.sqlite'));
  });
  afterAll(() => {
    small.close();
    rmSync(smallDir, { recursive: true, force: true });
  });

  it('match inside one field and one run only (as the in-memory index does)', () => {
    expect(small.search('脱炭素').hits.map((h) => h.id)).toEqual(['whole']);
    expect(small.search('炭素').hits.map((h) => h.id)).toEqual(['whole']);
    expect(small.search('脱炭 素材').hits.map((h) => h.id).sort()).toEqual(['runs', 'split']);
  });

  it('order equal scores by id, in both rankings', () => {
    const file = join(smallDir, 'ties.sqlite');
    // Written in reverse id order, so that FTS5's (rowid) order is not the answer.
    writeSearchFile(file, ['d', 'c', 'b', 'a'].map((id) => ({ id, fields: { title: '同じ題', text: '同じ本文' } })));
    for (const rankInProcess of [0, 1000]) {
      const ties = openSearchFile(file, { rankInProcess });
      try {
        const hits = ties.search('同じ').hits;
        expect(new Set(hits.map((h) => h.score)).size).toBe(1);
        expect(hits.map((h) => h.id)).toEqual(['a', 'b', 'c', 'd']);
      } finally {
        ties.close();
      }
    }
  });

  it('refuses an index without the counts bm25 reads (an older converter\'s), naming it and the fix', () => {
    const older = join(smallDir, 'older.sqlite');
    writeSearchFile(older, [{ id: 'a', fields: { title: 'まちづくり' } }]);
    const db = new Database(older);
    db.exec('DROP TABLE stats');
    db.close();
    expect(() => openSearchFile(older)).toThrow(new RegExp(`^${older.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a search index .*rebuild with npm run convert$`));
  });

  it('refuses an index whose tokens were normalized otherwise than this code normalizes queries, naming it and the fix', () => {
    const file = join(smallDir, 'version.sqlite');
    writeSearchFile(file, [{ id: 'a', fields: { title: 'ﾜｰｸｼｮｯﾌﾟ' } }]);
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(NORMALIZATION_VERSION);
    // As an index written before the version was recorded (NFKC one code point at a time: ﾌﾟ stayed ﾌ and ﾟ) reads.
    db.pragma('user_version = 0');
    db.close();
    expect(() => openSearchFile(file)).toThrow(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a search index \\(its tokens are of normalization 0, this code's of ${NORMALIZATION_VERSION}\\); rebuild with npm run convert$`),
    );
  });

  it('refuses a file that is not an index, naming it', () => {
    const bad = join(smallDir, 'bad.sqlite');
    writeFileSync(bad, 'not sqlite');
    expect(() => openSearchFile(bad)).toThrow(bad);
    expect(() => openSearchFile(join(smallDir, 'missing.sqlite'))).toThrow('missing.sqlite');
  });
});
