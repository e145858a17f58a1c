// Reads the build's files (dumps and manifest) into memory with a gzip copy of each, checked against the manifest.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Manifest } from '../../convert/index.ts';
import { MANIFEST } from '../../convert/index.ts';
import { contentType, formatOfFile } from '../../documents/index.ts';

export interface DumpFile {
  /** Path under build/, e.g. `plans/132101-dai5ji-kihon-koso.ttl`. */
  readonly path: string;
  readonly contentType: string;
  readonly body: Buffer;
  readonly gzip: Buffer;
  /** Hex SHA-256 of body (from the manifest, verified). */
  readonly sha256: string;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file the manifest lists, plus the manifest itself; throws when a file differs from its manifest entry. */
export const readDumpFiles = (buildDir: string, manifest: Manifest): Map<string, DumpFile> => {
  const out = new Map<string, DumpFile>();
  const entries = [
    ...manifest.files.map((f) => ({ path: f.path, sha256: f.sha256 as string | undefined, mediaType: f.mediaType })),
    { path: MANIFEST, sha256: undefined, mediaType: 'application/json' },
  ];
  for (const entry of [...entries].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const body = readFileSync(join(buildDir, entry.path));
    const hash = sha256(body);
    if (entry.sha256 !== undefined && hash !== entry.sha256)
      throw new Error(`${entry.path} in ${buildDir} does not match its manifest entry (rebuild with npm run convert)`);
    const format = formatOfFile(entry.path);
    out.set(entry.path, {
      path: entry.path,
      contentType: format ? contentType(format) : entry.mediaType,
      body,
      gzip: gzipSync(body, { level: 9 }),
      sha256: hash,
    });
  }
  return out;
};
