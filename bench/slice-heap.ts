// The converter's heap while it writes the slice files (slice-files.ts), the pass that ran out of its 4 GB heap at
// national size: heap still used after a full GC, every --every plans and at the end, beside the plan texts read so
// far (what the pass would hold if it kept each graph's text). Reads an existing build's graph files; writes the
// document rows (document-rows.ts) into a temporary folder, as the converter does, and prints their size.
//   npm run bench:slice-heap -- [build dir, default build-synth] [--every 30]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseArgs } from 'node:util';
import type { GraphInfo, Manifest } from '../src/convert/dataset.ts';
import { documentRowsWriter } from '../src/convert/document-rows.ts';
import { planGraphFile, planParts, sliceFiles, VOCABULARY_GRAPH_FILE } from '../src/convert/slice-files.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { every: { type: 'string', default: '30' } } });
const dir = resolve(positionals[0] ?? 'build-synth');
const every = Number(values.every);
if (!Number.isInteger(every) || every < 1) throw new Error(`--every: a positive whole number of plans, got "${values.every}"`);
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const mb = (n: number) => (n / 1e6).toFixed(0);

const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
const [vocabulary, ...plans] = manifest.graphs as [GraphInfo, ...GraphInfo[]];
let textBytes = 0;
const read = (path: string) => () => {
  const bytes = readFileSync(join(dir, path));
  textBytes += bytes.length;
  return bytes;
};
gc();
const base = process.memoryUsage().heapUsed;
const started = performance.now();
let done = 0;
const rowsDir = mkdtempSync(join(tmpdir(), 'jpp-slice-heap-'));
// The Turtle bodies are left out (made by the plans' converter workers in a build): the heap measured is the slices'.
const rows = documentRowsWriter(rowsDir, manifest.baseIri, { license: 'about:none', made: async () => [] });
console.log(`${dir}: ${plans.length} plan graphs, ${manifest.quads} quads`);
console.log('plans  heap retained MB  plan texts read MB');
for (const file of sliceFiles(manifest.baseIri, { graph: vocabulary, nq: read(VOCABULARY_GRAPH_FILE) }, plans.map((g) => {
  const path = planGraphFile(g.plan!.municipality, g.plan!.id);
  // The converter takes a plan's parts from its cache entry; here they are made from its graph file, as a converter
  // worker makes them (a text not kept, so not counted).
  return { graph: g, nq: read(path), parts: () => planParts(manifest.baseIri, g, readFileSync(join(dir, path), 'utf8')) };
}), rows)) {
  file.content();
  if (file.path.startsWith('graphs/') && file.path !== VOCABULARY_GRAPH_FILE && ++done % every === 0) {
    gc();
    console.log(`${String(done).padStart(5)}  ${mb(process.memoryUsage().heapUsed - base).padStart(17)}  ${mb(textBytes).padStart(18)}`);
  }
}
const rowsBytes = (await rows.finish()).bytes;
rmSync(rowsDir, { recursive: true, force: true });
gc();
console.log(`document rows: ${mb(rowsBytes)} MB`);
console.log(`end: ${mb(process.memoryUsage().heapUsed - base)} MB retained after ${done} plans (${mb(textBytes)} MB of text read), ${((performance.now() - started) / 1000).toFixed(1)} s`);
