// The source texts the data describes: their names, media types and checksums at start-up; their bytes read from
// disk on request (the routes keep what they made of them in the bounded representation cache).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { HttpError } from './errors.ts';

export interface SourceFile {
  readonly file: string;
  readonly contentType: string;
  /** Hex SHA-256 the data publishes for the text (schema:sha256): what is read is checked against it. */
  readonly sha256: string | undefined;
}

/** The names a source text may have: one path segment, no dot first, so never `..` or a hidden file. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export interface SourceFiles {
  readonly byName: ReadonlyMap<string, SourceFile>;
  /**
   * The text's bytes, read now; rejects with a 503 HttpError (naming the text, not the folder) when the file is gone or
   * differs from the checksum the data publishes: the source folder changed under the build, which a rebuild mends.
   */
  read(file: SourceFile): Promise<Buffer>;
}

/** The source texts the build's summary lists (file → media type and checksum), read from `dir` (config.sourcesDir: data/sources, or the synthetic set's). */
export const sourceFiles = (root: string, dir: string, listed: Readonly<Record<string, { readonly format: string; readonly sha256?: string }>>): SourceFiles => {
  const byName = new Map<string, SourceFile>();
  for (const [file, entry] of Object.entries(listed)) {
    if (!SAFE_NAME.test(file)) throw new Error(`unexpected source file name ${JSON.stringify(file)}`);
    byName.set(file, { file, contentType: entry.format, sha256: entry.sha256 });
  }
  const folder = isAbsolute(dir) ? dir : join(root, dir);
  return {
    byName,
    read: async (source) => {
      const changed = (what: string) =>
        new HttpError('unavailable', `sources/${source.file}: the text ${what} the build was made from; the site needs a rebuild (npm run convert), try again later`);
      const body = await readFile(join(folder, source.file)).catch(() => {
        throw changed('is missing, not the one');
      });
      if (source.sha256 !== undefined && createHash('sha256').update(body).digest('hex') !== source.sha256) throw changed('differs from the one');
      return body;
    },
  };
};
