// `npm run convert` failures, as a person sees them: exit code 1 and a message naming the file, the place and the reason,
// never a stack trace.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONVERT_MAIN, removeDir, run, tempRoot, TEST_BASE } from '../server/lifecycle/processes.ts';

let root: string;
beforeEach(() => {
  root = tempRoot();
});
afterEach(() => removeDir(root));

const convertCli = async () => {
  const p = run(CONVERT_MAIN, { cwd: root, env: { BASE_IRI: TEST_BASE, BUILD_DIR: join(root, 'build') } });
  try {
    return { code: await p.exited, stderr: p.stderr() };
  } finally {
    await p.kill();
  }
};

describe('convert errors', () => {
  it('refuses a YAML alias in a plan file as a located problem', async () => {
    const file = join(root, 'data/plans/132292-nishitokyo.yaml');
    const text = readFileSync(file, 'utf8');
    // The field line gets an anchor, the title line below it an alias to it.
    const edited = text.replace('    field: 協働・行政\n    title: みんなで作るまち', '    field: &f 協働・行政\n    title: *f');
    expect(edited).not.toBe(text);
    const aliasLine = edited.split('\n').indexOf('    title: *f') + 1;
    writeFileSync(file, edited);
    const { code, stderr } = await convertCli();
    expect(code).toBe(1);
    expect(stderr).toMatch(/data\/plans\/132292-nishitokyo\.yaml:\d+:\d+: YAML aliases are not allowed/);
    expect(stderr).toMatch(new RegExp(`data/plans/132292-nishitokyo\\.yaml:${aliasLine}:\\d+: YAML aliases are not allowed`));
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('names a missing input file without a stack', async () => {
    rmSync(join(root, 'data/themes.yaml'));
    const { code, stderr } = await convertCli();
    expect(code).toBe(1);
    expect(stderr).toContain('data/themes.yaml');
    expect(stderr).toMatch(/no such file/);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
