// pages.sqlite: every municipality resource's HTML page in each language, rendered ahead by `npm run convert`, so that
// the server answers a page with one read, as it answers a Turtle document (a page rendered on request costs ~2 ms of
// CPU nationally, a stored one a read and an inflate). The file says what it was made for (the build's version, and
// the code that renders pages with the base IRI): a server whose build or code differs renders its pages on request.
import { existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import { sha256, sourceCodeHash } from '../convert/plan-cache.ts';
import { createSqliteFile, openSqliteFile } from '../convert/sqlite-file.ts';
import type { Lang } from '../documents/langs.ts';

export const PAGES_FILE = 'pages.sqlite';
// Fixed, so that the same pages give the same bytes; a page's gzip (2–3 kB) stays in its leaf page.
const PAGE_SIZE = 16384;

/** Every part of src/ a stored page is made by (row-pages.ts and what it reads); the server is not one. */
const RENDERING_CODE = ['plan', 'rdf', 'convert', 'search', 'documents', 'pages', 'publish'];

/** What a page store was made for: a server serves its pages only when both are its own. */
export interface PagesMadeFor {
  /** The build's version (manifest.json). */
  readonly build: string;
  /** The code that renders pages and the base IRI (rendererKey). */
  readonly renderer: string;
}

/** The renderer's half of PagesMadeFor: the code that renders a page, and the base IRI every link is made from. */
export const rendererKey = (baseIri: string): string => sha256(`code ${sourceCodeHash(RENDERING_CODE)}\nbase ${baseIri}`);

/** One stored page: the resource, the language, the page's HTML as gzip. */
export type StoredPage = readonly [iri: string, lang: Lang, gzip: Uint8Array];

/** A municipality's pages as rendered, with what they read of the build beyond their rows (page-reads.ts). */
export interface RenderedSlice {
  readonly pages: readonly StoredPage[];
  /** The reads, sorted, and a hash of what each gave. */
  readonly reads: readonly string[];
  readonly readsHash: string;
}

/**
 * A municipality's pages: `key` names what its rows are made from and the code that renders them; `render` makes
 * them when the previous store does not hold them under that key with reads that still give what they gave.
 */
export interface SlicePages {
  readonly code: string;
  readonly key: string;
  readonly render: () => Promise<RenderedSlice>;
}

interface StoredSlice {
  readonly key: string;
  readonly reads: readonly string[];
  readonly readsHash: string;
}

/** The slices a store holds, and their pages as stored (gzip). */
interface StoredSlices {
  readonly slices: ReadonlyMap<string, StoredSlice>;
  pages(code: string): StoredPage[];
  close(): void;
}

const SCHEMA =
  'CREATE TABLE page (code TEXT NOT NULL, iri TEXT NOT NULL, lang TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (code, iri, lang)) WITHOUT ROWID;' +
  'CREATE TABLE slice (code TEXT PRIMARY KEY, key TEXT NOT NULL, reads TEXT NOT NULL, reads_hash TEXT NOT NULL) WITHOUT ROWID;' +
  'CREATE TABLE made_with (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID';

const madeWith = (db: Database.Database, name: string): string | undefined =>
  db.prepare('SELECT value FROM made_with WHERE name = ?').pluck().get(name) as string | undefined;

/**
 * `file` opened read-only and read by `read`; undefined, and closed, when it is missing, when `read` says it is not the
 * one wanted (undefined), or when it is not a store this code reads (a statement fails): its pages are then rendered.
 */
const openStore = <T>(file: string | undefined, read: (db: Database.Database) => T | undefined): T | undefined => {
  if (file === undefined || !existsSync(file)) return undefined;
  let db: Database.Database | undefined;
  try {
    db = openSqliteFile(file);
    const opened = read(db);
    if (opened === undefined) db.close();
    return opened;
  } catch {
    db?.close();
    return undefined;
  }
};

/** A previous store's slices, when it is one this code reads (any other is rendered again, not read). */
const storedSlices = (file: string | undefined): StoredSlices | undefined =>
  openStore(file, (db) => {
    const rows = db.prepare('SELECT code, key, reads, reads_hash FROM slice').raw().all() as [string, string, string, string][];
    const slices = new Map(rows.map(([code, key, reads, readsHash]) => [code, { key, reads: reads === '' ? [] : reads.split('\n'), readsHash }]));
    const read = db.prepare('SELECT iri, lang, body FROM page WHERE code = ? ORDER BY iri, lang').raw();
    return { slices, pages: (code) => read.all(code) as unknown as StoredPage[], close: () => db.close() };
  });

/** What writing a store did: the municipalities whose pages were rendered, and those taken from the previous store. */
export interface PageStoreReport {
  readonly rendered: readonly string[];
  readonly reused: readonly string[];
  readonly pages: number;
}

/**
 * Writes `dir`/pages.sqlite: each slice's pages in code order, taken from `previous` (a store of the build being
 * replaced) when it holds that slice under the same key and `unchanged` says its reads still give what they gave (their
 * hash), else rendered. The same pages give the same bytes.
 */
export const writePageStore = async (
  dir: string,
  made: PagesMadeFor,
  slices: readonly SlicePages[],
  previous: string | undefined,
  unchanged: (reads: readonly string[], readsHash: string) => boolean,
): Promise<PageStoreReport> => {
  const before = storedSlices(previous);
  const db = createSqliteFile(dir, PAGES_FILE, PAGE_SIZE, SCHEMA);
  const rendered: string[] = [];
  const reused: string[] = [];
  let count = 0;
  try {
    const insertPage = db.prepare('INSERT INTO page (code, iri, lang, body) VALUES (?, ?, ?, ?)');
    const insertSlice = db.prepare('INSERT INTO slice (code, key, reads, reads_hash) VALUES (?, ?, ?, ?)');
    const insert = db.transaction((code: string, key: string, slice: RenderedSlice) => {
      // SQLite binds a Buffer as a blob: a view of the bytes received, not a copy.
      for (const [iri, lang, body] of slice.pages) insertPage.run(code, iri, lang, Buffer.from(body.buffer, body.byteOffset, body.byteLength));
      insertSlice.run(code, key, slice.reads.join('\n'), slice.readsHash);
      count += slice.pages.length;
    });
    const keep = (s: SlicePages): StoredSlice | undefined => {
      const old = before?.slices.get(s.code);
      return old?.key === s.key && unchanged(old.reads, old.readsHash) ? old : undefined;
    };
    // Rendering goes on in the background (the caller's threads) while earlier slices are written.
    const pending: (StoredSlice | Promise<RenderedSlice> | undefined)[] = slices.map((s) => keep(s) ?? s.render());
    for (const p of pending) if (p instanceof Promise) p.catch(() => undefined);
    for (const [i, slice] of slices.entries()) {
      const p = pending[i]!;
      // Let go of each slice once written: a national build's pages are GBs.
      pending[i] = undefined;
      const kept = !(p instanceof Promise);
      insert(slice.code, slice.key, kept ? { ...p, pages: before!.pages(slice.code) } : await p);
      (kept ? reused : rendered).push(slice.code);
    }
    const put = db.prepare('INSERT INTO made_with (name, value) VALUES (?, ?)');
    put.run('build', made.build);
    put.run('renderer', made.renderer);
  } finally {
    db.close();
    before?.close();
  }
  return { rendered, reused, pages: count };
};

/** A build's stored pages as the server reads them: a page's HTML, or undefined when the store has none for it. */
export interface PageStore {
  page(code: string, iri: string, lang: Lang): Buffer | undefined;
  close(): void;
}

/**
 * Opens a build's page store read-only; undefined when there is none, or when it was made for another build or by
 * other code than this one (its pages are then rendered on request), or when it is not a store this code reads.
 */
export const openPageStore = (file: string, made: PagesMadeFor): PageStore | undefined =>
  openStore(file, (db) => {
    if (madeWith(db, 'build') !== made.build || madeWith(db, 'renderer') !== made.renderer) return undefined;
    const body = db.prepare('SELECT body FROM page WHERE code = ? AND iri = ? AND lang = ?').pluck();
    return {
      page: (code, iri, lang) => {
        const gzip = body.get(code, iri, lang) as Buffer | undefined;
        return gzip === undefined ? undefined : gunzipSync(gzip);
      },
      close: () => db.close(),
    };
  });
