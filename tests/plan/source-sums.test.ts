// The source texts are checked against SHA256SUMS: each file has its line and its hash, and each line a file.
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSourceSums, InputError, loadInputs } from '../../src/plan/index.ts';
import { formatProblem } from '../../src/plan/errors.ts';
import { sourceSumProblems } from '../../src/plan/source-sums.ts';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const FILES: Record<string, string> = { '131041-shinjuku.txt': '新宿区基本計画\n', 'SEEDS-README.md': '# seeds\n' };
const check = (sums: string | undefined, files: Record<string, string> = FILES) =>
  sourceSumProblems('data/sources', Object.keys(files), (name) => Buffer.from(files[name]!), sums).map(formatProblem);
const GOOD = `${sha(FILES['131041-shinjuku.txt']!)}  131041-shinjuku.txt\n${sha(FILES['SEEDS-README.md']!)}  SEEDS-README.md\n`;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('SHA256SUMS', () => {
  it('holds the right hash of every file of data/sources, the five source texts and the seeds README', () => {
    expect(checkSourceSums(process.cwd(), 'data/sources')).toEqual([]);
    expect(readdirSync('data/sources').filter((f) => f !== 'SHA256SUMS').sort()).toEqual([
      '131121-setagaya.txt',
      '132101-koganei.txt',
      '132110-kodaira.txt',
      '132217-kiyose.txt',
      '132292-nishitokyo.txt',
      'SEEDS-README.md',
    ]);
  });

  it('accepts sha256sum\'s output, in either mode', () => {
    expect(check(GOOD)).toEqual([]);
    expect(check(GOOD.replace('  SEEDS', ' *SEEDS'))).toEqual([]);
  });

  it('names a source file with no line, and the command that adds it', () => {
    expect(check(GOOD.split('\n').slice(1).join('\n'))).toEqual([
      'data/sources/131041-shinjuku.txt: has no line in data/sources/SHA256SUMS: add its hash with: cd data/sources && sha256sum 131041-shinjuku.txt >> SHA256SUMS',
    ]);
  });

  it('names a source file whose bytes are not the ones recorded, and where they are recorded', () => {
    const changed = { ...FILES, '131041-shinjuku.txt': '新宿区基本計画 \n' };
    expect(check(GOOD, changed)).toEqual([
      `data/sources/131041-shinjuku.txt: its sha256 is ${sha('新宿区基本計画 \n')}, not the ${sha(FILES['131041-shinjuku.txt']!)} that data/sources/SHA256SUMS:1 records: ` +
        'a source text is kept byte for byte as copied (quotes are located by their offsets in it); if this copy is the right one, put the output of ' +
        '`cd data/sources && sha256sum 131041-shinjuku.txt` on that line',
    ]);
  });

  it('names a line for a file that is not there, a line twice, a line that is not sha256sum\'s, and a missing SHA256SUMS', () => {
    expect(check(`${GOOD}${'0'.repeat(64)}  131041-gone.txt\n${GOOD.split('\n')[0]}\nhello\n`)).toEqual([
      'data/sources/SHA256SUMS:4:1: 131041-shinjuku.txt is listed twice (first on line 1)',
      'data/sources/SHA256SUMS:5:1: not a line as sha256sum writes it ("<64 lower-case hex digits>  <file name>"): "hello"',
      'data/sources/SHA256SUMS:3:67: lists 131041-gone.txt, which is not in data/sources: remove the line, or put the file back',
    ]);
    expect(check(undefined)).toEqual([
      'data/sources/SHA256SUMS: missing: it records the sha256 of every source file; write it with: cd data/sources && sha256sum *.txt SEEDS-README.md > SHA256SUMS',
    ]);
  });

  it('fails loading the inputs when a source text is not the one recorded, with the plans\' own problems', () => {
    const root = mkdtempSync(join(tmpdir(), 'jpp-sums-'));
    dirs.push(root);
    for (const d of ['data', 'ontology']) cpSync(d, join(root, d), { recursive: true });
    writeFileSync(join(root, 'data/sources/132292-new.txt'), '新しい計画\n');
    const error = (() => {
      try {
        loadInputs(root);
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems.map(formatProblem)).toEqual([
      'data/sources/132292-new.txt: has no line in data/sources/SHA256SUMS: add its hash with: cd data/sources && sha256sum 132292-new.txt >> SHA256SUMS',
    ]);
  });
});
