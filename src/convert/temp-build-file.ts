// A build file made by a writer that needs a folder (the SQLite indexes), for the in-memory conversion: written into
// a temporary folder, returned as bytes with its manifest entry, the folder removed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuildFile, Manifest } from './dataset.ts';

type FileEntry = Manifest['files'][number];

export const bytesOfBuildFile = async (write: (dir: string) => FileEntry | Promise<FileEntry>): Promise<{ file: BuildFile; entry: FileEntry }> => {
  const dir = mkdtempSync(join(tmpdir(), 'jpp-build-file-'));
  try {
    const entry = await write(dir);
    return { file: { path: entry.path, mediaType: entry.mediaType, content: readFileSync(join(dir, entry.path)) }, entry };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
