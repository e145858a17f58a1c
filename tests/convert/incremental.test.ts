// The parallel, cached converter: byte-identical to the in-memory conversion, and a rebuild converts exactly the plans
// whose inputs changed, giving the same bytes as a build from scratch.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPlans } from '../../src/convert/build.ts';
import { buildOptions, convert, convertAndWriteReport, readVerifiedBuild, BuildError, validate } from '../../src/convert/index.ts';
import { writeSynthetic } from '../../src/synth/index.ts';

const BASE = 'http://localhost:3000/';
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'jpp-incremental-'));
  for (const dir of ['data', 'ontology']) cpSync(dir, join(root, dir), { recursive: true });
  // The first body, and a municipality of two plans (every tenth body has the previous edition too): the others go.
  writeSynthetic(join(root, 'synth'), { bodies: 10, seed: '7' });
  const plans = readdirSync(join(root, 'synth/plans'));
  const keep = new Set([plans.sort()[0]!.slice(0, 6), ...plans.filter((f) => f.endsWith('-synthprev.yaml')).map((f) => f.slice(0, 6))]);
  for (const sub of ['plans', 'sources'])
    for (const f of readdirSync(join(root, 'synth', sub))) if (!keep.has(f.slice(0, 6))) rmSync(join(root, 'synth', sub, f));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Files by path as SHA-256 digests: comparing megabytes of Buffers with toEqual walks them byte by byte and takes minutes.
const digest = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const files = (dir: string) =>
  Object.fromEntries(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => [join(d.parentPath, d.name).slice(dir.length), digest(readFileSync(join(d.parentPath, d.name)))]));

describe.each([
  { mode: 'real', opts: {}, edited: 'data/plans/132292-nishitokyo.yaml' },
  // A plan of the municipality of two plans: its Turtle bodies are made from both.
  { mode: 'synthetic', opts: { synthetic: true, plansDir: 'synth/plans', sourcesDir: 'synth/sources' }, edited: 'synth/plans/900095-synth.yaml' },
])('the $mode build', ({ mode, opts, edited }) => {
  const at = (name: string) => ({ root, baseIri: BASE, buildDir: join(root, name), cacheDir: join(root, `cache-${name}`), convertWorkers: 2, ...opts });
  // The Turtle bodies kept, one entry per municipality (code-key.json.deflate).
  const bodiesDir = () => join(root, 'cache-a', 'bodies', mode);
  const kept = () => readdirSync(bodiesDir()).sort();

  // Three conversions of the set (cached, reference, from scratch): ~60 s on an idle 2-core machine, more under load.
  it('is byte-identical to the in-memory conversion, through the cache too, and rebuilds only the changed plan', { timeout: 300_000 }, async () => {
    const full = await convertAndWriteReport(at('a'));
    expect(full.cached).toEqual([]);
    const reference = await convert(at('a'), full.manifest.inputsHash);
    const built = files(join(root, 'a'));
    for (const f of reference.files) expect(built[`/${f.path}`], f.path).toBe(digest(f.content));
    expect(JSON.parse(readFileSync(join(root, 'a/manifest.json'), 'utf8'))).toEqual(reference.manifest);

    const municipalities = new Set(full.manifest.graphs.flatMap((g) => (g.plan ? [g.plan.municipality] : [])));
    expect(full.converted.length - municipalities.size).toBe(mode === 'synthetic' ? 1 : 0);
    const bodies = kept();
    expect(bodies.map((f) => f.slice(0, 6))).toEqual([...municipalities].sort());

    // Nothing changed: everything comes from the cache, byte for byte.
    const again = await convertAndWriteReport(at('a'));
    expect(again.converted).toEqual([]);
    expect(files(join(root, 'a'))).toEqual(built);
    expect(kept()).toEqual(bodies);
    // The bodies kept gone: a check alone makes none; the build's check makes them again on the workers, before
    // anything is assembled (the main thread would make them too, so the bytes alone would not show it); same bytes.
    rmSync(bodiesDir(), { recursive: true });
    await validate(at('a'));
    expect(existsSync(bodiesDir())).toBe(false);
    await checkPlans(buildOptions(at('a')));
    expect(kept()).toEqual(bodies);
    rmSync(bodiesDir(), { recursive: true });
    await convertAndWriteReport(at('a'));
    expect(files(join(root, 'a'))).toEqual(built);
    expect(kept()).toEqual(bodies);

    // One plan changed (a comment line): exactly that plan is converted again, and its municipality's bodies made
    // again; the result equals a build from scratch.
    const path = join(root, edited);
    writeFileSync(path, readFileSync(path, 'utf8') + '# edited\n');
    const rebuilt = await convertAndWriteReport(at('a'));
    expect(rebuilt.converted).toEqual([edited]);
    expect(rebuilt.cached.length).toBe(full.converted.length - 1);
    const code = edited.split('/').at(-1)!.slice(0, 6);
    expect(kept().filter((f) => !bodies.includes(f)).map((f) => f.slice(0, 6))).toEqual([code]);
    expect(kept()).toHaveLength(bodies.length);
    await convertAndWriteReport(at('b'));
    expect(files(join(root, 'a'))).toEqual(files(join(root, 'b')));
  });

  it("fails on a municipality whose documents cannot be made, naming it, and leaves the previous build as it was", { timeout: 120_000 }, async () => {
    const before = files(join(root, 'a'));
    const code = edited.split('/').at(-1)!.slice(0, 6);
    const entry = join(root, 'cache-a', mode, basename(edited, '.yaml'));
    const rows = join(entry, 'rows.json.deflate');
    const good = readFileSync(rows);
    writeFileSync(rows, 'not deflated');
    rmSync(bodiesDir(), { recursive: true });
    try {
      await expect(convertAndWriteReport(at('a'))).rejects.toThrow(new RegExp(`could not make the Turtle documents of 1 municipality:\\n${code}: `));
      expect(files(join(root, 'a'))).toEqual(before);
    } finally {
      writeFileSync(rows, good);
    }
  });

  it('is served only as what it is', () => {
    const synthetic = 'synthetic' in opts;
    expect(readVerifiedBuild(join(root, 'a'), synthetic).manifest.synthetic).toBe(synthetic ? true : undefined);
    expect(() => readVerifiedBuild(join(root, 'a'), !synthetic)).toThrow(BuildError);
  });
});
