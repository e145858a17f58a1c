// The on-disk search index: an SQLite file with an FTS5 table of our own tokens (written once, then opened read-only).
// Same interface and matching as the in-memory index (search-index.ts): every query run must occur, inside one field,
// as a substring; ranked by FTS5's bm25 (k1 1.2, b 0.75) with FIELD_WEIGHTS per column and the title boost, computed by
// SQLite for many matches and here for a few (the same scores; each phrase's row count is kept by the handle, and can
// be handed to other handles on the same file).
import Database from 'better-sqlite3';
import { fieldTokenStream, normalize, NORMALIZATION_VERSION, queryPhrases, runs, runsOf, type Run } from './normalize.ts';
import { FIELD_WEIGHTS, type FieldName, type SearchDocument, type SearchHit, type SearchIndex, type SearchOptions, type SearchResult, type SearchShown } from './search-index.ts';

const FIELDS = Object.keys(FIELD_WEIGHTS) as FieldName[];
const TITLE = FIELDS.indexOf('title');
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
  // What bm25 reads of the whole index besides a phrase's rows: its rows (padding included) and tokens, all columns.
  'CREATE TABLE stats (rows INTEGER NOT NULL, tokens INTEGER NOT NULL)',
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
  // What the tokens were normalized with, read back by openSearchFile (SQLite's header field for the application's use).
  db.pragma(`user_version = ${NORMALIZATION_VERSION}`);
  for (const sql of SCHEMA) db.exec(sql);
  const insertDoc = db.prepare('INSERT INTO docs (rowid, id, grp, title, subtitle, field, text, shown) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insertFts = db.prepare(`INSERT INTO fts (rowid, ${FIELDS.join(', ')}) VALUES (?, ?, ?, ?, ?)`);
  const ranges = new Map<string, { lo: number; hi: number }>();
  let rowid = 0;
  let tokens = 0;
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
      const streams = texts.map((t) => (t ? fieldTokenStream(t) : ''));
      for (const stream of streams) if (stream !== '') tokens += stream.split(' ').length;
      insertFts.run(rowid, ...streams);
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
        db.prepare('INSERT INTO stats (rows, tokens) VALUES (?, ?)').run(2 * rowid, tokens);
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
  /** Row counts of phrases that another handle on the same file counted (OpenOptions.counted): not counted again. */
  knowCounts(counts: Iterable<PhraseCount>): void;
  close(): void;
}

export interface OpenOptions {
  /** SQLite page cache of this handle, in KiB (bounded: the server's memory does not grow with the file). */
  readonly cacheKiB?: number;
  /** Results of at most this many matches are ranked in JS from one pass of FTS5, larger ones by SQLite (default 256). */
  readonly rankInProcess?: number;
  /** Told each phrase row count this handle makes (3 ms nationally), so that other handles can be given it. */
  readonly counted?: (phrase: string, rows: number) => void;
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

/**
 * Matches up to this many are ranked in JS from one pass of FTS5 without bm25; more, by SQLite (ORDER BY … LIMIT),
 * which matches three times (the count, the ranking, and the title phrase's match) and whose bm25 matches each phrase
 * once more over the whole index to count its rows (its IDF).
 */
const FEW = 256;
/** Phrases whose row count a handle keeps (a file never changes, so neither do they): under a kB each. */
export const PHRASE_COUNTS = 8192;

/** A phrase (runPhrase) and the number of the index's rows it occurs in. */
export type PhraseCount = readonly [phrase: string, rows: number];
const K1 = 1.2;
const B = 0.75;

/** FTS5's IDF of a phrase found in `hits` of `rows` rows (fts5_aux.c): never 0 or less, so a common phrase still counts. */
const idfOf = (rows: number, hits: number): number => {
  const idf = Math.log((rows - hits + 0.5) / (hits + 0.5));
  return idf <= 0 ? 1e-6 : idf;
};

/** Where a string occurs in another, overlaps included: FTS5 counts a phrase at every position it starts. */
const occurrences = (hay: string, needle: string): number => {
  let n = 0;
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) n++;
  return n;
};
/** SQLite's order of TEXT (BINARY: UTF-8 bytes), which JS's < follows only below U+D800. */
const byBytes = (a: string, b: string): number => (a === b ? 0 : Buffer.compare(Buffer.from(a), Buffer.from(b)));

const squeeze = (s: string) => normalize(s).chars.filter((c) => !/\s/u.test(c)).join('');

