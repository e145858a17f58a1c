// A source text the converter cannot read is reported against the source file, with the place and the fix, by the
// build's own path (the plan converted on a worker thread), not as a failure of the plan file.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validate } from '../../src/convert/index.ts';
import { InputError } from '../../src/plan/index.ts';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'jpp-source-errors-'));
  for (const dir of ['data', 'ontology']) cpSync(dir, join(root, dir), { recursive: true });
  // One plan is enough, and cheaper to convert.
  for (const plan of ['131121-setagaya', '132101-koganei', '132110-kodaira', '132217-kiyose']) rmSync(join(root, `data/plans/${plan}.yaml`));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const failure = async (): Promise<string[]> => {
  const error = await validate({ root, baseIri: 'http://localhost:3000/', cacheDir: join(root, 'cache'), convertWorkers: 1 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.reason}`);
};

describe('a source text that is not UTF-8', () => {
  it('names the source file, the line and column of the first byte that is not UTF-8, and how to convert it', { timeout: 120_000 }, async () => {
    const source = join(root, 'data/sources/132292-nishitokyo.txt');
    const lines = readFileSync(source, 'utf8').split('\n').length;
    // A line in Shift_JIS after the last one (基本目標), as a municipal text export would have it.
    appendFileSync(source, Buffer.from([0x0a, 0x8a, 0xee, 0x96, 0x7b, 0x96, 0xda, 0x95, 0x57, 0x0a]));
    const [problem, ...rest] = await failure();
    expect(problem).toMatch(
      new RegExp(
        `^data/sources/132292-nishitokyo\\.txt:${lines + 1}:1: not UTF-8 \\(byte \\d+ is not valid UTF-8\\): source texts are UTF-8, so convert it to UTF-8 from the encoding it was saved in, ` +
          'e\\.g\\. for Shift_JIS: iconv -f CP932 -t UTF-8 data/sources/132292-nishitokyo\\.txt > converted\\.txt && mv converted\\.txt data/sources/132292-nishitokyo\\.txt$',
      ),
    );
    expect(rest).toEqual([]);
  });
});
