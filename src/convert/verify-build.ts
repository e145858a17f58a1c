// Reads a build folder back and checks it against its manifest: every listed file present and matching its sha256.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from './dataset.ts';
import { fileSha256 } from './file-hash.ts';
import { SEARCH_FILE } from './search-file.ts';
import { SUMMARY_FILE } from './slice-files.ts';
import { MANIFEST } from './write-build.ts';

/** A build that cannot be used as it is; the message names the file and the reason. */
export class BuildError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'BuildError';
  }
}

export interface VerifiedBuild {
  readonly manifest: Manifest;
  /**
   * The bytes of the files read whole at start-up (KEPT: dataset.nq for the store, site.json for the site), as read and
   * checked (callers use these, not a second read). Every other listed file is checked in chunks and not kept.
   */
  readonly files: ReadonlyMap<string, Buffer>;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** The listed files whose bytes the build's readers use whole. */
const KEPT: ReadonlySet<string> = new Set(['dataset.nq', SUMMARY_FILE]);
const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
// A listed path stays inside the build folder.
const SAFE_PATH = /^(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9][A-Za-z0-9._/-]*$/;

const errorReason = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'missing' : code ? `cannot be read (${code})` : (e as Error).message;
};

/** Parses manifest.json; throws BuildError when it is missing, not JSON, or lacks what a build needs. */
export const readManifest = (buildDir: string): Manifest => {
  const path = join(buildDir, MANIFEST);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new BuildError(path, errorReason(e));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new BuildError(path, `not valid JSON (${(e as Error).message})`);
  }
  const m = value as Partial<Manifest> | null;
  const filesOk =
    Array.isArray(m?.files) && m.files.every((f) => isString(f?.path) && SAFE_PATH.test(f.path) && isString(f.sha256)) && m.files.some((f) => f.path === 'dataset.nq');
  if (!m || !isString(m.version) || !isString(m.baseIri) || !isString(m.inputsHash) || typeof m.quads !== 'number' || !Array.isArray(m.graphs) || !filesOk)
    throw new BuildError(path, 'not a build manifest (version, baseIri, inputsHash, quads, graphs and files with dataset.nq expected)');
  return m as Manifest;
};

/**
 * Reads the manifest and every file it lists; throws BuildError naming the first file missing or not matching its
 * sha256, or when the build is synthetic and a real one is wanted (the default), or the other way round.
 */
export const readVerifiedBuild = (buildDir: string, synthetic = false): VerifiedBuild => {
  const manifest = readManifest(buildDir);
  if ((manifest.synthetic === true) !== synthetic)
    throw new BuildError(
      join(buildDir, MANIFEST),
      synthetic ? 'not a synthetic build, and SYNTHETIC=true serves synthetic builds only' : 'a synthetic build (npm run synth), never served as the real dataset; serve it with SYNTHETIC=true',
    );
  const files = new Map<string, Buffer>();
  for (const f of manifest.files) {
    const path = join(buildDir, f.path);
    const kept = KEPT.has(f.path);
    let body: Buffer | undefined;
    let hash: string;
    try {
      body = kept ? readFileSync(path) : undefined;
      hash = body ? sha256(body) : fileSha256(path);
    } catch (e) {
      throw new BuildError(path, errorReason(e));
    }
    if (hash !== f.sha256) throw new BuildError(path, `does not match its sha256 in ${MANIFEST} (damaged or changed after the build)`);
    if (body) files.set(f.path, body);
  }
  // The search index is checked by chunks, not kept: the server opens it by its fixed name and reads what queries need.
  if (manifest.search) {
    const path = join(buildDir, SEARCH_FILE);
    if (manifest.search.path !== SEARCH_FILE) throw new BuildError(join(buildDir, MANIFEST), `the search index must be ${SEARCH_FILE}`);
    let hash: string;
    try {
      hash = fileSha256(path);
    } catch (e) {
      throw new BuildError(path, errorReason(e));
    }
    if (hash !== manifest.search.sha256) throw new BuildError(path, `does not match its sha256 in ${MANIFEST} (damaged or changed after the build)`);
  }
  return { manifest, files };
};
