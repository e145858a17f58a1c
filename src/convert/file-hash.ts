// SHA-256 of a build file, read in chunks: at national size the dumps, the slice files and the search index are
// hundreds of MB, and checking them must not hold them.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

export const fileSha256 = (path: string): string => {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
};
