// Measures the Linked Data site's start-up (time, heap, RSS) with document bodies made lazily or eagerly, one fresh process per mode.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.ts';
import { ensureBuild } from '../src/convert/index.ts';
import { DOCUMENT_EXTS, type DocumentExt } from '../src/documents/index.ts';
import { loadSite } from '../src/server/lib/site.ts';

const MODES: Record<string, readonly DocumentExt[]> = { lazy: [], 'eager-ttl': ['ttl'], 'eager-all': DOCUMENT_EXTS };
const mb = (n: number) => Math.round(n / 2 ** 20);

const child = process.argv[2] === '--child' ? process.argv[3] : undefined;
if (child) {
  const config = loadConfig();
  const { manifest } = await ensureBuild(config);
  globalThis.gc?.();
  const before = process.memoryUsage();
  const started = performance.now();
  const site = await loadSite(config, manifest, { eagerFormats: MODES[child] ?? [] });
  const ms = Math.round(performance.now() - started);
  // First request of every document in a lazily made format: what the first visitor of each page waits for, summed.
  const lazyStarted = performance.now();
  for (const doc of site.documents.byPath.values()) await site.documentBody(doc, 'jsonld');
  const jsonldAllMs = Math.round(performance.now() - lazyStarted);
  globalThis.gc?.();
  const after = process.memoryUsage();
  console.log(
    JSON.stringify({
      mode: child,
      documents: site.documents.byPath.size,
      startupMs: ms,
      timings: site.timings,
      heapUsedMB: mb(after.heapUsed),
      heapGrowthMB: mb(after.heapUsed - before.heapUsed),
      rssMB: mb(after.rss),
      cachedBodiesMB: mb(site.bodies.bytes),
      jsonldForAllDocumentsMs: jsonldAllMs,
    }),
  );
} else {
  const self = fileURLToPath(import.meta.url);
  for (const mode of Object.keys(MODES)) {
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--child', mode], { encoding: 'utf8' });
    console.log(out.trim());
  }
}
