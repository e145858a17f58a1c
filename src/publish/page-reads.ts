// What a municipality's pages read of the build beyond its own rows (which its plans' graphs make): the resources
// outside every municipality they name (fiscal years), the slice of a path outside their own, whether such a path has
// a page. Recorded while the pages are rendered, so that a rebuild takes them unchanged only when each read still gives
// what it gave: the shared slice changes with every plan (it holds each plan's catalog entry), what a page reads of it
// rarely does.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Quad } from 'n3';
import { openPathsFile, PATHS_FILE } from '../convert/paths-file.ts';
import type { SiteSummary } from '../convert/slice-files.ts';
import { outsideSubjects } from '../documents/row-documents.ts';
import { sliceOf } from '../documents/slice-keys.ts';
import { siteUrls } from '../rdf/uris.ts';
import { tripleLine } from '../rdf/writers.ts';

/** The build as a municipality's pages read it beyond their rows. */
export interface BuildReads {
  /** The triples of a resource outside every municipality, and of the vocabulary (rowTriples' `elsewhere`). */
  outside(iri: string): readonly Quad[];
  /** The slice a path is in (slice-keys.ts's sliceOf). */
  sliceKey(path: string): string | undefined;
  /** Whether a path has a document (the paths index). */
  has(path: string): boolean;
}

/** What opening a build's reads takes: its folder and base IRI, and of its summary the files and slices. */
export interface BuildReadsSource extends Pick<SiteSummary, 'sharedFile' | 'sources'> {
  readonly dir: string;
  readonly baseIri: string;
  readonly codes: readonly string[];
}

/**
 * A build's reads, from its files: the shared slice's outside resources (`shared`: its bytes, when already read), its
 * paths index, its codes and source texts.
 */
export const buildReads = (source: BuildReadsSource, vocabularyQuads: readonly Quad[], shared?: Uint8Array): BuildReads => {
  const codes = new Set(source.codes);
  const paths = openPathsFile(join(source.dir, PATHS_FILE));
  return {
    outside: outsideSubjects(shared ?? readFileSync(join(source.dir, source.sharedFile)), vocabularyQuads, siteUrls(source.baseIri)),
    sliceKey: (path) => sliceOf(path, source, codes),
    has: paths.has,
  };
};

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What a read gives, as text. */
const answer = (read: string, build: BuildReads): string => {
  const space = read.indexOf(' ');
  const [kind, of] = [read.slice(0, space), read.slice(space + 1)];
  if (kind === 'outside') return build.outside(of).map(tripleLine).sort(cmp).join('\n');
  if (kind === 'slice') return build.sliceKey(of) ?? '';
  if (kind === 'has') return build.has(of) ? 'yes' : 'no';
  throw new Error(`unknown page read: ${read}`);
};

/** A hash of what each read gives in `build` (the reads sorted). */
export const readsFingerprint = (reads: readonly string[], build: BuildReads): string => {
  const hash = createHash('sha256');
  for (const read of reads) hash.update(`${read}\n${answer(read, build)}\n`);
  return hash.digest('hex');
};

/**
 * `build` as the pages of slice `code` read it, each read of something outside that slice noted in `reads`: its own
 * paths and their slice come from its plans' graphs, which the slice's key already names.
 */
export const recordingReads = (build: BuildReads, code: string): { readonly reads: Set<string>; readonly view: BuildReads } => {
  const reads = new Set<string>();
  return {
    reads,
    view: {
      outside: (iri) => {
        reads.add(`outside ${iri}`);
        return build.outside(iri);
      },
      sliceKey: (path) => {
        const of = build.sliceKey(path);
        if (of !== code) reads.add(`slice ${path}`);
        return of;
      },
      has: (path) => {
        if (build.sliceKey(path) !== code) reads.add(`has ${path}`);
        return build.has(path);
      },
    },
  };
};
