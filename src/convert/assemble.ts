// Lays the per-graph pieces end to end into the build's files (whole dumps, vocabulary, per-plan Turtle) and its
// manifest, streaming: one graph's piece is in memory at a time, never the whole dataset.
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { SearchDocument } from '../search/index.ts';
import type { GraphInfo, Manifest } from './dataset.ts';
import type { GraphFacts } from './dataset-facts.ts';
import { jsonLdFrame, prefixesNamed, trigHeader, type GraphPieces } from './graph-files.ts';
import { PIECE_FILES } from './plan-cache.ts';
import { writeSearchBuildFile } from './search-file.ts';
import { fileLines, stringLines, writeSitemap, type PagesPiece, type PiecesLines, type SitemapFacts } from './sitemap-file.ts';
import { sliceFiles, type PlanParts } from './slice-files.ts';
import { finishBuild } from './write-build.ts';
import { documentRowsWriter, unpackPlanRows, type BodiesSource } from './document-rows.ts';
import { pathsFileWriter } from './paths-file.ts';

type GraphPieceKind = Exclude<keyof typeof PIECE_FILES, keyof PlanParts>;

/** One graph of the build: where its pieces are (a cache entry, or in memory for the vocabulary). */
export interface GraphSource {
  readonly graph: GraphInfo;
  readonly prefixes: readonly string[];
  /** File name under plans/ for a plan graph; the vocabulary's Turtle is vocabulary.ttl. */
  readonly turtleName?: string;
  readonly piece: (kind: GraphPieceKind) => string | Buffer;
  /** The `pages` piece line by line, a buffer at a time. */
  readonly pagesLines: () => PiecesLines;
}

/** A plan graph: its pieces, and its parts (document rows and facts) made when it was converted. */
export interface PlanSource extends GraphSource {
  readonly parts: () => PlanParts;
}

export const cachedGraph = (dir: string, graph: GraphInfo, prefixes: readonly string[], turtleName: string): PlanSource => {
  const read = (kind: keyof typeof PIECE_FILES) => readFileSync(join(dir, PIECE_FILES[kind]));
  return {
    graph,
    prefixes,
    turtleName,
    piece: read,
    pagesLines: () => fileLines(join(dir, PIECE_FILES.pages)),
    parts: () => ({ rows: unpackPlanRows(read('rows')), facts: JSON.parse(read('facts').toString()) as GraphFacts }),
  };
};

// The vocabulary has no search rows (plans and elements only).
export const inMemoryGraph = (graph: GraphInfo, pieces: GraphPieces & PagesPiece): GraphSource => ({
  graph,
  prefixes: pieces.prefixes,
  piece: (kind) => (kind === 'search' ? '[]' : pieces[kind]),
  pagesLines: () => stringLines(pieces.pages),
});

type FileEntry = Manifest['files'][number];

/** A build file written piece by piece, hashed and counted as it goes. */
const streamFile = (staging: string, path: string, mediaType: string, write: (put: (chunk: string | Buffer) => void) => void): FileEntry => {
  const full = join(staging, path);
  mkdirSync(join(full, '..'), { recursive: true });
  const fd = openSync(full, 'w');
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    write((chunk) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      writeSync(fd, buffer);
      hash.update(buffer);
      bytes += buffer.length;
    });
  } finally {
    closeSync(fd);
  }
  return { path, mediaType, bytes, sha256: hash.digest('hex') };
};

export interface AssembleInput {
  readonly vocabulary: GraphSource;
  /** Plan graphs, in manifest order (municipality code, then plan id). */
  readonly plans: readonly PlanSource[];
  readonly baseIri: string;
  readonly inputsHash: string;
  readonly synthetic: boolean;
  /** How each municipality's Turtle bodies are made (or read where they are kept), and the licence they state. */
  readonly bodies: BodiesSource;
  /** What the sitemap takes from data/catalog.yaml. */
  readonly sitemap: SitemapFacts;
  /** URLs per sitemap part (tests make it small). */
  readonly sitemapMaxUrls?: number;
}

/** Writes every build file and then the manifest into staging; returns the manifest. */
export const assembleBuild = async (staging: string, input: AssembleInput): Promise<Manifest> => {
  // The whole dumps list graphs in the order sortQuads gives their quads: by graph IRI.
  const byIri = [input.vocabulary, ...input.plans].sort((a, b) => (a.graph.iri < b.graph.iri ? -1 : a.graph.iri > b.graph.iri ? 1 : 0));
  const prefixes = prefixesNamed(new Set(byIri.flatMap((g) => g.prefixes)));
  const header = await trigHeader(prefixes);
  const frame = jsonLdFrame(prefixes);
  const files: FileEntry[] = [
    streamFile(staging, 'dataset.nq', 'application/n-quads', (put) => byIri.forEach((g) => put(g.piece('nq')))),
    streamFile(staging, 'dataset.trig', 'application/trig', (put) => {
      put(header);
      byIri.forEach((g) => put(g.piece('trig')));
    }),
    streamFile(staging, 'dataset.jsonld', 'application/ld+json', (put) => {
      put(frame.head);
      byIri.forEach((g, i) => {
        if (i > 0) put(frame.separator);
        put(g.piece('jsonld'));
      });
      put(frame.tail);
    }),
    streamFile(staging, 'vocabulary.ttl', 'text/turtle', (put) => put(input.vocabulary.piece('turtle'))),
    ...input.plans.map((g) => streamFile(staging, `plans/${g.turtleName}`, 'text/turtle', (put) => put(g.piece('turtle')))),
  ];
  // One plan's rows read at a time, in manifest order.
  const search = writeSearchBuildFile(
    staging,
    (function* () {
      for (const g of input.plans) yield JSON.parse(g.piece('search').toString()) as SearchDocument[];
    })(),
  );
  // What the server reads instead of the whole dataset (slice-files.ts); each is made only as it is written.
  const rows = documentRowsWriter(staging, input.baseIri, input.bodies);
  const slices = sliceFiles(
    input.baseIri,
    { graph: input.vocabulary.graph, nq: () => input.vocabulary.piece('nq') },
    input.plans.map((g) => ({ graph: g.graph, nq: () => g.piece('nq'), parts: g.parts })),
    rows,
  );
  for (const f of slices) files.push(streamFile(staging, f.path, f.mediaType, (put) => put(f.content())));
  files.push(await rows.finish());
  // The sitemap is derived from the pieces: not in the manifest's file list, like the gzip copies. Its merge also
  // gives the paths index, which is listed (the server reads it).
  const paths = pathsFileWriter(staging);
  const sitemap = writeSitemap(
    byIri.map((g) => g.pagesLines()),
    { baseIri: input.baseIri, facts: input.sitemap, maxUrls: input.sitemapMaxUrls, onDocument: (p) => paths.add(p) },
    (path, content) => {
      mkdirSync(join(staging, path, '..'), { recursive: true });
      writeFileSync(join(staging, path), content);
    },
  );
  files.push(paths.finish());
  const manifest: Manifest = {
    // The dataset's version is its N-Quads dump's checksum.
    version: files[0]!.sha256.slice(0, 16),
    baseIri: input.baseIri,
    inputsHash: input.inputsHash,
    ...(input.synthetic ? { synthetic: true } : {}),
    quads: byIri.reduce((sum, g) => sum + g.graph.quads, 0),
    graphs: [input.vocabulary.graph, ...input.plans.map((g) => g.graph)],
    files,
    search,
  };
  await finishBuild(staging, manifest, sitemap);
  return manifest;
};
