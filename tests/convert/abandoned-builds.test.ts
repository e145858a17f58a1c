// What a converter killed in the middle of a build (SIGKILL, the OOM killer) leaves beside the build folder and in the
// plan cache is cleared by the next build; what belongs to a process still running is left alone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { abandonedBy, processRunning } from '../../src/convert/abandoned.ts';
import { planCache } from '../../src/convert/plan-cache.ts';
import { clearAbandonedBuilds, swapInBuild } from '../../src/convert/write-build.ts';
import { removeDir } from '../server/lifecycle/processes.ts';

/** The pid of a process that has ended. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;
/** A live process that is not this one. */
const livePid = process.ppid;

let parent: string;
const build = () => join(parent, 'build');
const folder = (name: string, file = 'x') => {
  mkdirSync(join(parent, name), { recursive: true });
  writeFileSync(join(parent, name, 'file'), file);
};

beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'jpp-abandoned-'));
});
afterEach(() => removeDir(parent));

describe('abandonedBy', () => {
  it("gives the pid of a staging name whose process is gone, never a running one's or this one's", () => {
    const dead = deadPid();
    expect(processRunning(dead)).toBe(false);
    expect(abandonedBy(`build.tmp-${dead}`, 'build.tmp-')).toBe(dead);
    expect(abandonedBy(`build.tmp-${dead}-3`, 'build.tmp-', true)).toBe(dead);
    expect(abandonedBy(`build.tmp-${dead}-3`, 'build.tmp-')).toBeUndefined();
    expect(abandonedBy(`build.tmp-${livePid}`, 'build.tmp-')).toBeUndefined();
    expect(abandonedBy(`build.tmp-${process.pid}`, 'build.tmp-')).toBeUndefined();
    for (const name of ['build.tmp-', 'build.tmp-x1', `build.tmp-${dead}x`, `buildx.tmp-${dead}`, `build.old-${dead}`, 'build.tmp-0'])
      expect(abandonedBy(name, 'build.tmp-'), name).toBeUndefined();
  });
});

describe('clearAbandonedBuilds', () => {
  it("removes a killed build's staging and set-aside folders, and leaves the build, running builds' folders and other folders alone", () => {
    const dead = deadPid();
    folder('build', 'current');
    for (const name of [`build.tmp-${dead}`, `build.old-${dead}`, `build.tmp-${livePid}`, `build.old-${livePid}`, 'build.tmp-mine', `build.tmp-${dead}-copy`, 'other', `other.tmp-${dead}`]) folder(name);
    expect(clearAbandonedBuilds(build()).sort()).toEqual([join(parent, `build.old-${dead}`), join(parent, `build.tmp-${dead}`)]);
    for (const name of [`build.tmp-${dead}`, `build.old-${dead}`]) expect(existsSync(join(parent, name)), name).toBe(false);
    for (const name of ['build', `build.tmp-${livePid}`, `build.old-${livePid}`, 'build.tmp-mine', `build.tmp-${dead}-copy`, 'other', `other.tmp-${dead}`]) expect(existsSync(join(parent, name)), name).toBe(true);
    expect(readFileSync(join(build(), 'file'), 'utf8')).toBe('current');
  });

  it('puts back the previous build a converter killed between its two renames had set aside', () => {
    const dead = deadPid();
    folder(`build.old-${dead}`, 'previous');
    folder(`build.tmp-${dead}`, 'new, complete');
    clearAbandonedBuilds(build());
    expect(readFileSync(join(build(), 'file'), 'utf8')).toBe('previous');
    expect(existsSync(join(parent, `build.tmp-${dead}`))).toBe(false);
  });

  it('runs before every build, and clears nothing when the folder has no parent yet', async () => {
    const dead = deadPid();
    folder(`build.tmp-${dead}`);
    await swapInBuild(build(), async (staging) => writeFileSync(join(staging, 'file'), 'new'));
    expect(existsSync(join(parent, `build.tmp-${dead}`))).toBe(false);
    expect(readFileSync(join(build(), 'file'), 'utf8')).toBe('new');
    expect(clearAbandonedBuilds(join(parent, 'missing/build'))).toEqual([]);
  });
});

describe('the plan cache', () => {
  it("drops a killed converter's staging entries when it prunes, and keeps a running one's", () => {
    const dead = deadPid();
    const root = join(parent, 'cache/real');
    for (const name of [`132101-koganei.tmp-${dead}-1`, `132101-koganei.tmp-${livePid}-2`, '132101-koganei', '132102-gone']) mkdirSync(join(root, name), { recursive: true });
    expect(planCache(join(parent, 'cache'), false, 'key').prune(['data/plans/132101-koganei.yaml'])).toEqual(['132102-gone']);
    expect(existsSync(join(root, `132101-koganei.tmp-${dead}-1`))).toBe(false);
    expect(existsSync(join(root, `132101-koganei.tmp-${livePid}-2`))).toBe(true);
    expect(existsSync(join(root, '132101-koganei'))).toBe(true);
  });
});
