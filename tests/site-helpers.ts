// Test fixture for the Linked Data site: the real dataset converted once into a temp build dir, loaded as a Site, served by buildApp.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../src/config.ts';
import { convert, type Dataset } from '../src/convert/index.ts';
import { writeBuild } from '../src/convert/write-build.ts';
import { buildApp } from '../src/server/index.ts';
import { loadSite, type Site } from '../src/server/lib/site.ts';
import { StoreError, type Store } from '../src/store/index.ts';
import { writeSynthetic } from '../src/synth/index.ts';

export const BASE = 'http://localhost:3000/';

export interface SiteFixture {
  readonly config: Config;
  readonly dataset: Dataset;
  readonly site: Site;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/** A store that answers nothing: the Linked Data routes never query it. */
export const idleStore = (version: string): Store => ({
  version,
  load: async () => {},
  query: async () => Promise.reject(new StoreError('unavailable', 'no store in this test')),
  describe: async () => [],
  stats: async () => ({ defaultGraphTriples: 0, graphs: [] }),
  health: () => ({ ok: true, workersReady: 1, workersWanted: 1, workersReplaced: 0 }),
  close: async () => {},
});

/**
 * Converts the project's data (or the inputs under `root`, a fixture's, e.g. tests/editions-fixture.ts) for `baseIri`
 * into a fresh temp build dir and builds the app around it; `env` adds settings.
 */
export const siteFixture = async (baseIri = BASE, env: NodeJS.ProcessEnv = {}, root = process.cwd()): Promise<SiteFixture> => {
  const buildDir = join(mkdtempSync(join(tmpdir(), 'jpp-site-')), 'build');
  const config: Config = { ...loadConfig({ ...env, BASE_IRI: baseIri }, root), buildDir };
  const dataset = await convert({ root, baseIri });
  await writeBuild(buildDir, dataset.files, dataset.manifest);
  const site = await loadSite(config, dataset.manifest);
  const app = await buildApp(config, idleStore(dataset.manifest.version), dataset.manifest, { site });
  return {
    config,
    dataset,
    site,
    app,
    close: async () => {
      await app.close();
      site.close();
      rmSync(join(buildDir, '..'), { recursive: true, force: true });
    },
  };
};

/**
 * A synthetic build of 10 bodies (seed 5: body 9 has two editions, the newer replacing the older, synth/generate.ts)
 * converted in a temp root and loaded as a Site holding one municipality slice at a time; close() removes the root.
 */
export const syntheticSite = async (): Promise<{ readonly site: Site; readonly buildDir: string; close(): void }> => {
  const root = mkdtempSync(join(tmpdir(), 'jpp-synthetic-site-'));
  for (const dir of ['data', 'ontology']) cpSync(dir, join(root, dir), { recursive: true });
  writeSynthetic(join(root, 'synth'), { bodies: 10, seed: '5' });
  const dataset = await convert({ root, baseIri: BASE, synthetic: true, plansDir: 'synth/plans', sourcesDir: 'synth/sources' });
  const buildDir = join(root, 'build-synth');
  await writeBuild(buildDir, dataset.files, dataset.manifest);
  const site = await loadSite({ ...loadConfig({ BASE_IRI: BASE, SYNTHETIC: 'true' }, root), buildDir, sliceCacheEntries: 1 }, dataset.manifest);
  return {
    site,
    buildDir,
    close: () => {
      site.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
};
