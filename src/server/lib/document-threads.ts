// A municipality's documents and pages made off the main thread: a document is a few row reads, a parse, an index and a
// serialization (~1 ms of synchronous work nationally, measured by hand), a page a view from rows and its rendering
// (~2 ms), which on the main thread made every other request wait and used one core whatever the machine had. Each
// thread holds its own read-only handles on the rows and the paths index.
import type { DocumentExt } from '../../documents/formats.ts';
import type { Lang } from '../../documents/langs.ts';
import type { Truncation } from '../../rdf/document-body.ts';
import { HttpError } from './errors.ts';
import type { SliceKeySource } from '../../documents/slice-keys.ts';
import type { PagesMadeFor } from '../../publish/page-store.ts';
import { ThreadPool } from './thread-pool.ts';

export interface DocumentThreadData {
  readonly documentsFile: string;
  /** The vocabulary graph's N-Quads (site.json's vocabularyFile), part of every slice's documents. */
  readonly vocabularyFile: string;
  readonly baseIri: string;
  readonly license: string;
  /** What a page reads: the build's paths index (its links), codes and source texts (the slice of a path). */
  readonly buildDir: string;
  /** The shared slice's N-Quads (site.json's sharedFile), whose resources outside every municipality a page names, and its manifest sha256. */
  readonly sharedFile: string;
  readonly sharedSha256: string;
  readonly codes: readonly string[];
  readonly sources: SliceKeySource['sources'];
  /** What the build's stored pages must have been made for to be served (its version, this code, the base IRI). */
  readonly pagesMadeFor: PagesMadeFor;
}

interface ResourceTask {
  /** The slice (municipality code) whose rows hold the resource. */
  readonly code: string;
  readonly iri: string;
  readonly path: string;
}

export type DocumentTask =
  | (ResourceTask & {
      /** The document in this syntax, or (`own`) the JSON-LD of the resource's own triples, which its page embeds. */
      readonly ext: DocumentExt | 'own';
      /** When the converter cut the resource's inbound links at its cap (a plain object: it is posted to the thread). */
      readonly truncated?: Truncation | undefined;
    })
  | (ResourceTask & {
      /** The resource's HTML page in `lang`. */
      readonly ext: 'page';
      readonly lang: Lang;
      /** The schema.org Dataset the page embeds, when it is a dataset's landing page. */
      readonly dataset?: string | undefined;
    });

export interface DocumentThreads {
  /**
   * The body asked for, or undefined when the slice's rows say nothing of the resource; for a page, undefined when it
   * is rendered from its slice's whole view (a plan's, a part's: rowsPageView).
   */
  body(task: DocumentTask): Promise<Buffer | undefined>;
  /** Starts the threads before the first task (ThreadPool.start). */
  start(): void;
  close(): Promise<void>;
}

const WORKER_URL = new URL('./document-worker.ts', import.meta.url);

/** The heap of a document thread, in MB (what it reads must fit: tests/server/lib/document-thread-heap.test.ts). */
export const DOCUMENT_THREAD_HEAP_MB = 96;

export const documentThreads = (data: DocumentThreadData, { threads, maxQueued = 1024 }: { threads: number; maxQueued?: number }): DocumentThreads => {
  const pool = new ThreadPool<DocumentTask, Uint8Array | null>({
    script: WORKER_URL,
    workerData: data,
    threads,
    maxQueued,
    // A thread keeps the vocabulary's index and its SQLite handle, and the largest national document (a source text with
    // 1,872 links in) makes a few MB: a low heap limit makes V8 collect the garbage of documents sooner (with the search
    // threads', 40–45 MB less RSS nationally than at 512 and 256 MB, at the same rates; by hand).
    maxMemoryMb: DOCUMENT_THREAD_HEAP_MB,
    // A thread has its next document before it answers the current one: handed over only once it had answered, a thread
    // waited between documents for the main thread, busy with HTTP (nationally 1,203–1,331 → 1,529–1,669 uncached
    // documents a second on two cores, by hand; a third task gave no more).
    perThread: 2,
    name: 'the document maker',
    killed: () => new HttpError('unavailable', 'the document could not be made; retry'),
  });
  return {
    // A Buffer arrives as a plain Uint8Array that owns its bytes (pool-thread.ts moves them): viewed as a Buffer, not copied.
    body: async (task) => {
      const bytes = await pool.run(task);
      return bytes === null ? undefined : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    start: () => pool.start(),
    close: () => pool.close(),
  };
};
