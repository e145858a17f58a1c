// The per-plan cache: each plan's converted pieces, kept with the hashes of everything they were made from, so a
// rebuild converts again only the plans whose inputs changed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import type { PlanSummary } from '../plan/index.ts';
import { pruneEntries } from './abandoned.ts';
import type { GraphInfo } from './dataset.ts';
import type { GraphPieces } from './graph-files.ts';
import type { PagesPiece } from './sitemap-file.ts';

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

const SRC = fileURLToPath(new URL('../', import.meta.url));
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : d.isFile() ? [join(dir, d.name)] : []));
const codeHashes = new Map<string, string>();
/** The sha256 of every file under the given folders of src/ (names and bytes): what a stage's output was made by. */
export const sourceCodeHash = (dirs: readonly string[]): string => {
  const key = dirs.join(' ');
  const known = codeHashes.get(key);
  if (known) return known;
  const hash = createHash('sha256');
  for (const file of dirs.flatMap((d) => walk(join(SRC, d))).sort()) hash.update(`${relative(SRC, file)}\n`).update(readFileSync(file)).update('\n');
  return codeHashes.set(key, hash.digest('hex')).get(key)!;
};
/** The converter's own code (src/plan, src/rdf, src/convert): a change to any of it invalidates every entry. */
export const converterCodeHash = (): string => sourceCodeHash(['plan', 'rdf', 'convert']);

/** What every plan's output depends on besides its own files: themes, ontology, shapes, converter code, base IRI, mode, licence. */
export const sharedKey = (parts: { baseIri: string; synthetic: boolean; license: string; themes: Buffer; ontology: Buffer; shapes: Buffer }): string =>
  sha256(
    [
      `base ${parts.baseIri}`,
      `synthetic ${parts.synthetic}`,
      // Every stored Turtle document states it.
      `license ${parts.license}`,
      `code ${converterCodeHash()}`,
      sha256(parts.themes),
      sha256(parts.ontology),
      sha256(parts.shapes),
    ].join('\n'),
  );

/** What the build needs of a converted plan, besides its pieces on disk. */
export interface PlanRecord {
  readonly summary: PlanSummary;
  readonly graph: GraphInfo;
  readonly prefixes: readonly string[];
  /** File name of the plan's Turtle under plans/ in the build. */
  readonly turtleName: string;
}

interface Meta extends PlanRecord {
  readonly shared: string;
  readonly planSha256: string;
  /** Every source file the plan read (its source text, perhaps the seeds README), with its sha256. */
  readonly sources: Readonly<Record<string, string>>;
}

/**
 * `pages`: the page paths the graph gives the sitemap (sitemap-file.ts); `search`: its search rows (search-file.ts);
 * `rows` and `facts`: its document rows and its entry of facts.json (PlanParts in slice-files.ts). The Turtle documents
 * are made per municipality, from the rows of all its plans (document-bodies.ts).
 */
export const PIECE_FILES = {
  nq: 'graph.nq',
  trig: 'graph.trig',
  jsonld: 'graph.jsonld',
  turtle: 'plan.ttl',
  pages: 'pages.tsv',
  search: 'search.json',
  rows: 'rows.json.deflate',
  facts: 'facts.json',
} as const;

/** A plan's pieces: its graph's, its page paths, its search rows, its document rows (packed) and its facts as JSON. */
export type PlanPieces = GraphPieces & PagesPiece & { readonly search: string; readonly rows: Buffer; readonly facts: string };
const META = 'meta.json';

/** A plan's cache entry: its folder, its record, and `inputs`, the digest of what it was made from besides `shared`. */
export interface PlanEntry {
  readonly dir: string;
  readonly record: PlanRecord;
  readonly inputs: string;
}

/** The digest of a plan's own inputs (its file's name and bytes, its sources): its pieces are a function of them and `shared`. */
const inputsOf = (planFile: string, planSha256: string, sources: Readonly<Record<string, string>>): string =>
  sha256(JSON.stringify([planFile, planSha256, Object.entries(sources).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]));

export interface PlanCache {
  /** The plan's entry when it was made from exactly these inputs; undefined otherwise. */
  lookup(planFile: string, planBytes: Buffer, readSource: (name: string) => Buffer | undefined): PlanEntry | undefined;
  /** Stores a converted plan (replacing its previous entry atomically); returns its entry. */
  store(planFile: string, planBytes: Buffer, sources: Readonly<Record<string, string>>, record: PlanRecord, pieces: PlanPieces): PlanEntry;
  /** Removes the entries of plan files that are no longer among planFiles (deleted or renamed plans); returns their names. */
  prune(planFiles: readonly string[]): string[];
}

/** Where the build keeps the Turtle bodies it makes from a municipality's rows (document-bodies.ts). */
export const bodiesCacheDir = (cacheDir: string, synthetic: boolean): string => join(cacheDir, 'bodies', synthetic ? 'synthetic' : 'real');

/** One entry per plan file under cacheDir/<real|synthetic>/, keyed by the plan file's name. */
export const planCache = (cacheDir: string, synthetic: boolean, shared: string): PlanCache => {
  const root = join(cacheDir, synthetic ? 'synthetic' : 'real');
  const entryDir = (planFile: string) => join(root, basename(planFile, '.yaml'));
  return {
    lookup(planFile, planBytes, readSource) {
      const dir = entryDir(planFile);
      let meta: Meta;
      try {
        meta = JSON.parse(readFileSync(join(dir, META), 'utf8')) as Meta;
      } catch {
        return undefined;
      }
      if (meta.shared !== shared || meta.planSha256 !== sha256(planBytes) || meta.summary?.file !== planFile) return undefined;
      for (const [name, hash] of Object.entries(meta.sources)) {
        const bytes = readSource(name);
        if (!bytes || sha256(bytes) !== hash) return undefined;
      }
      if (!Object.values(PIECE_FILES).every((f) => existsSync(join(dir, f)))) return undefined;
      const { summary, graph, prefixes, turtleName } = meta;
      return { dir, record: { summary, graph, prefixes, turtleName }, inputs: inputsOf(planFile, meta.planSha256, meta.sources) };
    },
    store(planFile, planBytes, sources, record, pieces) {
      const dir = entryDir(planFile);
      const staging = `${dir}.tmp-${process.pid}-${threadId}`;
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging, { recursive: true });
      for (const [key, file] of Object.entries(PIECE_FILES)) writeFileSync(join(staging, file), pieces[key as keyof typeof PIECE_FILES]);
      const meta: Meta = { ...record, shared, planSha256: sha256(planBytes), sources };
      writeFileSync(join(staging, META), JSON.stringify(meta));
      rmSync(dir, { recursive: true, force: true });
      renameSync(staging, dir);
      return { dir, record, inputs: inputsOf(planFile, meta.planSha256, sources) };
    },
    prune(planFiles) {
      if (!existsSync(root)) return [];
      const keep = new Set(planFiles.map((f) => basename(entryDir(f))));
      const folders = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
      return pruneEntries(root, folders, (name) => keep.has(name));
    },
  };
};

/** Bytes of the cache, for the bench's report. */
export const cacheBytes = (cacheDir: string): number =>
  existsSync(cacheDir) ? walk(cacheDir).reduce((sum, f) => sum + statSync(f).size, 0) : 0;
