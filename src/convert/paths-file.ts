// The build's index of document paths (paths.sqlite): every path the site has a document for, as the sitemap lists
// them, so that a server answers "is there such a resource?" (a 303 or a 404) with one indexed look-up, without making
// the slice that holds it. Written at convert time from the merged `pages` pieces, in path order.
import type { BuildFile, Manifest } from './dataset.ts';
import { createSqliteFile, openSqliteFile, sqliteFileEntry } from './sqlite-file.ts';
import { bytesOfBuildFile } from './temp-build-file.ts';

export const PATHS_FILE = 'paths.sqlite';
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
  const db = createSqliteFile(dir, PATHS_FILE, PAGE_SIZE, 'CREATE TABLE document (path TEXT PRIMARY KEY) WITHOUT ROWID');
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
      return sqliteFileEntry(dir, PATHS_FILE);
    },
  };
};

/** The paths file of an in-memory conversion (convert()). */
export const pathsBuildFile = (paths: readonly string[]): Promise<{ file: BuildFile; entry: Manifest['files'][number] }> =>
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
  const db = openSqliteFile(file);
  const find = db.prepare('SELECT 1 FROM document WHERE path = ?').pluck();
  return {
    has: (path) => find.get(path) !== undefined,
    close: () => db.close(),
  };
};
