// A source text that changed or went away under a running build is a 503 naming the text, never a 500 or a path.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceFiles } from '../../../src/server/lib/source-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'jpp-sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('source texts read on request', () => {
  const files = sourceFiles(dir, dir, { 'a.txt': { format: 'text/plain', sha256: sha256('original\n') }, 'gone.txt': { format: 'text/plain', sha256: sha256('x') } });

  it('serves the text the build was made from', async () => {
    writeFileSync(join(dir, 'a.txt'), 'original\n');
    expect((await files.read(files.byName.get('a.txt')!)).toString()).toBe('original\n');
  });

  it('answers 503 naming the text when it changed or is missing, without the folder', async () => {
    writeFileSync(join(dir, 'a.txt'), 'edited\n');
    for (const name of ['a.txt', 'gone.txt']) {
      const error = await files.read(files.byName.get(name)!).catch((e: unknown) => e);
      expect(error, name).toMatchObject({ status: 503, message: expect.stringMatching(new RegExp(`^sources/${name.replace('.', '\\.')}: the text`)) });
      expect((error as Error).message, name).not.toContain(dir);
    }
  });
});
