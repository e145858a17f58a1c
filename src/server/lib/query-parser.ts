// Parses and classifies queries off the main thread: a tiny pool of parser threads, each parse behind a timeout that
// terminates its thread (a parser cannot be interrupted otherwise), a nesting check before any parser sees the text,
// and a bounded memo so a repeated query does not pay the round trip.
import { createHash } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { startThread } from '../../convert/index.ts';
import { BoundedMemo } from './bounded-memo.ts';
import { HttpError, type ErrorCode } from './errors.ts';
import type { ClassifiedQuery } from './query-classify.ts';
import { checkNesting } from './query-nesting.ts';

export interface ToParser {
  readonly id: number;
  readonly text: string;
}

export type FromParser =
  | { readonly ready: true }
  | { readonly id: number; readonly ok: ClassifiedQuery }
  | {
      readonly id: number;
      readonly error: { readonly code: ErrorCode; readonly message: string; readonly line?: number | undefined; readonly column?: number | undefined };
    };

const WORKER_URL = new URL('./parse-worker.ts', import.meta.url);

const startWorker = (baseIri: string | undefined, maxMemoryMb: number): Worker =>
  startThread(WORKER_URL, { workerData: { baseIri }, resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb } });

export interface ParsePoolOptions {
  readonly threads: number;
  readonly timeoutMs: number;
  /** Texts waiting for a parser thread; more are refused with 503. */
  readonly maxQueued: number;
  readonly baseIri?: string | undefined;
  /** Heap of one parser thread: a parse that needs more fails alone. */
  readonly maxMemoryMb?: number;
}

interface Task {
  readonly id: number;
  readonly text: string;
  readonly resolve: (c: ClassifiedQuery) => void;
  readonly reject: (e: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  task?: Task | undefined;
  timer?: NodeJS.Timeout | undefined;
}

export class ParsePool {
  readonly #options: ParsePoolOptions;
  readonly #slots: Slot[] = [];
  readonly #queue: Task[] = [];
  #nextId = 1;
  #closed = false;
  #replaced = 0;

  constructor(options: ParsePoolOptions) {
    this.#options = options;
  }

  /** Classifies the text in a parser thread; rejects with the classification's HttpError, or 400 when it overran. */
  parse(text: string): Promise<ClassifiedQuery> {
    if (this.#closed) return Promise.reject(new HttpError('unavailable', 'the server is shutting down'));
    if (this.#queue.length >= this.#options.maxQueued)
      return Promise.reject(
        new HttpError('busy', `the query parser is busy (${this.#queue.length} queries waiting); retry later`, { headers: { 'retry-after': '2' } }),
      );
    // Threads start on first use, so an application that never parses (most tests) starts none.
    while (this.#slots.length < this.#options.threads) this.#spawn();
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, text, resolve, reject });
      this.#dispatch();
    });
  }

  /** Parser threads replaced since start (overran or crashed). */
  get replaced(): number {
    return this.#replaced;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const t of this.#queue.splice(0)) t.reject(new HttpError('unavailable', 'the server is shutting down'));
    await Promise.all(this.#slots.splice(0).map((s) => this.#retire(s, new HttpError('unavailable', 'the server is shutting down'))));
  }

  #spawn(): void {
    const worker = startWorker(this.#options.baseIri, this.#options.maxMemoryMb ?? 256);
    // Never what keeps the process alive: the listener (or the test) does.
    worker.unref();
    const slot: Slot = { worker, ready: false };
    this.#slots.push(slot);
    worker.on('message', (m: FromParser) => {
      if ('ready' in m) {
        slot.ready = true;
        this.#dispatch();
      } else this.#settle(slot, m);
    });
    worker.on('error', (e) => this.#crashed(slot, e));
    worker.on('exit', () => this.#crashed(slot, new Error('the parser thread exited')));
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (this.#queue.length === 0) return;
      if (!slot.ready || slot.task) continue;
      const task = this.#queue.shift()!;
      slot.task = task;
      // The clock starts when a thread takes the text: waiting for a free thread is not parsing.
      slot.timer = setTimeout(() => this.#overrun(slot), this.#options.timeoutMs);
      slot.worker.postMessage({ id: task.id, text: task.text } satisfies ToParser);
    }
  }

  #settle(slot: Slot, m: Exclude<FromParser, { ready: true }>): void {
    const task = slot.task;
    if (!task || m.id !== task.id) return;
    clearTimeout(slot.timer);
    slot.task = undefined;
    if ('ok' in m) task.resolve(m.ok);
    else if (m.error.code === 'internal') task.reject(new Error(`query classification failed: ${m.error.message}`));
    else task.reject(new HttpError(m.error.code, m.error.message, { line: m.error.line, column: m.error.column }));
    this.#dispatch();
  }

  /** The parse ran too long: stop its thread for real and start a fresh one in its place. */
  #overrun(slot: Slot): void {
    const ms = this.#options.timeoutMs;
    void this.#retire(slot, new HttpError('query_too_complex', `the query could not be parsed within ${ms} ms (the limit); simplify it`));
    this.#replace();
  }

  #crashed(slot: Slot, error: Error): void {
    if (!this.#drop(slot)) return;
    clearTimeout(slot.timer);
    // A thread that dies while parsing (out of its heap, say) was killed by that query's shape.
    slot.task?.reject(new HttpError('query_too_complex', 'the query could not be parsed: it needs more than one query may use; simplify it'));
    if (slot.ready) this.#replace();
    // A thread that could not even start: fail what waits rather than retrying forever; the next parse tries again.
    else if (this.#slots.length === 0)
      for (const t of this.#queue.splice(0)) t.reject(new Error(`the query parser could not start: ${error.message}`));
  }

  #replace(): void {
    if (this.#closed) return;
    this.#replaced++;
    this.#spawn();
  }

  #drop(slot: Slot): boolean {
    const i = this.#slots.indexOf(slot);
    if (i < 0) return false;
    this.#slots.splice(i, 1);
    return true;
  }

  async #retire(slot: Slot, reason: Error): Promise<void> {
    this.#drop(slot);
    clearTimeout(slot.timer);
    slot.task?.reject(reason);
    slot.task = undefined;
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => {});
    await slot.worker.terminate();
  }
}

export interface QueryClassifierOptions {
  readonly pool: ParsePool;
  readonly maxNesting: number;
  readonly memoEntries?: number;
}

/** The longest text whose classification (syntax tree included) the memo keeps: a bound on the memo's size. */
const MEMO_MAX_TEXT = 2048;

/**
 * The server's classifier: the nesting check (400 before any parser), then the pool; results (never failures) of short
 * texts are remembered by a digest of the text, so the memo holds no query texts. A remembered syntax tree is shared by
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
