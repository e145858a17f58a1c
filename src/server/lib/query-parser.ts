// Parses and classifies queries off the main thread: a tiny pool of parser threads, each parse behind a timeout that
// terminates its thread (a parser cannot be interrupted otherwise), a nesting check before any parser sees the text,
// and a bounded memo so a repeated query does not pay the round trip. Short, shallow texts are parsed in place.
import { createHash } from 'node:crypto';
import { BoundedMemo } from './bounded-memo.ts';
import { HttpError } from './errors.ts';
import { classifyQuery, type ClassifiedQuery } from './query-classify.ts';
import { checkNesting, findNestingExcess } from './query-nesting.ts';
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
  /** The base IRI the threads read relative IRIs against. */
  readonly baseIri: string | undefined;

  constructor(options: ParsePoolOptions) {
    this.baseIri = options.baseIri;
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

/**
 * The longest and the most deeply nested text parsed on the main thread rather than in a parser thread. A parser
 * thread's round trip costs the process more than parsing such a text (a lookup at 18M, by hand: 0.73 against 0.90 ms
 * of server CPU a request, the thread's wake-ups and messages included), while the worst such text found keeps the
 * main thread about a millisecond (`npx tsx bench/parse-depth.ts 8 512 200`: the slowest shape's median).
 */
export const IN_PLACE_MAX_TEXT = 512;
export const IN_PLACE_MAX_NESTING = 8;

/** The longest text whose classification (outline included) the memo keeps: a bound on the memo's size. */
const MEMO_MAX_TEXT = 2048;

/**
 * The server's classifier: the nesting check (400 before any parser), then a parse in place or in the pool; results
 * (never failures) of short texts are remembered by a digest of the text, so the memo holds no query texts. A
 * remembered outline is shared by every request of that text: stores never change it.
 */
export const queryClassifier = ({ pool, maxNesting, memoEntries = 1000 }: QueryClassifierOptions) => {
  const memo = new BoundedMemo<ClassifiedQuery>(memoEntries);
  return async (text: string): Promise<ClassifiedQuery> => {
    const key = text.length <= MEMO_MAX_TEXT ? createHash('sha256').update(text).digest('base64url') : undefined;
    const hit = key === undefined ? undefined : memo.peek(key);
    if (hit) return hit;
    checkNesting(text, maxNesting);
    const inPlace = text.length <= IN_PLACE_MAX_TEXT && !findNestingExcess(text, IN_PLACE_MAX_NESTING);
    const classified = inPlace ? classifyQuery(text, pool.baseIri) : await pool.parse(text);
    if (key !== undefined) memo.set(key, classified);
    return classified;
  };
};
