// Lists and hashes everything a build reads, so a build can tell whether it is stale.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { keepFile } from './abandoned.ts';

/**
 * Folders (relative to the root) whose files are build inputs: data, ontology and the converter's own code (with
 * src/search, which writes the search index), and the code that renders the pages `npm run convert` stores (src/publish
 * with the documents and pages it renders with): a build whose pages another renderer made is made again.
 */
export const INPUT_DIRS = ['data', 'ontology', 'src/plan', 'src/rdf', 'src/convert', 'src/search', 'src/documents', 'src/pages', 'src/publish'] as const;

/**
 * A stamp this recent may not yet be final: a file written again within the file system's clock tick keeps it (git's
 * "racy" index entries), so a memo is written only when every input is older than this.
 */
const SETTLED_MS = 2_000;

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    return d.isDirectory() ? walk(path) : d.isFile() ? [path] : [];
  });

/** Where the hash of unchanged inputs is kept: `file`, and the clock that decides whether stamps have settled. */
export interface InputsMemo {
  readonly file: string;
  readonly now?: () => number;
}

interface MemoRecord {
  readonly stamps: string;
  readonly hash: string;
}

const readMemo = (file: string): MemoRecord | undefined => {
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as Partial<MemoRecord>;
    return typeof m.stamps === 'string' && typeof m.hash === 'string' ? (m as MemoRecord) : undefined;
  } catch {
    return undefined;
  }
};

/** The inputs' stamps, hashed (paths, sizes, times, inodes; the base IRI), and the latest time any of them changed, in ns. */
const stampsOf = (root: string, baseIri: string, files: readonly string[]): { key: string; newestNs: bigint } => {
  const hash = createHash('sha256').update(`base ${baseIri}\n`);
  let newestNs = 0n;
  for (const file of files) {
    const st = statSync(join(root, file), { bigint: true });
    // ctime follows every write; mtime can be set past it (utimes).
    const changed = st.mtimeNs > st.ctimeNs ? st.mtimeNs : st.ctimeNs;
    if (changed > newestNs) newestNs = changed;
    hash.update(`${file}\t${st.size} ${st.mtimeNs} ${st.ctimeNs} ${st.ino} ${st.dev}\n`);
  }
  return { key: hash.digest('hex'), newestNs };
};

/**
 * Hash over the paths and contents of all inputs plus the base IRI, independent of mtimes. With a memo, the hash of
 * the last full read is reused while every input keeps its stamp (size, mtime, ctime, inode, device: what git's index
 * trusts), so an unchanged tree is not read again (nationally 356 MB of plans and source texts at every start).
 */
export const hashInputs = (root: string, baseIri: string, extraDirs: readonly string[] = [], memo?: InputsMemo): string => {
  const files = [...INPUT_DIRS, ...extraDirs]
    .flatMap((d) => {
      try {
        return statSync(join(root, d)).isDirectory() ? walk(join(root, d)) : [];
      } catch {
        return [];
      }
    })
    .map((p) => relative(root, p))
    .sort();
  const stamps = memo && stampsOf(root, baseIri, files);
  const kept = memo && readMemo(memo.file);
  if (stamps && kept?.stamps === stamps.key) return kept.hash;

  const hash = createHash('sha256').update(`base ${baseIri}\n`);
  for (const file of files) hash.update(`${file}\n`).update(readFileSync(join(root, file))).update('\n');
  const digest = hash.digest('hex');
  const settledNs = BigInt(Math.floor((memo?.now ?? Date.now)() - SETTLED_MS)) * 1_000_000n;
  if (memo && stamps && stamps.newestNs < settledNs) keepFile(memo.file, JSON.stringify({ stamps: stamps.key, hash: digest } satisfies MemoRecord));
  return digest;
};
