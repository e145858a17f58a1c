// `npm run bench:prerender -- <build dir> [--workers N] [--previous <pages.sqlite>]`: renders every plan element's page
// of a finished build ahead, as `npm run convert` does in staging before the swap, and prints the time, the peak RSS of
// this process (its threads included), the pages and the file's size. It writes <build dir>/pages.sqlite: the store
// that build would have had, which a server of this code then answers from. A national convert takes an hour; this
// measures its last stage alone on a build kept by `npm run bench:scale -- --keep`.
import { statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readManifest } from '../src/convert/verify-build.ts';
import { PAGES_FILE } from '../src/publish/page-store.ts';
import { prerenderPages } from '../src/publish/prerender.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { workers: { type: 'string', default: String(availableParallelism()) }, previous: { type: 'string' } },
});
const dir = positionals[0];
if (dir === undefined) throw new Error('usage: npm run bench:prerender -- <build dir> [--workers N] [--previous <pages.sqlite>]');
const buildDir = resolve(dir);
const workers = Number(values.workers);
const load = loadavg().map((l) => l.toFixed(2)).join(' ');
const started = performance.now();
const report = await prerenderPages({ dir: buildDir, manifest: readManifest(buildDir), previous: values.previous && resolve(values.previous), workers });
const seconds = (performance.now() - started) / 1000;
const bytes = statSync(join(buildDir, PAGES_FILE)).size;
console.log(
  `${buildDir}: ${report.pages} pages (${report.rendered.length} municipalities rendered, ${report.reused.length} taken from the previous file) ` +
    `in ${seconds.toFixed(1)} s on ${workers} threads; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB; ` +
    `${PAGES_FILE} ${(bytes / 2 ** 20).toFixed(0)} MB, ${report.pages ? (bytes / report.pages).toFixed(0) : 0} bytes a page; load average ${load} at the start; ` +
    `${new Date().toISOString()}, Node ${process.version}, ${availableParallelism()} cores`,
);
