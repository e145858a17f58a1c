// Writes the deterministic gzip copy of a build file beside it (`dataset.nq` → `dataset.nq.gz`), streaming, so that the
// server sends precompressed bytes from disk. The copies are derived files: not in the manifest's file list (they are
// another coding of the same dumps, not other distributions), checked by the server against their file's length.
import { createReadStream, createWriteStream, openSync, closeSync, writeSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { constants, createGzip } from 'node:zlib';

/** The suffix of a build file's gzip copy. */
export const GZIP_SUFFIX = '.gz';

/** RFC 1952 header byte 9: the OS that wrote the file. 255 ("unknown") keeps the bytes equal on every platform. */
const OS_OFFSET = 9;

/**
 * Compresses `path` into `path.gz`. zlib writes MTIME 0 and no file name, so equal inputs give equal bytes; level 6
 * (zlib's default) because the national dumps are gigabytes and level 9 triples the time for about 1% less.
 */
export const writeGzipCopy = async (path: string): Promise<void> => {
  const target = path + GZIP_SUFFIX;
  await pipeline(createReadStream(path), createGzip({ level: constants.Z_DEFAULT_COMPRESSION }), createWriteStream(target));
  const fd = openSync(target, 'r+');
  try {
    writeSync(fd, Buffer.from([255]), 0, 1, OS_OFFSET);
  } finally {
    closeSync(fd);
  }
};

/** Gzip copies of `paths`, `parallel` at a time (zlib runs on libuv's thread pool). */
export const writeGzipCopies = async (paths: readonly string[], parallel = 4): Promise<void> => {
  let next = 0;
  const worker = async () => {
    while (next < paths.length) await writeGzipCopy(paths[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, paths.length) }, worker));
};
