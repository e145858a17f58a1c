// The build's index of document paths (paths.sqlite): every path the site has a document for, as the sitemap lists
// them, so that a server answers "is there such a resource?" (a 303 or a 404) with one indexed look-up, without making
// the slice that holds it. Written at convert time from the merged `pages` pieces, in path order.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BuildFile, Manifest } from './dataset.ts';
import { fileSha256 } from './file-hash.ts';
import { bytesOfBuildFile } from './temp-build-file.ts';

export const PATHS_FILE = 'paths.sqlite';
const MEDIA_TYPE = 'application/vnd.sqlite3';
// Fixed, so that the same paths give the same bytes.
const PAGE_SIZE = 4096;
const BATCH = 10_000;

export interface PathsFileWriter {
  /** One document path; paths come in ascending order (as the sitemap merge gives them). */
  add(path: string): void;
  /** Completes the file and returns its manifest entry. */
  finish(): Manifest['files'][number];
}

export const pathsFileWriter = (dir: string): PathsFileWriter => {
  const path = join(dir, PATHS_FILE);
  mkdirSync(dir, { recursive: true });
  rmSync(path, { force: true });
  const db = new Database(path);
  db.pragma(`page_size = ${PAGE_SIZE}`);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec('CREATE TABLE document (path TEXT PRIMARY KEY) WITHOUT ROWID');
  const insert = db.prepare('INSERT INTO document (path) VALUES (?)');
  const insertAll = db.transaction((paths: readonly string[]) => {
    for (const p of paths) insert.run(p);
  });
  let batch: string[] = [];
  let last: string | undefined;
  return {
    add: (p) => {
      if (last !== undefined && p <= last) throw new Error(`paths index: ${p} after ${last} (paths must come in ascending order)`);
      last = p;
      batch.push(p);
      if (batch.length >= BATCH) {
        insertAll(batch);
        batch = [];
      }
    },
    finish: () => {
      try {
        insertAll(batch);
        db.exec('VACUUM');
      } finally {
        db.close();
      }
      return { path: PATHS_FILE, mediaType: MEDIA_TYPE, bytes: statSync(path).size, sha256: fileSha256(path) };
    },
  };
};

/** The paths file of an in-memory conversion (convert()). */
export const pathsBuildFile = (paths: readonly string[]): { file: BuildFile; entry: Manifest['files'][number] } =>
  bytesOfBuildFile((dir) => {
    const writer = pathsFileWriter(dir);
    paths.forEach((p) => writer.add(p));
    return writer.finish();
  });

export interface DocumentPaths {
  has(path: string): boolean;
  close(): void;
}

/** Opens a build's paths file read-only. */
export const openPathsFile = (file: string): DocumentPaths => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('query_only = ON');
  const find = db.prepare('SELECT 1 FROM document WHERE path = ?').pluck();
  return {
    has: (path) => find.get(path) !== undefined,
    close: () => db.close(),
  };
};
