// The on-disk search index: an SQLite file with an FTS5 table of our own tokens (written once, then opened read-only).
// Same interface and matching as the in-memory index (search-index.ts): every query run must occur, inside one field,
// as a substring; ranked by FTS5's bm25 (k1 1.2, b 0.75) with FIELD_WEIGHTS per column and the title boost.
import Database from 'better-sqlite3';
import { fieldTokenStream, normalize, runPhrase, runs } from './normalize.ts';
import { FIELD_WEIGHTS, type FieldName, type SearchDocument, type SearchHit, type SearchIndex, type SearchOptions, type SearchResult, type SearchShown } from './search-index.ts';

const FIELDS = Object.keys(FIELD_WEIGHTS) as FieldName[];
/** Multiplier when every query run occurs in the title (as in the in-memory index). */
const TITLE_PHRASE_BOOST = 1.5;
/** Fixed so that the same rows give the same bytes. */
const PAGE_SIZE = 4096;

const SCHEMA = [
  // Contentless: the texts live in docs; the FTS table keeps only the token index and the column sizes bm25 needs.
  `CREATE VIRTUAL TABLE fts USING fts5(${FIELDS.join(', ')}, content='', tokenize='ascii', detail=full)`,
  'CREATE TABLE docs (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, grp TEXT, title TEXT, subtitle TEXT, field TEXT, text TEXT, shown TEXT)',
  // Each group's documents are consecutive rowids, so a group filter is a rowid range FTS5 seeks to.
  'CREATE TABLE groups (grp TEXT PRIMARY KEY, lo INTEGER NOT NULL, hi INTEGER NOT NULL) WITHOUT ROWID',
];

export interface SearchFileWriter {
  /** Adds documents; a group's documents must come together (the caller's order is kept: it decides ties of rowid). */
  add(documents: Iterable<SearchDocument>): void;
  /** Writes the group ranges, merges the index and compacts the file (VACUUM); the file is then complete. */
  finish(): { documents: number };
}

