// Renders every plan element's page of a staged build into its pages.sqlite, on worker threads, taking from the build
// being replaced the pages of every municipality whose inputs are unchanged.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { Parser } from 'n3';
import { listedFile, SUMMARY_FILE, type FinishStage, type Manifest, type SiteSummary } from '../convert/index.ts';
import { sha256 } from '../convert/plan-cache.ts';
import { startThread } from '../convert/start-thread.ts';
import { compactQuads } from '../rdf/owned-terms.ts';
import { buildReads, readsFingerprint, type BuildReads, type BuildReadsSource } from './page-reads.ts';
import { PAGES_FILE, rendererKey, writePageStore, type PageStoreReport, type RenderedSlice, type SlicePages } from './page-store.ts';

/** What a prerender thread reads: the staged build, and what deciding a path's slice needs (slice-keys.ts). */
export interface PrerenderThreadData extends BuildReadsSource {
  readonly vocabularyFile: string;
}

export type PrerenderReply = { readonly code: string } & ({ readonly slice: RenderedSlice } | { readonly error: string });

const WORKER = new URL('./prerender-worker.ts', import.meta.url);

/** Threads started on the first slice to render (a rebuild that renders none starts none); each takes the next slice. */
const renderPool = (data: PrerenderThreadData, size: number) => {
  const queue: { code: string; resolve: (slice: RenderedSlice) => void; reject: (e: Error) => void }[] = [];
  const waiting = new Map<Worker, (typeof queue)[number]>();
  let workers: Worker[] | undefined;
  let failed: Error | undefined;
  const feed = (worker: Worker) => {
    const next = queue.shift();
    if (!next) return;
    waiting.set(worker, next);
    worker.postMessage(next.code);
  };
  const fail = (e: Error) => {
    failed ??= e;
    for (const job of [...waiting.values(), ...queue.splice(0)]) job.reject(failed);
    waiting.clear();
  };
  const start = () =>
    Array.from({ length: size }, () => {
      const worker = startThread(WORKER, { workerData: data });
      worker.on('message', (reply: PrerenderReply) => {
        const job = waiting.get(worker)!;
        waiting.delete(worker);
        if ('error' in reply) job.reject(new Error(`rendering the pages of ${reply.code}: ${reply.error}`));
        else job.resolve(reply.slice);
        feed(worker);
      });
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`a page renderer stopped (exit code ${code})`)));
      return worker;
    });
  return {
    render: (code: string): Promise<RenderedSlice> =>
      new Promise((resolve, reject) => {
        if (failed) return reject(failed);
        queue.push({ code, resolve, reject });
        workers ??= start();
        for (const w of workers) if (!waiting.has(w)) feed(w);
      }),
    close: async () => {
      for (const w of workers ?? []) w.removeAllListeners('exit');
      await Promise.all((workers ?? []).map((w) => w.terminate()));
    },
  };
};

export interface PrerenderOptions {
  /** The staged build, complete (its manifest written). */
  readonly dir: string;
  readonly manifest: Manifest;
  /** The page store of the build being replaced, whose unchanged municipalities' pages are taken as they are. */
  readonly previous?: string | undefined;
  readonly workers: number;
}

/**
 * Writes the build's pages.sqlite. A municipality's pages are made from its rows, which its plans' graphs make, the
 * vocabulary, the code that renders them with the base IRI (its key hashes these), and what they read of the rest of
 * the build (page-reads.ts): a rebuild renders again only the municipalities whose key changed or whose reads give
 * something else now.
 */
export const prerenderPages = async ({ dir, manifest, previous, workers }: PrerenderOptions): Promise<PageStoreReport> => {
  const summary = JSON.parse(readFileSync(join(dir, SUMMARY_FILE), 'utf8')) as SiteSummary;
  const shaOf = (path: string) => listedFile(dir, manifest, path).sha256;
  const source: PrerenderThreadData = {
    dir,
    baseIri: manifest.baseIri,
    vocabularyFile: summary.vocabularyFile,
    sharedFile: summary.sharedFile,
    codes: summary.municipalities.map((m) => m.code),
    sources: summary.sources,
  };
  const renderer = rendererKey(manifest.baseIri);
  const common = [renderer, shaOf(summary.vocabularyFile)];
  const graphsOf = new Map<string, string[]>();
  for (const plan of summary.plans) (graphsOf.get(plan.code) ?? graphsOf.set(plan.code, []).get(plan.code)!).push(shaOf(plan.file));
  // The new build's reads, opened only when a slice of the previous store has its key.
  let reads: BuildReads | undefined;
  const readsOf = () =>
    (reads ??= buildReads(source, compactQuads(new Parser({ format: 'N-Quads' }).parse(readFileSync(join(dir, summary.vocabularyFile), 'utf8')))));
  const pool = renderPool(source, Math.max(1, Math.min(workers, source.codes.length)));
  const slices = source.codes.map(
    (code): SlicePages => ({ code, key: sha256([...common, ...(graphsOf.get(code) ?? [])].join('\n')), render: () => pool.render(code) }),
  );
  try {
    return await writePageStore(dir, { build: manifest.version, renderer }, slices, previous, (read, hash) => readsFingerprint(read, readsOf()) === hash);
  } finally {
    await pool.close();
  }
};

/** The stage `npm run convert` ends a staged build with: its pages, from the replaced build's where unchanged. */
export const prerenderStage =
  (workers: number, done: (report: PageStoreReport, seconds: number) => void): FinishStage =>
  async (staging, manifest, previous) => {
    const started = performance.now();
    const report = await prerenderPages({ dir: staging, manifest, previous: join(previous, PAGES_FILE), workers });
    done(report, (performance.now() - started) / 1000);
  };
