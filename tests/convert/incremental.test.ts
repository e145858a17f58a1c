// The parallel, cached converter: byte-identical to the in-memory conversion, and a rebuild converts exactly the plans
// whose inputs changed, giving the same bytes as a build from scratch.
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert, convertAndWriteReport, readVerifiedBuild, BuildError } from '../../src/convert/index.ts';
import { writeSynthetic } from '../../src/synth/index.ts';

const BASE = 'http://localhost:3000/';
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'jpp-incremental-'));
  for (const dir of ['data', 'ontology']) cpSync(dir, join(root, dir), { recursive: true });
  writeSynthetic(join(root, 'synth'), { bodies: 2, seed: '7' });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Files by path as SHA-256 digests: comparing megabytes of Buffers with toEqual walks them byte by byte and takes minutes.
const digest = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const files = (dir: string) =>
  Object.fromEntries(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => [join(d.parentPath, d.name).slice(dir.length), digest(readFileSync(join(d.parentPath, d.name)))]));

describe.each([
  { mode: 'real', opts: {}, edited: 'data/plans/132292-nishitokyo.yaml' },
  { mode: 'synthetic', opts: { synthetic: true, plansDir: 'synth/plans', sourcesDir: 'synth/sources' }, edited: 'synth/plans/900001-synth.yaml' },
])('the $mode build', ({ opts, edited }) => {
  const at = (name: string) => ({ root, baseIri: BASE, buildDir: join(root, name), cacheDir: join(root, `cache-${name}`), convertWorkers: 2, ...opts });

  // Three conversions of the set (cached, reference, from scratch): ~60 s on an idle 2-core machine, more under load.
  it('is byte-identical to the in-memory conversion, through the cache too, and rebuilds only the changed plan', { timeout: 300_000 }, async () => {
    const full = await convertAndWriteReport(at('a'));
    expect(full.cached).toEqual([]);
    const reference = await convert(at('a'), full.manifest.inputsHash);
    const built = files(join(root, 'a'));
    for (const f of reference.files) expect(built[`/${f.path}`], f.path).toBe(digest(f.content));
    expect(JSON.parse(readFileSync(join(root, 'a/manifest.json'), 'utf8'))).toEqual(reference.manifest);

    // Nothing changed: everything comes from the cache, byte for byte.
    const again = await convertAndWriteReport(at('a'));
    expect(again.converted).toEqual([]);
    expect(files(join(root, 'a'))).toEqual(built);

    // One plan changed (a comment line): exactly that plan is converted again; the result equals a build from scratch.
    const path = join(root, edited);
    writeFileSync(path, readFileSync(path, 'utf8') + '# edited\n');
    const rebuilt = await convertAndWriteReport(at('a'));
    expect(rebuilt.converted).toEqual([edited]);
    expect(rebuilt.cached.length).toBe(full.converted.length - 1);
    await convertAndWriteReport(at('b'));
    expect(files(join(root, 'a'))).toEqual(files(join(root, 'b')));
  });

  it('is served only as what it is', () => {
    const synthetic = 'synthetic' in opts;
    expect(readVerifiedBuild(join(root, 'a'), synthetic).manifest.synthetic).toBe(synthetic ? true : undefined);
    expect(() => readVerifiedBuild(join(root, 'a'), !synthetic)).toThrow(BuildError);
  });
});
