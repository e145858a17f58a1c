// Reads a build folder back and checks it against its manifest: every listed file present with its size, the small
// files read whole with their sha256 (checkBuildFile checks any other when it is read).
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from './dataset.ts';
import { SEARCH_FILE } from './search-file.ts';
import { SUMMARY_FILE, VOCABULARY_GRAPH_FILE } from './slice-files.ts';
import { FACTS_FILE } from './dataset-facts.ts';
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
   * The bytes of the small files the site reads whole at start-up (KEPT: the summary, the facts, the vocabulary graph),
   * as read and checked (callers use these, not a second read). Every other listed file is checked by its size here
   * and by its sha256 when it is read (checkBuildFile): the embedded store reads dataset.nq itself, Virtuoso never.
   */
  readonly files: ReadonlyMap<string, Buffer>;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** The listed files whose bytes the build's readers use whole. */
const KEPT: ReadonlySet<string> = new Set([SUMMARY_FILE, FACTS_FILE, VOCABULARY_GRAPH_FILE]);
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

/** Why a file differs from its manifest entry (damaged, or changed after the build). */
const mismatch = (path: string, what: string) => new BuildError(path, `does not match its manifest entry (${what}; damaged or changed after the build)`);

/**
 * Reads the manifest and checks the files it lists, without reading the large ones: every file's size, and the sha256
 * of the small files read whole at start-up (KEPT). The others are checked against their sha256 when they are read
 * (the slices, dataset.nq when an engine loads it, the source texts); the dumps are sent as written, their sha256
 * published in the catalog. Throws BuildError naming the first file missing or not matching, or when the build is
 * synthetic and a real one is wanted (the default), or the other way round.
 */
export const readVerifiedBuild = (buildDir: string, synthetic = false): VerifiedBuild => {
  const manifest = readManifest(buildDir);
  if ((manifest.synthetic === true) !== synthetic)
    throw new BuildError(
      join(buildDir, MANIFEST),
      synthetic ? 'not a synthetic build, and SYNTHETIC=true serves synthetic builds only' : 'a synthetic build (npm run synth), never served as the real dataset; serve it with SYNTHETIC=true',
    );
  const files = new Map<string, Buffer>();
  const listed = [...manifest.files, ...(manifest.search ? [manifest.search] : [])];
  if (manifest.search && manifest.search.path !== SEARCH_FILE) throw new BuildError(join(buildDir, MANIFEST), `the search index must be ${SEARCH_FILE}`);
  for (const f of listed) {
    const path = join(buildDir, f.path);
    let size: number;
    let body: Buffer | undefined;
    try {
      size = statSync(path).size;
      body = KEPT.has(f.path) ? readFileSync(path) : undefined;
    } catch (e) {
      throw new BuildError(path, errorReason(e));
    }
    if (typeof f.bytes === 'number' && size !== f.bytes) throw mismatch(path, `${size} bytes, not ${f.bytes}`);
    if (body && sha256(body) !== f.sha256) throw mismatch(path, 'its sha256 differs');
    if (body) files.set(f.path, body);
  }
  return { manifest, files };
};

/** The manifest's entry for `path`; throws BuildError naming the manifest when it lists none (an older converter's build). */
export const listedFile = (buildDir: string, manifest: Manifest, path: string): Manifest['files'][number] => {
  const entry = manifest.files.find((f) => f.path === path);
  if (!entry) throw new BuildError(join(buildDir, MANIFEST), `lists no ${path} (a build from an older converter): run npm run convert`);
  return entry;
};

/** `body`, read from `path` under buildDir, when it has the sha256 its manifest entry gives; throws BuildError otherwise. */
export const checkBuildFile = (buildDir: string, manifest: Manifest, path: string, body: Buffer): Buffer => {
  if (sha256(body) !== listedFile(buildDir, manifest, path).sha256) throw mismatch(join(buildDir, path), 'its sha256 differs');
  return body;
};
