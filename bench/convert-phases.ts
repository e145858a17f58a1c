// `npm run bench:phases -- [--bodies 3] [--seed 1] [--rounds 2]`: where one synthetic plan's conversion spends its
// time, phase by phase, in this process (no workers): load and check, quads, SHACL, cube integrity, each piece. The
// first round includes the JIT's warm-up; later rounds are what a worker pays per plan once warm.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Parser } from 'n3';
import { listPlanFiles, loadPlan, THEMES_FILE } from '../src/plan/index.ts';
import { loadThemes } from '../src/plan/load-themes.ts';
import { planToQuads } from '../src/rdf/plan-to-quads.ts';
import { sortQuads, toNQuads, toTurtle, usedPrefixes } from '../src/rdf/serialize.ts';
import { themesToQuads } from '../src/rdf/themes-to-quads.ts';
import { iris } from '../src/rdf/uris.ts';
import { checkCubeIntegrityOf } from '../src/convert/cube-integrity.ts';
import { ontologyQuads } from '../src/convert/dataset.ts';
import { graphPieces } from '../src/convert/graph-files.ts';
import { compactedGraphEntry } from '../src/rdf/jsonld-graph.ts';
import { readSourceIn } from '../src/convert/plan-unit.ts';
import { shaclValidator } from '../src/convert/shacl.ts';
import { writeSynthetic } from '../src/synth/index.ts';

const PROJECT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { bodies: { type: 'string', default: '3' }, seed: { type: 'string', default: '1' }, rounds: { type: 'string', default: '2' } } });
const root = mkdtempSync(join(tmpdir(), 'jpp-phases-'));
const times = new Map<string, number[]>();
const cpu = new Map<string, number[]>();
/** Wall and CPU (user + system) milliseconds of a phase: on a loaded shared machine the CPU figure is the one to read. */
const timed = async <T>(phase: string, f: () => T | Promise<T>): Promise<T> => {
  const t = performance.now();
  const c = process.cpuUsage();
  const r = await f();
  const u = process.cpuUsage(c);
  times.set(phase, [...(times.get(phase) ?? []), performance.now() - t]);
  cpu.set(phase, [...(cpu.get(phase) ?? []), (u.user + u.system) / 1000]);
  return r;
};

try {
  writeSynthetic(join(root, 'synth'), { bodies: Number(values.bodies), seed: values.seed });
  const layout = { plansDir: 'synth/plans', sourcesDir: 'synth/sources', synthetic: true };
  const uri = iris('http://localhost:3000/');
  const { scheme } = loadThemes(THEMES_FILE, readFileSync(join(PROJECT, THEMES_FILE), 'utf8'));
  const vocabulary = sortQuads([
    ...ontologyQuads(readFileSync(join(PROJECT, 'ontology/jpplan.ttl'), 'utf8'), uri.vocabularyGraph(), 'ontology/jpplan.ttl'),
    ...themesToQuads(scheme!, uri),
  ]);
  const vocabularyNq = toNQuads(vocabulary);
  const shapes = readFileSync(join(PROJECT, 'ontology/shapes.ttl'), 'utf8');
  const validate = await timed('setup: parse shapes', () => shaclValidator(shapes));
  const parsedVocabulary = await timed('setup: parse vocabulary N-Quads', () => new Parser({ format: 'N-Quads' }).parse(vocabularyNq));
  const readSource = readSourceIn(root, layout);
  const files = listPlanFiles(root, layout);
  let triples = 0;
  for (let round = 0; round < Number(values.rounds); round++)
    for (const file of files) {
      const yamlText = readFileSync(join(root, file), 'utf8');
      const { plan } = await timed('load and check plan', () => loadPlan({ file, yamlText, readSource, themeIds: new Set(scheme!.themes.map((t) => t.id)), synthetic: true }));
      const quads = await timed('plan to quads, sorted', () => sortQuads(planToQuads(plan!, uri)));
      triples += quads.length;
      const violations = await timed('SHACL: validate', () => validate([...parsedVocabulary, ...quads]));
      if (violations.length > 0) throw new Error(`${file}: ${violations.length} violations`);
      await timed('cube integrity (cube triples)', () => checkCubeIntegrityOf([...parsedVocabulary, ...quads]));
      const prefixes = usedPrefixes(quads);
      await timed('piece: N-Quads', () => toNQuads(quads));
      await timed('piece: JSON-LD (direct writer)', () => JSON.stringify(compactedGraphEntry(quads, prefixes), null, 2));
      await timed('piece: Turtle', () => toTurtle(quads));
      await timed('all pieces (graphPieces)', () => graphPieces(quads));
    }
  const plans = files.length * Number(values.rounds);
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${files.length} plan(s) × ${values.rounds} round(s), ${Math.round(triples / plans)} triples per plan on average`);
  console.log('| phase | first plan ms | mean of the rest ms | mean of the rest CPU ms |\n|---|---:|---:|---:|');
  const mean = (xs: number[]) => (xs.length ? (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(0) : '');
  for (const [phase, ts] of times) console.log(`| ${phase} | ${ts[0]!.toFixed(0)} | ${mean(ts.slice(1))} | ${mean(cpu.get(phase)!.slice(1))} |`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
