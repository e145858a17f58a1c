// The per-plan cache forgets deleted plans, and a synthetic plan's quote and source errors name the synthetic sources.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert, convertAndWriteReport, validate } from '../../src/convert/index.ts';
import { InputError } from '../../src/plan/index.ts';
import { writeSynthetic } from '../../src/synth/index.ts';

const BASE = 'http://localhost:3000/';
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'jpp-cache-prune-'));
  for (const dir of ['data', 'ontology']) cpSync(dir, join(root, dir), { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the plan cache', () => {
  it('drops the entry of a deleted plan, and the build is the one without it', { timeout: 300_000 }, async () => {
    const opts = { root, baseIri: BASE, buildDir: join(root, 'build'), cacheDir: join(root, 'cache'), convertWorkers: 2 };
    const entries = () => readdirSync(join(root, 'cache/real')).sort();
    await convertAndWriteReport(opts);
    expect(entries()).toContain('132292-nishitokyo');
    expect(entries().length).toBe(5);

    rmSync(join(root, 'data/plans/132292-nishitokyo.yaml'));
    const report = await convertAndWriteReport(opts);
    expect(report.converted).toEqual([]);
    expect(report.cached.length).toBe(4);
    expect(entries()).not.toContain('132292-nishitokyo');
    expect(entries().length).toBe(4);
    // The build holds the four plans left, byte for byte as the in-memory conversion makes them.
    const reference = await convert(opts, report.manifest.inputsHash);
    for (const f of reference.files) expect(readFileSync(join(root, 'build', f.path)).equals(Buffer.from(f.content)), f.path).toBe(true);
    expect(existsSync(join(root, 'build/plans/132292-dai3ji-kihon-koso.ttl'))).toBe(false);
    expect(report.manifest.graphs.length).toBe(5);
  });
});

describe('a synthetic plan whose source is wrong', () => {
  let synth: string;
  beforeAll(() => {
    synth = mkdtempSync(join(tmpdir(), 'jpp-synth-sources-'));
    for (const d of ['data', 'ontology']) symlinkSync(join(process.cwd(), d), join(synth, d));
    writeSynthetic(join(synth, 'synth'), { bodies: 1, seed: '5' });
  });
  afterAll(() => rmSync(synth, { recursive: true, force: true }));
  const opts = () => ({ root: synth, baseIri: BASE, synthetic: true, plansDir: 'synth/plans', sourcesDir: 'synth/sources', cacheDir: join(synth, 'cache'), convertWorkers: 1 });
  const failure = async () => {
    const error = await validate(opts()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  };

  it('names the synthetic sources folder for a quote not found, and for a missing source', { timeout: 120_000 }, async () => {
    const [sourceName] = readdirSync(join(synth, 'synth/sources'));
    const source = join(synth, 'synth/sources', sourceName!);
    const text = readFileSync(source, 'utf8');
    // Blank out the source's second half: the quotes that stood there are no longer found.
    writeFileSync(source, text.slice(0, text.length / 2) + ' '.repeat(10));
    const notFound = await failure();
    expect(notFound).toContain(`text not found in synth/sources/${sourceName}`);
    expect(notFound).not.toContain('data/sources');

    rmSync(source);
    const missing = await failure();
    expect(missing).toContain(`source file synth/sources/${sourceName} does not exist`);
    expect(missing).not.toContain('data/sources');
  });
});
