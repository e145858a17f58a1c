// The build's SQLite files (the paths index, the document rows): written without a journal, since a build is staged
// and swapped in whole (a crash leaves the previous build), with a fixed page size so that the same rows give the same
// bytes; opened read-only by the server.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Manifest } from './dataset.ts';
import { fileSha256 } from './file-hash.ts';

const MEDIA_TYPE = 'application/vnd.sqlite3';

/** A new database `file` under `dir` (any previous one removed) with `schema` run. */
export const createSqliteFile = (dir: string, file: string, pageSize: number, schema: string): Database.Database => {
  const path = join(dir, file);
  mkdirSync(dir, { recursive: true });
  rmSync(path, { force: true });
  const db = new Database(path);
  db.pragma(`page_size = ${pageSize}`);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(schema);
  return db;
};

/** The manifest entry of a finished (closed) database file. */
export const sqliteFileEntry = (dir: string, file: string): Manifest['files'][number] => {
  const path = join(dir, file);
  return { path: file, mediaType: MEDIA_TYPE, bytes: statSync(path).size, sha256: fileSha256(path) };
};

/**
 * Opens a build's database read-only. A build's files never change in place (a new build is a new file), so the
 * connection takes its shared lock once and keeps it (EXCLUSIVE locking mode): otherwise every statement locks and
 * unlocks the file and checks it for changes, which dropped its page cache and made a point read 2–3× slower
 * (by hand, documents.sqlite of 8 synthetic bodies: 20 → 8 µs a row).
 */
export const openSqliteFile = (path: string): Database.Database => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('query_only = ON');
  return db;
};
