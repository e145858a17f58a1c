// Searches answered off the main thread: an FTS5 query over a national index takes milliseconds of synchronous work
// (10.5 ms for a title query, measured by hand), so on the main thread every other request waited behind it and
// searches ran one at a time whatever the cores. Each thread holds its own read-only handle (search-worker.ts).
import { HttpError } from './errors.ts';
import { openSearchFile, type SearchOptions, type SearchResult } from '../../search/index.ts';
import { ThreadPool } from './thread-pool.ts';

export interface SearchTask {
  readonly query: string;
  readonly options: SearchOptions;
}

export interface SearchThreads {
  search(query: string, options?: SearchOptions): Promise<SearchResult>;
  /** Stops the threads (searches still waiting are refused with 503). */
  close(): Promise<void>;
}

export interface SearchThreadsOptions {
  readonly threads: number;
  /** Searches waiting for a thread; more are refused with 503. */
  readonly maxQueued?: number;
  /** SQLite page cache of each thread's handle, in KiB. */
  readonly cacheKiB?: number;
}

const WORKER_URL = new URL('./search-worker.ts', import.meta.url);

/**
 * Checks the index file here (a missing or damaged file fails the caller at once, with the file's name) and answers
 * searches from `threads` threads, started on the first search.
 */
export const openSearchThreads = (path: string, { threads, maxQueued = 256, cacheKiB }: SearchThreadsOptions): SearchThreads => {
  openSearchFile(path, { cacheKiB: 64 }).close();
  const pool = new ThreadPool<SearchTask, SearchResult>({
    script: WORKER_URL,
    workerData: { path, cacheKiB },
    threads,
    maxQueued,
    // An answer is at most a page of hits (SQLite holds the index): a low heap limit makes V8 collect sooner (see
    // document-threads.ts).
    maxMemoryMb: 96,
    // Ranking a few matches reads their texts (sqlite-index.ts): short-lived strings, which a young generation of
    // V8's default size let grow by some 30 MB a thread before it was collected (by hand: a national search handle's
    // RSS after 3,000 title searches +54–58 MB, +22–26 MB with 2 MB semi-spaces, which 6 MB gives, in the same time).
    youngMemoryMb: 6,
    // As the document threads (document-threads.ts): a thread has its next search before it answers the current one.
    perThread: 2,
    name: 'the search',
    killed: () => new HttpError('unavailable', 'the search stopped while answering; retry'),
  });
  return { search: (query, options = {}) => pool.run({ query, options }), close: () => pool.close() };
};
