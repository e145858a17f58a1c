// A build stopped half-way, as an operator meets it: Ctrl-C or a service manager's SIGTERM to `npm run convert`, or to
// `npm start` while it rebuilds, stops the converter, leaves the previous build as it was and no staging folder
// behind; a server killed outright (SIGKILL) takes its converter with it; a converter killed outright leaves its
// staging folder, which the next build clears.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { processRunning } from '../../../src/convert/abandoned.ts';
import { convertAndWrite } from '../../../src/convert/index.ts';
import { freePort } from '../../free-port.ts';
import { CONVERT_MAIN, removeDir, run, SERVER_MAIN, tempRoot, TEST_BASE, type Proc } from './processes.ts';

let root: string;
let manifest: Buffer;
const build = () => join(root, 'build');
const PLAN = () => join(root, 'data/plans/132101-koganei.yaml');
let plan: string;

beforeAll(async () => {
  root = tempRoot();
  await convertAndWrite({ root, baseIri: TEST_BASE, buildDir: build() });
  manifest = readFileSync(join(build(), 'manifest.json'));
  plan = readFileSync(PLAN(), 'utf8');
});
afterAll(() => removeDir(root));

beforeEach(() => {
  // The build is older than its inputs, and no plan is in the cache: a rebuild converts all five (seconds).
  writeFileSync(PLAN(), `${plan}# changed ${Date.now()}\n`);
  rmSync(join(root, '.cache'), { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Folders beside the build whose names say they are a build's staging or set-aside previous build. */
const leftovers = () => readdirSync(root).filter((n) => n.startsWith('build.tmp-') || n.startsWith('build.old-'));

/** Waits (at most 60 s) for a converter's staging folder beside the build; returns that converter's pid. */
const stagingPid = async (p: Proc): Promise<number> => {
  for (let i = 0; i < 3000; i++) {
    const staging = leftovers().find((n) => n.startsWith('build.tmp-'));
    if (staging) return Number(staging.slice('build.tmp-'.length));
    if (p.child.exitCode !== null || p.child.signalCode !== null) break;
    await sleep(20);
  }
  throw new Error(`no converter staging folder appeared:\n${p.stderr()}`);
};

const gone = async (pid: number) => {
  for (let i = 0; i < 500 && processRunning(pid); i++) await sleep(20);
  return !processRunning(pid);
};

const previousBuildIntact = () => expect(readFileSync(join(build(), 'manifest.json')).equals(manifest)).toBe(true);

const env = () => ({ BASE_IRI: TEST_BASE, BUILD_DIR: build() });

describe('npm run convert, stopped', () => {
  it('by SIGTERM: exits 143 naming the signal, removes its staging folder, and leaves the previous build', async () => {
    const p = run(CONVERT_MAIN, { cwd: root, env: env() });
    try {
      await stagingPid(p);
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(143);
      expect(p.stderr()).toContain('convert stopped by SIGTERM; the previous build is left untouched.');
      expect(p.stderr()).not.toMatch(/^\s+at /m);
      expect(leftovers()).toEqual([]);
      previousBuildIntact();
    } finally {
      await p.kill();
    }
  });

  it('by SIGKILL: its staging folder stays until the next build, which removes it', async () => {
    const p = run(CONVERT_MAIN, { cwd: root, env: env() });
    await stagingPid(p);
    await p.kill();
    expect(leftovers()).toHaveLength(1);
    previousBuildIntact();
    await convertAndWrite({ root, baseIri: TEST_BASE, buildDir: build() });
    expect(leftovers()).toEqual([]);
    manifest = readFileSync(join(build(), 'manifest.json'));
  });
});

describe('npm start rebuilding a stale build, stopped', () => {
  const startRebuilding = async () => {
    const p = run(SERVER_MAIN, { cwd: root, env: { ...env(), PORT: String(await freePort()), HOST: '127.0.0.1' } });
    const converter = await stagingPid(p);
    expect(p.stderr()).toContain(`rebuilding ${build()}: ${build()} is older than its inputs`);
    return { p, converter };
  };

  it('by SIGTERM: stops the converter, which removes its staging folder, and exits 0 saying the previous build is left', async () => {
    const { p, converter } = await startRebuilding();
    try {
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      expect(p.stderr()).toContain('convert stopped by SIGTERM; the previous build is left untouched.');
      expect(p.stderr()).toContain('jp-plan-lod: SIGTERM while the converter was rebuilding: it was stopped, and the previous build is left untouched');
      expect(p.stderr()).not.toMatch(/^\s+at /m);
      expect(await gone(converter)).toBe(true);
      expect(leftovers()).toEqual([]);
      previousBuildIntact();
    } finally {
      await p.kill();
    }
  });

  it('by SIGKILL: the converter stops too (its IPC channel ends) and removes its staging folder', async () => {
    const { p, converter } = await startRebuilding();
    await p.kill();
    expect(await gone(converter)).toBe(true);
    expect(leftovers()).toEqual([]);
    previousBuildIntact();
  });
});
