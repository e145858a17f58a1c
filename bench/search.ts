// `npm run bench:search [-- --build build-synth --rounds 20]`: p50 / p99 of Japanese searches on the on-disk index
// (search.sqlite, what the server queries) and, as the reference in the same run, on the old in-memory index built from
// the same rows. Always the five real plans (converted in memory); with --build, also that build's search.sqlite
// (e.g. a synthetic set: npm run synth -- --bodies 50 && SYNTHETIC=true npm run convert).
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { convert, SEARCH_FILE } from '../src/convert/index.ts';
import { buildSearchIndex, openSearchFile, writeSearchFile, type SearchDocument, type SearchIndex } from '../src/search/index.ts';
import { buildViewIndex, distinctTriples, searchDocuments } from '../src/documents/index.ts';
import { siteUrls } from '../src/rdf/uris.ts';

const QUERIES = ['まち', '子育て', '子育て 支援', '脱炭素', '緑', '地域', '防災', '健康づくり', '教育', 'みどり', '市民', '公園', 'の', 'デジタル', 'sdgs', '地域 安全 安心', '存在しない語'];

const { values } = parseArgs({ options: { build: { type: 'string' }, rounds: { type: 'string', default: '20' } } });
const rounds = Number(values.rounds);

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/** Every query `rounds` times (first page, then with the group filter when given); per-search milliseconds. */
const time = (index: SearchIndex, group: string | undefined): number[] => {
  const out: number[] = [];
  for (let r = 0; r < rounds; r++)
    for (const q of QUERIES)
      for (const options of group === undefined ? [{}] : [{}, { group }]) {
        const t = performance.now();
        index.search(q, options);
        out.push(performance.now() - t);
      }
  return out.sort((a, b) => a - b);
};

const report = (name: string, file: string, documents: readonly SearchDocument[], group: string | undefined) => {
  const disk = openSearchFile(file);
  const heap0 = process.memoryUsage().heapUsed;
  let t = performance.now();
  const memory = buildSearchIndex(documents);
  const buildMs = performance.now() - t;
  const heapMb = mb(process.memoryUsage().heapUsed - heap0);
  // Same answers first: the on-disk index must find what the reference finds (ranking differs: bm25 vs our BM25F).
  for (const q of QUERIES) {
    const a = disk.search(q).total;
    const b = memory.search(q).total;
    if (a !== b) console.log(`  note: ${name} "${q}": on disk ${a} hits, in memory ${b}`);
  }
  for (const [label, index] of [['on disk (search.sqlite)', disk], ['in memory (reference)', memory]] as const) {
    t = performance.now();
    const times = time(index, group);
    console.log(
      `| ${name} | ${label} | ${documents.length} | ${times.length} | ${percentile(times, 50).toFixed(2)} | ${percentile(times, 99).toFixed(2)} | ${(performance.now() - t).toFixed(0)} |`,
    );
  }
  console.log(`  ${name}: search.sqlite ${mb(statSync(file).size)} MB; in-memory index built in ${buildMs.toFixed(0)} ms, heap +${heapMb} MB`);
  disk.close();
};

/** The rows a search file holds, back as documents (for the reference index). */
const documentsOf = (file: string): SearchDocument[] => {
  const db = new Database(file, { readonly: true });
  const rows = db.prepare('SELECT id, grp, title, subtitle, field, text FROM docs ORDER BY rowid').all() as Record<string, string | null>[];
  db.close();
  const opt = (v: string | null | undefined) => v ?? undefined;
  return rows.map((r) => ({ id: r.id!, group: opt(r.grp), fields: { title: opt(r.title), subtitle: opt(r.subtitle), field: opt(r.field), text: opt(r.text) } }));
};

console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${QUERIES.length} queries × ${rounds} rounds (and with a group filter)`);
console.log('| set | index | documents | searches | p50 ms | p99 ms | total ms |\n|---|---|---|---|---|---|---|');
const base = 'http://localhost:3000/';
const dataset = await convert({ root: process.cwd(), baseIri: base });
const documents = searchDocuments(buildViewIndex(distinctTriples(dataset.quads), siteUrls(base)));
const dir = mkdtempSync(join(tmpdir(), 'jpp-bench-search-'));
try {
  writeSearchFile(join(dir, SEARCH_FILE), documents);
  report('five plans', join(dir, SEARCH_FILE), documents, '132101');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (values.build) {
  const file = join(values.build, SEARCH_FILE);
  if (!existsSync(file)) throw new Error(`${file}: missing (build it with npm run convert, or SYNTHETIC=true npm run convert)`);
  const docs = documentsOf(file);
  report(values.build, file, docs, docs.find((d) => d.group)?.group);
}