/** Opens an index file read-only; queries are synchronous. */
export const openSearchFile = (path: string, options: OpenOptions = {}): SearchFile => {
  let db: Database.Database;
  let stats: { rows: number; tokens: number } | undefined;
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
    stats = db.prepare('SELECT rows, tokens FROM stats').get() as typeof stats;
    if (!stats) throw new Error('no stats row');
    // Tokens normalized otherwise than this code normalizes queries would miss silently (a build kept from older code
    // and taken in by a reload, or served by a bench): refused instead.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== NORMALIZATION_VERSION) throw new Error(`its tokens are of normalization ${version}, this code's of ${NORMALIZATION_VERSION}`);
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
  // The first few + 1 matches, in FTS5's order, without bm25: when they are all, they are ranked here (one pass of the
  // match instead of three: the count, the ranking and the title phrase's own match).
  const firstMatches = (where: string) => db.prepare(`SELECT fts.rowid FROM fts WHERE fts MATCH @match ${where} LIMIT ${few + 1}`).pluck();
  const statements = {
    all: { hits: scored(''), count: counted(''), few: firstMatches('') },
    group: { hits: scored(`AND ${range}`), count: counted(`AND ${range}`), few: firstMatches(`AND ${range}`) },
  };
  const groupRange = db.prepare('SELECT lo, hi FROM groups WHERE grp = ?');
  const docRow = db.prepare('SELECT id, title, subtitle, field, text, shown FROM docs WHERE rowid = ?');
  // Rounded by SQLite, as the ranking in SQL rounds: the same scores either way.
  const rounded = db.prepare(`SELECT round(@s, 3), round(@s * ${TITLE_PHRASE_BOOST}, 3)`).raw();
  const phraseRows = db.prepare('SELECT count(*) FROM fts WHERE fts MATCH ?').pluck();
  const { rows: allRows, tokens: allTokens } = stats!;
  const avgdl = allTokens / allRows;
  const counts = new Map<string, number>();
  /** Keeps a phrase's row count as the most recently used. */
  const keep = (phrase: string, hits: number) => {
    if (!counts.delete(phrase) && counts.size >= PHRASE_COUNTS) counts.delete(counts.keys().next().value!);
    counts.set(phrase, hits);
  };
  /** The IDF of a phrase over the whole index, as bm25 takes it (a group filter does not change it). */
  const idf = (phrase: string): number => {
    let hits = counts.get(phrase);
    if (hits === undefined) {
      hits = phraseRows.get(phrase) as number;
      options.counted?.(phrase, hits);
    }
    keep(phrase, hits);
    return idfOf(allRows, hits);
  };
  /**
   * bm25 of a row (fts5Bm25Function): per phrase, its instances weighted by their column, against the row's tokens
   * in all columns. A field's tokens are a run's bigrams and characters (2n - 1 for n characters), and a query run's
   * phrase occurs wherever the run occurs inside one of the field's runs.
   */
  const bm25 = (fieldRuns: readonly (readonly Run[])[], queryRuns: readonly string[], idfs: readonly number[]): number => {
    let size = 0;
    const freq = queryRuns.map(() => 0);
    fieldRuns.forEach((list, column) => {
      const weight = FIELD_WEIGHTS[FIELDS[column]!];
      for (const run of list) {
        size += 2 * run.length - 1;
        queryRuns.forEach((q, i) => (freq[i]! += occurrences(run.text, q) * weight));
      }
    });
    let score = 0;
    queryRuns.forEach((_, i) => (score += (idfs[i]! * (freq[i]! * (K1 + 1.0))) / (freq[i]! + K1 * (1 - B + (B * size) / avgdl))));
    return score;
  };

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
    // Each distinct phrase, in its order in the MATCH expression (bm25 numbers them so), with the run it is.
    const phraseRuns = queryPhrases(queryRuns);
    const match = [...phraseRuns.keys()].join(' AND ');
    const page = { offset: Math.max(0, Math.floor(options.offset ?? 0)), limit: Math.max(0, Math.floor(options.limit ?? 20)) };
    let which = statements.all;
    let where: Record<string, string | number> = { match };
    if (options.group !== undefined) {
      const r = groupRange.get(options.group) as { lo: number; hi: number } | undefined;
      if (!r) return { terms, total: 0, hits: [] };
      where = { match, lo: r.lo, hi: r.hi };
      which = statements.group;
    }
    const first = which.few.all(where) as number[];
    if (first.length <= few) {
      // Their IDFs, kept by this handle.
      const queryTerms = [...phraseRuns.values()];
      const idfs = [...phraseRuns.keys()].map(idf);
      const ranked = first
        .map((rowid) => {
          const row = docRow.get(rowid) as Omit<Row, 'score'>;
          const fieldRuns = FIELDS.map((f) => (row[f] ? runsOf(row[f]) : []));
          const [plain, boosted] = rounded.get({ s: bm25(fieldRuns, queryTerms, idfs) }) as [number, number];
          // Every run occurs in the title exactly when the title phrase matches: each run is a substring of one of the
          // title's runs (the phrase's bigrams never cross a run).
          const titleRuns = fieldRuns[TITLE]!;
          const inTitle = terms.every((t) => titleRuns.some((r) => r.text.includes(t)));
          return { ...row, score: inTitle ? boosted : plain };
        })
        .sort((a, b) => b.score - a.score || byBytes(a.id, b.id))
        .slice(page.offset, page.offset + page.limit);
      return { terms, total: first.length, hits: ranked.map(hitOf(terms)) };
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
    knowCounts: (known) => {
      for (const [phrase, hits] of known) keep(phrase, hits);
    },
    close: () => db.close(),
  };
};
