// Writes build files into a fresh temporary folder and swaps it in for build/, so a failed build never leaves a half-written one.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BuildFile, Manifest } from './dataset.ts';

export const MANIFEST = 'manifest.json';

export const writeBuild = (buildDir: string, files: readonly BuildFile[], manifest: Manifest): void => {
  const staging = `${buildDir}.tmp-${process.pid}`;
  const previous = `${buildDir}.old-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const f of files) {
      const path = join(staging, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.content);
    }
    // The manifest is written last: its presence marks a complete build.
    writeFileSync(join(staging, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
    if (existsSync(buildDir)) renameSync(buildDir, previous);
    renameSync(staging, buildDir);
    rmSync(previous, { recursive: true, force: true });
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(buildDir) && existsSync(previous)) renameSync(previous, buildDir);
    throw e;
  }
};
