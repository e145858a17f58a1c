// Lists and hashes everything a build reads, so a build can tell whether it is stale.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Folders (relative to the root) whose files are build inputs: data, ontology and the converter's own code (with
 * src/search, which writes the search index). */
export const INPUT_DIRS = ['data', 'ontology', 'src/plan', 'src/rdf', 'src/convert', 'src/search'] as const;

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    return d.isDirectory() ? walk(path) : d.isFile() ? [path] : [];
  });

/** Hash over the paths and contents of all inputs plus the base IRI, independent of mtimes. */
export const hashInputs = (root: string, baseIri: string, extraDirs: readonly string[] = []): string => {
  const hash = createHash('sha256').update(`base ${baseIri}\n`);
  const files = [...INPUT_DIRS, ...extraDirs].flatMap((d) => {
    try {
      return statSync(join(root, d)).isDirectory() ? walk(join(root, d)) : [];
    } catch {
      return [];
    }
  })
    .map((p) => relative(root, p))
    .sort();
  for (const file of files) hash.update(`${file}\n`).update(readFileSync(join(root, file))).update('\n');
  return hash.digest('hex');
};
