// Writes build files into a fresh temporary folder and swaps it in for build/, so a failed build never leaves a half-written one.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { abandonedBy } from './abandoned.ts';
import type { BuildFile, Manifest } from './dataset.ts';
import { writeGzipCopies, writeGzipCopy } from './gzip-file.ts';
import { isSliceFile } from './slice-files.ts';

export const MANIFEST = 'manifest.json';

export const writeManifest = (dir: string, manifest: Manifest): void =>
  writeFileSync(join(dir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');

/**
 * Ends a build in staging: the gzip copy of every file the manifest lists (derived files, not listed themselves), then
 * the manifest, which marks the build complete, and its own gzip copy.
 */
export const finishBuild = async (dir: string, manifest: Manifest, derived: readonly string[] = []): Promise<void> => {
  // Only what is downloaded gets a gzip copy: the slice files are read by the server, not served.
  await writeGzipCopies([...manifest.files.map((f) => f.path).filter((p) => !isSliceFile(p)), ...derived].map((p) => join(dir, p)));
  writeManifest(dir, manifest);
  await writeGzipCopy(join(dir, MANIFEST));
};

export const writeBuild = (buildDir: string, files: readonly BuildFile[], manifest: Manifest): Promise<void> =>
  swapInBuild(buildDir, async (staging) => {
    for (const f of files) {
      const path = join(staging, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.content);
    }
    // The search index is verified by the manifest but never served, so it gets no gzip copy.
    const listed = new Set([...manifest.files.map((f) => f.path), ...(manifest.search ? [manifest.search.path] : [])]);
    await finishBuild(
      staging,
      manifest,
      files.filter((f) => !listed.has(f.path)).map((f) => f.path),
    );
  });

const stagingOf = (buildDir: string, pid = process.pid) => `${buildDir}.tmp-${pid}`;
const setAsideOf = (buildDir: string, pid = process.pid) => `${buildDir}.old-${pid}`;

/**
 * Clears what converters killed in the middle of a build of buildDir left beside it: their staging folders are
 * removed; a previous build one had set aside (killed between the two renames) is put back when buildDir is missing,
 * else removed. Folders of a process still running are left alone. Returns the folders removed or put back.
 */
export const clearAbandonedBuilds = (buildDir: string): string[] => {
  const parent = dirname(buildDir);
  const name = basename(buildDir);
  let entries: string[];
  try {
    entries = readdirSync(parent, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    return [];
  }
  const cleared: string[] = [];
  for (const entry of entries) {
    const path = join(parent, entry);
    if (abandonedBy(entry, `${name}.tmp-`) !== undefined) rmSync(path, { recursive: true, force: true });
    else if (abandonedBy(entry, `${name}.old-`) !== undefined) {
      if (existsSync(buildDir)) rmSync(path, { recursive: true, force: true });
      else renameSync(path, buildDir);
    } else continue;
    cleared.push(path);
  }
  return cleared;
};

/**
 * Removes this process's staging folder of buildDir, for a converter stopped by a signal. A signal is handled between
 * tasks, never between the two renames of the swap, so buildDir is then the previous build or the new one, whole.
 */
export const abandonBuild = (buildDir: string): void => rmSync(stagingOf(buildDir), { recursive: true, force: true, maxRetries: 3 });

/** Lets `fill` write a complete build (manifest last) into a fresh staging folder, then swaps it in for buildDir. */
export const swapInBuild = async (buildDir: string, fill: (staging: string) => Promise<void>): Promise<void> => {
  clearAbandonedBuilds(buildDir);
  const staging = stagingOf(buildDir);
  const previous = setAsideOf(buildDir);
  rmSync(staging, { recursive: true, force: true });
  try {
    mkdirSync(staging, { recursive: true });
    // The manifest is written last: its presence marks a complete build.
    await fill(staging);
    if (existsSync(buildDir)) renameSync(buildDir, previous);
    renameSync(staging, buildDir);
    rmSync(previous, { recursive: true, force: true });
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(buildDir) && existsSync(previous)) renameSync(previous, buildDir);
    throw e;
  }
};
