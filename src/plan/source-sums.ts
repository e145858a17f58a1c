// The source texts are kept byte for byte as copied (every quote's offsets count in them): SHA256SUMS in their folder
// records each file's sha256, in the format sha256sum writes and `sha256sum -c` reads, and a real build checks it.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from './errors.ts';

export const SHA256SUMS = 'SHA256SUMS';

/**
 * The problems of a sources folder against its SHA256SUMS: a file with no line or another hash, a line naming no file,
 * a line that is not sha256sum's. `dir` is the folder as messages name it; `files` the names of its files (SHA256SUMS
 * and dotfiles left out); `sums` the text of SHA256SUMS, undefined when there is none.
 */
export const sourceSumProblems = (dir: string, files: readonly string[], read: (name: string) => Buffer, sums: string | undefined): Problem[] => {
  const sumsFile = `${dir}/${SHA256SUMS}`;
  const add = (name: string, mode: '>' | '>>') => `cd ${dir} && sha256sum ${name} ${mode} ${SHA256SUMS}`;
  if (sums === undefined) {
    const names = [...(files.some((f) => f.endsWith('.txt')) ? ['*.txt'] : []), ...files.filter((f) => !f.endsWith('.txt'))].join(' ');
    return [{ file: sumsFile, reason: `missing: it records the sha256 of every source file; write it with: ${add(names || '*.txt', '>')}` }];
  }
  const problems: Problem[] = [];
  const listed = new Map<string, { hash: string; line: number }>();
  sums.split('\n').forEach((text, i) => {
    if (text.trim() === '') return;
    const m = /^([0-9a-f]{64}) [ *](.+)$/u.exec(text);
    if (!m) {
      problems.push({ file: sumsFile, line: i + 1, column: 1, reason: `not a line as sha256sum writes it ("<64 lower-case hex digits>  <file name>"): ${JSON.stringify(text)}` });
      return;
    }
    const [, hash, name] = m as unknown as [string, string, string];
    const first = listed.get(name);
    if (first) problems.push({ file: sumsFile, line: i + 1, column: 1, reason: `${name} is listed twice (first on line ${first.line})` });
    else listed.set(name, { hash, line: i + 1 });
  });
  const present = new Set(files);
  for (const [name, { line }] of listed)
    if (!present.has(name)) problems.push({ file: sumsFile, line, column: 67, reason: `lists ${name}, which is not in ${dir}: remove the line, or put the file back` });
  for (const name of [...files].sort()) {
    const entry = listed.get(name);
    if (!entry) {
      problems.push({ file: `${dir}/${name}`, reason: `has no line in ${sumsFile}: add its hash with: ${add(name, '>>')}` });
      continue;
    }
    const actual = createHash('sha256').update(read(name)).digest('hex');
    if (actual !== entry.hash)
      problems.push({
        file: `${dir}/${name}`,
        reason:
          `its sha256 is ${actual}, not the ${entry.hash} that ${sumsFile}:${entry.line} records: a source text is kept byte for byte as copied ` +
          `(quotes are located by their offsets in it); if this copy is the right one, put the output of \`cd ${dir} && sha256sum ${name}\` on that line`,
      });
  }
  return problems;
};

/** The files of a sources folder that SHA256SUMS covers: every file but SHA256SUMS itself and dotfiles. */
export const sourceFiles = (path: string): string[] =>
  readdirSync(path, { withFileTypes: true })
    .filter((d) => d.isFile() && d.name !== SHA256SUMS && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort();

/** Checks the sources folder `dir` (as messages name it) under `root` against its SHA256SUMS. */
export const checkSourceSums = (root: string, dir: string): Problem[] => {
  const path = join(root, dir);
  if (!existsSync(path)) return [];
  const sums = join(path, SHA256SUMS);
  return sourceSumProblems(dir, sourceFiles(path), (name) => readFileSync(join(path, name)), existsSync(sums) ? readFileSync(sums, 'utf8') : undefined);
};
