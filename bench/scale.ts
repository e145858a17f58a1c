// `npm run bench:scale -- --sizes 20,200 [--seed 1]`: builds the synthetic set at each size and prints one table, one
// row per size. Columns come from scenario functions, so later scenarios (engine load, start-up, latency) add theirs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeSynthetic } from '../src/synth/index.ts';

interface Row { [column: string]: string | number }
/** A scenario measures one thing on a prepared root and adds its columns to the size's row. */
type Scenario = (ctx: { root: string; bodies: number }, row: Row) => void;

const PROJECT = resolve(import.meta.dirname, '..');

/** Runs the converter as one process (worker threads included), timed by GNU time: wall seconds and peak RSS. */
const timedConvert = (root: string): { seconds: number; rssMb: number; out: string } => {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', process.execPath, '--import', import.meta.resolve('tsx'), join(PROJECT, 'src/convert/main.ts')], {
    cwd: root,
    env: { ...process.env, SYNTHETIC: 'true', BASE_IRI: 'http://localhost:3000/' },
    encoding: 'utf8',
  });
  const m = /TIME ([\d.]+) (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`convert failed:\n${r.stdout}\n${r.stderr}`);
  return { seconds: Number(m[1]), rssMb: Math.round(Number(m[2]) / 1024), out: r.stdout };
};

const fullBuild: Scenario = ({ root }, row) => {
  const t = timedConvert(root);
  const manifest = JSON.parse(readFileSync(join(root, 'build-synth/manifest.json'), 'utf8')) as { quads: number };
  Object.assign(row, { triples: manifest.quads, 'full build s': t.seconds, 'full build peak RSS MB': t.rssMb });
};

const rebuildOneChanged: Scenario = ({ root }, row) => {
  const plan = join(root, 'synth/plans/900001-synth.yaml');
  writeFileSync(plan, readFileSync(plan, 'utf8') + '# edited by bench\n');
  const t = timedConvert(root);
  if (!/\b1 plan\(s\) converted/.test(t.out)) throw new Error(`expected exactly one plan converted again:\n${t.out}`);
  Object.assign(row, { 'rebuild (1 changed) s': t.seconds, 'rebuild peak RSS MB': t.rssMb });
};

const SCENARIOS: Scenario[] = [fullBuild, rebuildOneChanged];

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '20' }, seed: { type: 'string', default: '1' } } });
const rows: Row[] = [];
for (const bodies of values.sizes.split(',').map(Number)) {
  const root = mkdtempSync(join(tmpdir(), 'jpp-scale-'));
  try {
    for (const d of ['data', 'ontology']) symlinkSync(join(PROJECT, d), join(root, d));
    writeSynthetic(join(root, 'synth'), { bodies, seed: values.seed });
    const row: Row = { bodies };
    for (const s of SCENARIOS) s({ root, bodies }, row);
    rows.push(row);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; CONVERT_WORKERS=${process.env.CONVERT_WORKERS ?? 'default'}`);
console.log(`| ${columns.join(' | ')} |\n|${columns.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${columns.map((c) => r[c] ?? '').join(' | ')} |`);
