// Writes build files into a fresh temporary folder and swaps it in for build/, so a failed build never leaves a half-written one.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/** Lets `fill` write a complete build (manifest last) into a fresh staging folder, then swaps it in for buildDir. */
export const swapInBuild = async (buildDir: string, fill: (staging: string) => Promise<void>): Promise<void> => {
  const staging = `${buildDir}.tmp-${process.pid}`;
  const previous = `${buildDir}.old-${process.pid}`;
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