/** Starts a new index file at `path` (which must not exist). */
export const searchFileWriter = (path: string): SearchFileWriter => {
  const db = new Database(path);
  db.pragma(`page_size = ${PAGE_SIZE}`);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  for (const sql of SCHEMA) db.exec(sql);
  const insertDoc = db.prepare('INSERT INTO docs (rowid, id, grp, title, subtitle, field, text, shown) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insertFts = db.prepare(`INSERT INTO fts (rowid, ${FIELDS.join(', ')}) VALUES (?, ?, ?, ?, ?)`);
  const ranges = new Map<string, { lo: number; hi: number }>();
  let rowid = 0;
  let current: string | undefined;
  const addAll = db.transaction((documents: Iterable<SearchDocument>) => {
    for (const d of documents) {
      rowid++;
      if (d.group !== undefined) {
        const range = ranges.get(d.group);
        if (range && current !== d.group) throw new Error(`search index: the documents of group ${d.group} are not consecutive (at ${d.id})`);
        if (range) range.hi = rowid;
        else ranges.set(d.group, { lo: rowid, hi: rowid });
      }
      current = d.group;
      const texts = FIELDS.map((f) => d.fields[f] ?? null);
      insertDoc.run(rowid, d.id, d.group ?? null, ...texts, d.shown ? JSON.stringify(d.shown) : null);
      insertFts.run(rowid, ...texts.map((t) => (t ? fieldTokenStream(t) : '')));
    }
  });
  return {
    add: (documents) => addAll(documents),
    finish: () => {
      try {
        const insertGroup = db.prepare('INSERT INTO groups (grp, lo, hi) VALUES (?, ?, ?)');
        db.transaction(() => {
          for (const [grp, { lo, hi }] of [...ranges].sort(([a], [b]) => (a < b ? -1 : 1))) insertGroup.run(grp, lo, hi);
        })();
        // FTS5's bm25 clamps the IDF of a term found in half the rows or more to ~0, which would rank a common word
        // by id alone; as many empty rows as documents (matching nothing) keep every IDF positive, as ours is.
        const pad = db.prepare(`INSERT INTO fts (rowid, ${FIELDS.join(', ')}) VALUES (?, '', '', '', '')`);
        db.transaction(() => {
          for (let i = 1; i <= rowid; i++) pad.run(rowid + i);
        })();
        // One segment: the same rows give the same b-tree whatever the flushes were, and queries read one doclist per term.
        db.exec("INSERT INTO fts (fts) VALUES ('optimize')");
        db.exec('VACUUM');
      } finally {
        db.close();
      }
      return { documents: rowid };
    },
  };
};

/** Writes documents (in any order: they are grouped here, stably) into a new index file. */
export const writeSearchFile = (path: string, documents: readonly SearchDocument[]): void => {
  const order = [...new Set(documents.map((d) => d.group))];
  const writer = searchFileWriter(path);
  writer.add(order.flatMap((g) => documents.filter((d) => d.group === g)));
  writer.finish();
};

export interface SearchFile extends SearchIndex {
  close(): void;
}

export interface OpenOptions {
  /** SQLite page cache of this handle, in KiB (bounded: the server's memory does not grow with the file). */
  readonly cacheKiB?: number;
  /** Results of at most this many matches are ranked in JS from one pass of FTS5, larger ones by SQLite (default 256). */
  readonly rankInProcess?: number;
}

interface Row {
  readonly id: string;
  readonly score: number;
  readonly title: string | null;
  readonly subtitle: string | null;
  readonly field: string | null;
  readonly text: string | null;
  readonly shown: string | null;
}

interface FewRow {
  readonly rowid: number;
  readonly id: string;
  readonly title: string | null;
  readonly plain: number;
  readonly boosted: number;
}

/**
 * Matches up to this many are ranked in JS from one pass of FTS5; more, by SQLite (ORDER BY … LIMIT), which matches
 * three times (the count, the ranking, and the title phrase's match) and whose bm25 matches each phrase once more.
 */
const FEW = 256;
/** SQLite's order of TEXT (BINARY: UTF-8 bytes), which JS's < follows only below U+D800. */
const byBytes = (a: string, b: string): number => (a === b ? 0 : Buffer.compare(Buffer.from(a), Buffer.from(b)));

const squeeze = (s: string) => normalize(s).chars.filter((c) => !/\s/u.test(c)).join('');

/** Opens an index file read-only; queries are synchronous. */
export const openSearchFile = (path: string, options: OpenOptions = {}): SearchFile => {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new Error(`${path}: cannot open the search index (${(e as Error).message}); rebuild with npm run convert`);
  }
  try {
    db.pragma(`cache_size = -${options.cacheKiB ?? 16_384}`);
    // The shared lock is taken once and kept (the file never changes in place): see openSqliteFile.
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('query_only = ON');
    // Reading one row checks the file; its size is counted when first asked for (a national count scans 360k rows:
    // 62–173 ms, by hand), not at every open (start-up and each search thread).
    db.prepare('SELECT 1 FROM docs LIMIT 1').get();
  } catch (e) {
    db.close();
    throw new Error(`${path}: not a search index (${(e as Error).message}); rebuild with npm run convert`);
  }
  const weights = FIELDS.map((f) => FIELD_WEIGHTS[f]).join(', ');
  const few = Math.max(0, Math.floor(options.rankInProcess ?? FEW));
  const range = 'fts.rowid BETWEEN @lo AND @hi';
  const scored = (where: string) =>
    db.prepare(
      `SELECT d.id, d.title, d.subtitle, d.field, d.text, d.shown,
         round(-bm25(fts, ${weights}) * (CASE WHEN fts.rowid IN (SELECT rowid FROM fts WHERE fts MATCH @title) THEN ${TITLE_PHRASE_BOOST} ELSE 1 END), 3) AS score
       FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH @match ${where}
       ORDER BY score DESC, d.id LIMIT @limit OFFSET @offset`,
    );
  const counted = (where: string) => db.prepare(`SELECT count(*) AS n FROM fts WHERE fts MATCH @match ${where}`);
  // The first few + 1 matches with both scores, in FTS5's order: when they are all, they are ranked here (one pass of
  // the match instead of three: the count, the ranking and the title phrase's own match).
  // bm25 is called once per row (a materialized CTE; written twice in one SELECT, it ran twice: 10.8 → 10.0 ms for this
  // pass of a national title query, by hand), and both scores are rounded from the same value.
  const firstMatches = (where: string) =>
    db.prepare(
      `WITH m AS MATERIALIZED (SELECT fts.rowid AS rowid, -bm25(fts, ${weights}) AS s FROM fts WHERE fts MATCH @match ${where} LIMIT ${few + 1})
       SELECT m.rowid AS rowid, d.id, d.title, round(m.s, 3) AS plain, round(m.s * ${TITLE_PHRASE_BOOST}, 3) AS boosted FROM m JOIN docs d ON d.rowid = m.rowid`,
    );
  const statements = {
    all: { hits: scored(''), count: counted(''), few: firstMatches('') },
    group: { hits: scored(`AND ${range}`), count: counted(`AND ${range}`), few: firstMatches(`AND ${range}`) },
  };
  const groupRange = db.prepare('SELECT lo, hi FROM groups WHERE grp = ?');
  const docRow = db.prepare('SELECT id, title, subtitle, field, text, shown FROM docs WHERE rowid = ?');

  const hitOf = (terms: readonly string[]) => (row: Row): SearchHit => ({
    id: row.id,
    score: row.score,
    // The fields in which a query run occurs as a phrase (for the snippet), as the in-memory index reports them.
    matched: FIELDS.filter((f) => row[f] !== null && terms.some((t) => squeeze(row[f]!).includes(t))),
    fields: Object.fromEntries(FIELDS.flatMap((f) => (row[f] === null ? [] : [[f, row[f]]]))),
    ...(row.shown === null ? {} : { shown: JSON.parse(row.shown) as SearchShown }),
  });

  const search = (query: string, options: SearchOptions = {}): SearchResult => {
    const queryRuns = runs(normalize(query).chars);
    const terms = queryRuns.map((r) => r.join(''));
    if (terms.length === 0) return { terms, total: 0, hits: [] };
    const phrases = [...new Set(queryRuns.map(runPhrase))];
    const match = phrases.join(' AND ');
    const page = { offset: Math.max(0, Math.floor(options.offset ?? 0)), limit: Math.max(0, Math.floor(options.limit ?? 20)) };
    let which = statements.all;
    let where: Record<string, string | number> = { match };
    if (options.group !== undefined) {
      const r = groupRange.get(options.group) as { lo: number; hi: number } | undefined;
      if (!r) return { terms, total: 0, hits: [] };
      where = { match, lo: r.lo, hi: r.hi };
      which = statements.group;
    }
    const first = which.few.all(where) as FewRow[];
    if (first.length <= few) {
      // Every run occurs in the title exactly when the title phrase matches: each run is a substring of one of the
      // title's runs (the phrase's bigrams never cross a run).
      const boosted = (title: string | null) => {
        const titleRuns = title === null ? [] : runs(normalize(title).chars).map((r) => r.join(''));
        return terms.every((t) => titleRuns.some((r) => r.includes(t)));
      };
      const ranked = first
        .map((r) => ({ rowid: r.rowid, id: r.id, score: boosted(r.title) ? r.boosted : r.plain }))
        .sort((a, b) => b.score - a.score || byBytes(a.id, b.id))
        .slice(page.offset, page.offset + page.limit);
      return { terms, total: first.length, hits: ranked.map((r) => hitOf(terms)({ ...(docRow.get(r.rowid) as Omit<Row, 'score'>), score: r.score })) };
    }
    const total = (which.count.get(where) as { n: number }).n;
    const rows = which.hits.all({ ...where, ...page, title: `title : (${match})` }) as Row[];
    return { terms, total, hits: rows.map(hitOf(terms)) };
  };

  let size: number | undefined;
  return {
    get size() {
      return (size ??= (db.prepare('SELECT count(*) AS n FROM docs').get() as { n: number }).n);
    },
    search,
    close: () => db.close(),
  };
};
