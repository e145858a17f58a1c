// A source text the converter cannot read, or whose bytes are not the ones SHA256SUMS records, is reported against the
// source file, with the place and the fix, by the build's own path (the plan converted on a worker thread), not as a
// failure of the plan file.
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    // Its hash recorded, as a curator who copied it would: the encoding is the only problem left.
    const sums = join(root, 'data/sources/SHA256SUMS');
    const hash = createHash('sha256').update(readFileSync(source)).digest('hex');
    writeFileSync(sums, readFileSync(sums, 'utf8').replace(/^[0-9a-f]{64}(?=  132292-nishitokyo\.txt$)/mu, hash));
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

describe('a source text that SHA256SUMS does not record', () => {
  it('fails validate with the file, the hash and the command, before the plans\' problems', { timeout: 120_000 }, async () => {
    const other = mkdtempSync(join(tmpdir(), 'jpp-source-sums-'));
    try {
      for (const dir of ['data', 'ontology']) cpSync(dir, join(other, dir), { recursive: true });
      for (const plan of ['131121-setagaya', '132101-koganei', '132110-kodaira', '132217-kiyose']) rmSync(join(other, `data/plans/${plan}.yaml`));
      const source = join(other, 'data/sources/132292-nishitokyo.txt');
      appendFileSync(source, '\n追記\n');
      const lines = readFileSync(join(other, 'data/sources/SHA256SUMS'), 'utf8').split('\n');
      const line = lines.findIndex((l) => l.endsWith('  132292-nishitokyo.txt')) + 1;
      const error = await validate({ root: other, baseIri: 'http://localhost:3000/', cacheDir: join(other, 'cache'), convertWorkers: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toBe(
        '1 problem(s) in the input:\n  data/sources/132292-nishitokyo.txt: its sha256 is ' +
          `${createHash('sha256').update(readFileSync(source)).digest('hex')}, not the ${lines[line - 1]!.slice(0, 64)} that data/sources/SHA256SUMS:${line} records: ` +
          'a source text is kept byte for byte as copied (quotes are located by their offsets in it); if this copy is the right one, put the output of ' +
          '`cd data/sources && sha256sum 132292-nishitokyo.txt` on that line',
      );
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
