// Starts the server: config, an up-to-date build, the store loaded with it, then listen until SIGINT/SIGTERM.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { ensureBuild } from '../convert/index.ts';
import { createLocalStore } from '../store/index.ts';
import { buildApp } from './app.ts';
import { loadSite } from './lib/site.ts';

const config = loadConfig();
const manifest = await ensureBuild(config);
const store = createLocalStore({ ...config.sparql, baseIri: config.baseIri });
// Read once: the store and the Linked Data site both start from the same N-Quads.
const nquads = await readFile(join(config.buildDir, 'dataset.nq'), 'utf8');
await store.load(nquads, manifest.version);
const site = await loadSite(config, manifest, { nquads });
const app = await buildApp(config, store, manifest, { logger: { level: config.logLevel }, site });
app.log.info({ timings: site.timings, documents: site.documents.byPath.size, heapUsedMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20) }, 'Linked Data site loaded');

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  app.log.info(`${signal}: shutting down`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  try {
    await app.close();
    await store.close();
    process.exit(0);
  } catch (e) {
    app.log.error(e);
    process.exit(1);
  }
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

await app.listen({ host: config.host, port: config.port });
app.log.info(`dataset ${manifest.version} (${manifest.quads} quads); SPARQL at ${config.baseIri}sparql`);
