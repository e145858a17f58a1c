// `npm start`'s build check: a build whose files are missing, damaged or whose manifest is unreadable is rebuilt,
// and the reason given names the file.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertAndWrite, ensureBuild, readVerifiedBuild } from '../../src/convert/index.ts';
import { removeDir, tempRoot, TEST_BASE } from '../server/lifecycle/processes.ts';

let root: string;
let good: string;
const opts = () => ({ root, baseIri: TEST_BASE, buildDir: join(root, 'build') });
const nq = () => join(root, 'build/dataset.nq');

beforeAll(async () => {
  root = tempRoot();
  await convertAndWrite(opts());
  good = readFileSync(nq(), 'utf8');
});
afterAll(() => removeDir(root));

/** Runs ensureBuild and returns why it rebuilt (undefined when it did not). */
const ensure = async () => {
  let reason: string | undefined;
  await ensureBuild(opts(), (r) => (reason = r));
  return reason;
};

describe('ensureBuild', () => {
  it('keeps an intact, current build', async () => {
    expect(await ensure()).toBeUndefined();
  });

  it("removes a killed converter's staging folder even when the build is current", async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const staging = join(root, `build.tmp-${dead}`);
    mkdirSync(staging);
    writeFileSync(join(staging, 'dataset.nq'), 'half a build');
    expect(await ensure()).toBeUndefined();
    expect(existsSync(staging)).toBe(false);
  });

  it('names the base IRI the build was made for when BASE_IRI (or PORT, when it is unset) differs', async () => {
    const other = 'http://localhost:3300/';
    let reason: string | undefined;
    const noBuild = async () => {};
    await expect(ensureBuild({ ...opts(), baseIri: other }, (r) => (reason = r), noBuild)).rejects.toThrow(/the converter finished, but/);
    expect(reason).toBe(`${opts().buildDir} was built for BASE_IRI ${TEST_BASE}, not ${other}`);
  });

  it('keeps the bytes of the small files the site reads whole only (never dataset.nq), and still checks the files it does not keep', async () => {
    expect([...readVerifiedBuild(opts().buildDir).files.keys()].sort()).toEqual(['facts.json', 'graphs/vocabulary.nq', 'site.json']);
    const slice = join(root, 'build/shared.nq');
    const before = readFileSync(slice);
    appendFileSync(slice, '<urn:x> <urn:y> <urn:z> .\n');
    expect(await ensure()).toMatch(/shared\.nq: does not match its manifest entry/);
    expect(readFileSync(slice).equals(before)).toBe(true);
  });

  it('rebuilds when a listed file is missing', async () => {
    rmSync(join(root, 'build/plans/132101-dai5ji-kihon-koso.ttl'));
    expect(await ensure()).toMatch(/plans\/132101-dai5ji-kihon-koso\.ttl: missing/);
    expect(() => readVerifiedBuild(opts().buildDir)).not.toThrow();
  });

  it('rebuilds when dataset.nq holds garbage (its size no longer matches)', async () => {
    appendFileSync(nq(), 'this is not N-Quads\n');
    expect(await ensure()).toMatch(/dataset\.nq: does not match its manifest entry/);
    expect(readFileSync(nq(), 'utf8')).toBe(good);
  });

  it('rebuilds when manifest.json is corrupt JSON', async () => {
    const manifest = join(root, 'build/manifest.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').slice(0, 100));
    expect(await ensure()).toMatch(/manifest\.json: not valid JSON/);
    expect(readVerifiedBuild(opts().buildDir).manifest.quads).toBeGreaterThan(0);
    expect(await ensure()).toBeUndefined();
  });
});
