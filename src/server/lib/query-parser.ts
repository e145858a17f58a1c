// Parses and classifies queries off the main thread: a tiny pool of parser threads, each parse behind a timeout that
// terminates its thread (a parser cannot be interrupted otherwise), a nesting check before any parser sees the text,
// and a bounded memo so a repeated query does not pay the round trip.
import { createHash } from 'node:crypto';
import { BoundedMemo } from './bounded-memo.ts';
import { HttpError } from './errors.ts';
import type { ClassifiedQuery } from './query-classify.ts';
import { checkNesting } from './query-nesting.ts';
import { ThreadPool } from './thread-pool.ts';

const WORKER_URL = new URL('./parse-worker.ts', import.meta.url);

export interface ParsePoolOptions {
  readonly threads: number;
  readonly timeoutMs: number;
  /** Texts waiting for a parser thread; more are refused with 503. */
  readonly maxQueued: number;
  readonly baseIri?: string | undefined;
  /** Heap of one parser thread: a parse that needs more fails alone. */
  readonly maxMemoryMb?: number;
}

/** Parser threads (parse-worker.ts): a text in, its classification out. */
export class ParsePool {
  readonly #threads: ThreadPool<string, ClassifiedQuery>;

  constructor(options: ParsePoolOptions) {
    this.#threads = new ThreadPool({
      script: WORKER_URL,
      workerData: { baseIri: options.baseIri },
      threads: options.threads,
      maxQueued: options.maxQueued,
      maxMemoryMb: options.maxMemoryMb ?? 256,
      timeoutMs: options.timeoutMs,
      name: 'the query parser',
      overrun: (ms) => new HttpError('query_too_complex', `the query could not be parsed within ${ms} ms (the limit); simplify it`),
      // A thread that dies while parsing (out of its heap, say) was killed by that query's shape.
      killed: () => new HttpError('query_too_complex', 'the query could not be parsed: it needs more than one query may use; simplify it'),
    });
  }

  /** Classifies the text in a parser thread; rejects with the classification's HttpError, or 400 when it overran. */
  parse(text: string): Promise<ClassifiedQuery> {
    return this.#threads.run(text);
  }

  /** Parser threads replaced since start (overran or crashed). */
  get replaced(): number {
    return this.#threads.replaced;
  }

  close(): Promise<void> {
    return this.#threads.close();
  }
}

export interface QueryClassifierOptions {
  readonly pool: ParsePool;
  readonly maxNesting: number;
  readonly memoEntries?: number;
}

/** The longest text whose classification (outline included) the memo keeps: a bound on the memo's size. */
const MEMO_MAX_TEXT = 2048;

/**
 * The server's classifier: the nesting check (400 before any parser), then the pool; results (never failures) of short
 * texts are remembered by a digest of the text, so the memo holds no query texts. A remembered outline is shared by
 * every request of that text: stores never change it.
 */
export const queryClassifier = ({ pool, maxNesting, memoEntries = 1000 }: QueryClassifierOptions) => {
  const memo = new BoundedMemo<ClassifiedQuery>(memoEntries);
  return async (text: string): Promise<ClassifiedQuery> => {
    const key = text.length <= MEMO_MAX_TEXT ? createHash('sha256').update(text).digest('base64url') : undefined;
    const hit = key === undefined ? undefined : memo.peek(key);
    if (hit) return hit;
    checkNesting(text, maxNesting);
    const classified = await pool.parse(text);
    if (key !== undefined) memo.set(key, classified);
    return classified;
  };
};
