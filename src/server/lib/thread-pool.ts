// A small pool of worker threads (the SPARQL parser threads, the search and document threads): threads start on first
// use, waiting tasks are bounded (503 beyond), a task that overruns its time terminates its thread (synchronous work
// cannot be interrupted otherwise) and a thread that dies is replaced. A thread answers its tasks one at a time; a pool
// without a time limit may hand a thread its next task before the current one is answered, so that the thread does not
// wait for a main thread busy with other requests to send it.
// The threads' side is pool-thread.ts.
import type { Worker } from 'node:worker_threads';
import { startThread } from '../../convert/index.ts';
import { HttpError } from './errors.ts';
import type { FromThread, ToThread } from './pool-thread.ts';

export interface ThreadPoolOptions {
  readonly script: URL;
  readonly workerData?: unknown;
  readonly threads: number;
  /** Tasks waiting for a thread; more are refused with 503. */
  readonly maxQueued: number;
  /** Heap of one thread: a task that needs more fails alone. */
  readonly maxMemoryMb: number;
  /** Young generation of one thread, in MB (V8's default when absent: its semi-spaces grew to 32 MB in a test): smaller is collected sooner. */
  readonly youngMemoryMb?: number;
  /** Longest a task may run once a thread took it (none when absent). */
  readonly timeoutMs?: number;
  /** Tasks handed to a thread at once (default 1); more than 1 only without timeoutMs, whose clock is per task. */
  readonly perThread?: number;
  /** What the pool does, for its messages ("the query parser", "the search"). */
  readonly name: string;
  /** The error of a task that overran timeoutMs. */
  readonly overrun?: (ms: number) => Error;
  /** The error of a task whose thread died under it (out of its heap, say). */
  readonly killed: () => Error;
}

interface Task<I, O> {
  readonly id: number;
  readonly input: I;
  readonly resolve: (o: O) => void;
  readonly reject: (e: Error) => void;
}

interface Slot<I, O> {
  readonly worker: Worker;
  ready: boolean;
  /** The tasks the thread was given and has not answered, in the order given. */
  tasks: Task<I, O>[];
  timer?: NodeJS.Timeout | undefined;
}

const shuttingDown = () => new HttpError('unavailable', 'the server is shutting down');

export class ThreadPool<I, O> {
  readonly #options: ThreadPoolOptions;
  readonly #slots: Slot<I, O>[] = [];
  readonly #queue: Task<I, O>[] = [];
  #nextId = 1;
  #closed = false;
  #replaced = 0;

  readonly #perThread: number;

  constructor(options: ThreadPoolOptions) {
    this.#perThread = Math.max(1, Math.floor(options.perThread ?? 1));
    if (this.#perThread > 1 && options.timeoutMs !== undefined) throw new Error(`${options.name}: perThread > 1 needs a pool without timeoutMs`);
    this.#options = options;
  }

  /** The thread's answer; rejects with its HttpError, 503 when too many wait, or the pool's overrun and killed errors. */
  run(input: I): Promise<O> {
    if (this.#closed) return Promise.reject(shuttingDown());
    if (this.#queue.length >= this.#options.maxQueued)
      return Promise.reject(
        new HttpError('busy', `${this.#options.name} is busy (${this.#queue.length} requests waiting); retry later`, { headers: { 'retry-after': '2' } }),
      );
    // Threads start on first use (or start()), so an application that never needs them (most tests) starts none.
    this.start();
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, input, resolve, reject });
      this.#dispatch();
    });
  }

  /**
   * Starts the threads now, each loading its modules and files, rather than on the first task (whose answer would
   * wait for that); idempotent, and nothing once closed.
   */
  start(): void {
    if (this.#closed) return;
    while (this.#slots.length < this.#options.threads) this.#spawn();
  }

  /** Threads replaced since start (overran or died). */
  get replaced(): number {
    return this.#replaced;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const t of this.#queue.splice(0)) t.reject(shuttingDown());
    await Promise.all(this.#slots.splice(0).map((s) => this.#retire(s, shuttingDown())));
  }

  #spawn(): void {
    const { script, workerData, maxMemoryMb, youngMemoryMb } = this.#options;
    const resourceLimits = { maxOldGenerationSizeMb: maxMemoryMb, ...(youngMemoryMb ? { maxYoungGenerationSizeMb: youngMemoryMb } : {}) };
    const worker = startThread(script, { workerData, resourceLimits });
    // Never what keeps the process alive: the listener (or the test) does.
    worker.unref();
    const slot: Slot<I, O> = { worker, ready: false, tasks: [] };
    this.#slots.push(slot);
    worker.on('message', (m: FromThread<O>) => {
      if ('ready' in m) {
        slot.ready = true;
        this.#dispatch();
      } else this.#settle(slot, m);
    });
    worker.on('error', (e) => this.#crashed(slot, e));
    worker.on('exit', () => this.#crashed(slot, new Error('the thread exited')));
  }

  #dispatch(): void {
    const { timeoutMs } = this.#options;
    // Round by round, so that waiting tasks spread over the threads before any thread gets a second one.
    for (let depth = 1; depth <= this.#perThread; depth++) {
      for (const slot of this.#slots) {
        if (this.#queue.length === 0) return;
        if (!slot.ready || slot.tasks.length >= depth) continue;
        const task = this.#queue.shift()!;
        slot.tasks.push(task);
        // The clock starts when a thread takes the task: waiting for a free thread is not running.
        if (timeoutMs !== undefined) slot.timer = setTimeout(() => this.#overrun(slot, timeoutMs), timeoutMs);
        slot.worker.postMessage({ id: task.id, input: task.input } satisfies ToThread<I>);
      }
    }
  }

  #settle(slot: Slot<I, O>, m: Exclude<FromThread<O>, { ready: true }>): void {
    const at = slot.tasks.findIndex((t) => t.id === m.id);
    if (at < 0) return;
    const task = slot.tasks.splice(at, 1)[0]!;
    clearTimeout(slot.timer);
    if ('ok' in m) task.resolve(m.ok);
    else if (m.error.code === 'internal') task.reject(new Error(`${this.#options.name} failed: ${m.error.message}`));
    else task.reject(new HttpError(m.error.code, m.error.message, { line: m.error.line, column: m.error.column }));
    this.#dispatch();
  }

  /** The task ran too long: stop its thread for real and start a fresh one in its place. */
  #overrun(slot: Slot<I, O>, ms: number): void {
    void this.#retire(slot, this.#options.overrun?.(ms) ?? new Error(`${this.#options.name} took more than ${ms} ms`));
    this.#replace();
  }

  #crashed(slot: Slot<I, O>, error: Error): void {
    if (!this.#drop(slot)) return;
    clearTimeout(slot.timer);
    for (const t of slot.tasks.splice(0)) t.reject(this.#options.killed());
    if (slot.ready) this.#replace();
    // A thread that could not even start: fail what waits rather than retrying forever; the next task tries again.
    else if (this.#slots.length === 0) for (const t of this.#queue.splice(0)) t.reject(new Error(`${this.#options.name} could not start: ${error.message}`));
  }

  #replace(): void {
    if (this.#closed) return;
    this.#replaced++;
    this.#spawn();
  }

  #drop(slot: Slot<I, O>): boolean {
    const i = this.#slots.indexOf(slot);
    if (i < 0) return false;
    this.#slots.splice(i, 1);
    return true;
  }

  async #retire(slot: Slot<I, O>, reason: Error): Promise<void> {
    this.#drop(slot);
    clearTimeout(slot.timer);
    for (const t of slot.tasks.splice(0)) t.reject(reason);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => {});
    await slot.worker.terminate();
  }
}
