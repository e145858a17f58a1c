// Searches answered off the main thread: an FTS5 query over a national index takes milliseconds of synchronous work
// (a title query 10.5 ms, 6 ms since bm25 is computed in process; by hand), so on the main thread every other request
// waited behind it and searches ran one at a time whatever the cores. Each thread holds its own read-only handle
// (search-worker.ts).
import { BoundedMemo } from './bounded-memo.ts';
import { HttpError } from './errors.ts';
import { normalize, openSearchFile, PHRASE_COUNTS, queryPhrases, runs, type PhraseCount, type SearchOptions, type SearchResult } from '../../search/index.ts';
import { ThreadPool } from './thread-pool.ts';

export interface SearchTask {
  readonly query: string;
  readonly options: SearchOptions;
  /** The row counts of the query's phrases that some thread has counted already. */
  readonly counts: readonly PhraseCount[];
}

export interface SearchAnswer {
  readonly result: SearchResult;
  /** The phrase row counts this search made. */
  readonly counted: readonly PhraseCount[];
}

export interface SearchThreads {
  search(query: string, options?: SearchOptions): Promise<SearchResult>;
  /** How many phrase row counts the threads have made (each phrase once, unless two threads met it at once). */
  readonly phrasesCounted: number;
  /** Starts the threads before the first search (ThreadPool.start). */
  start(): void;
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
  const pool = new ThreadPool<SearchTask, SearchAnswer>({
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
  // A phrase's row count (its IDF) costs 3 ms nationally; counted by one thread, it is handed to the others with the
  // searches that need it rather than counted once per thread.
  // As many as one handle keeps.
  const known = new BoundedMemo<number>(PHRASE_COUNTS);
  let phrasesCounted = 0;
  return {
    search: async (query, options = {}) => {
      const counts: PhraseCount[] = [];
      for (const phrase of queryPhrases(runs(normalize(query).chars)).keys()) {
        const rows = known.peek(phrase);
        if (rows !== undefined) counts.push([phrase, rows]);
      }
      const { result, counted } = await pool.run({ query, options, counts });
      for (const [phrase, rows] of counted) known.set(phrase, rows);
      phrasesCounted += counted.length;
      return result;
    },
    get phrasesCounted() {
      return phrasesCounted;
    },
    start: () => pool.start(),
    close: () => pool.close(),
  };
};
