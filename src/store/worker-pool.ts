// A pool of engine worker threads: dispatches tasks one per worker, and replaces a worker that overran its time,
// crashed, may be corrupted, or grew past its memory bound. A new dataset is loaded into fresh workers and
// swapped in at once; tasks already running finish on the old workers.
import { Worker } from 'node:worker_threads';
import { startThread } from '../convert/index.ts';
import { queryTimeout, StoreError, type StoreHealth } from './store.ts';
import type { FromWorker, LoadMessage, NewTask, TaskMessage, TaskResult } from './worker-protocol.ts';

const startWorker = (script: URL, heapMb: number): Worker => startThread(script, { resourceLimits: { maxOldGenerationSizeMb: heapMb } });

interface Task {
  readonly message: TaskMessage;
  readonly resolve: (r: TaskResult) => void;
  readonly reject: (e: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  task?: Task;
  timer?: NodeJS.Timeout;
  /** Taken out of the pool (a new dataset came in): finishes its task, then stops. */
  retiring?: boolean;
}

export interface PoolOptions {
  /** The worker script (speaks worker-protocol.ts). */
  readonly script: URL;
  readonly workers: number;
  /** A task still running this long after a worker took it has its worker terminated. */
  readonly timeoutMs: number;
  /** Extra time before terminating, for a worker that stops its own work at timeoutMs and says why. */
  readonly graceMs?: number;
  /** A worker whose own memory is past this after a task is replaced. */
  readonly maxMemoryMb: number;
  /** Start workers only when the first task comes (for an engine that is seldom used and slow to start). */
  readonly lazy?: boolean;
  /** Sent with the data in every load message. */
  readonly load: Omit<LoadMessage, 'op' | 'nquads'>;
}

/** A dataset loaded into fresh workers, not yet serving: commit() swaps it in, discard() drops it. */
export interface Prepared {
  commit(): void;
  discard(): void;
}

const SHUT_DOWN = () => new StoreError('unavailable', 'the store is shut down');

export class WorkerPool {
  readonly #options: PoolOptions;
  /** The loaded dataset's N-Quads as shared bytes, made when the first worker starts (a lazy pool may never need them). */
  #data: (() => Uint8Array) | undefined;
  #slots: Slot[] = [];
  /** Workers of a previous dataset finishing their last task. */
  readonly #retiring = new Set<Slot>();
  readonly #queue: Task[] = [];
  /** Workers being started to fill the pool. */
  #starting = 0;
  #nextId = 1;
  #closed = false;
  #replaced = 0;

  constructor(options: PoolOptions) {
    this.#options = options;
  }

  /**
   * Loads N-Quads into a new set of workers (none for a lazy pool that has not started: it reads `nquads` when its first
   * task comes); rejects if any cannot load.
   */
  async prepare(nquads: () => string): Promise<Prepared> {
    let bytes: Uint8Array | undefined;
    const data = () => {
      if (!bytes) {
        const encoded = new TextEncoder().encode(nquads());
        bytes = new Uint8Array(new SharedArrayBuffer(encoded.byteLength));
        bytes.set(encoded);
      }
      return bytes;
    };
    const idle = this.#options.lazy && this.#slots.length === 0 && this.#starting === 0;
    const started = idle ? [] : await Promise.allSettled(Array.from({ length: this.#options.workers }, () => this.#start(data)));
    const slots = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) {
      for (const slot of slots) void this.#stop(slot);
      throw failed.reason;
    }
    return {
      commit: () => {
        if (this.#closed) return slots.forEach((slot) => void this.#stop(slot));
        this.#data = data;
        const old = this.#slots;
        this.#slots = slots;
        for (const slot of old) {
          if (!slot.task) void this.#stop(slot);
          else (slot.retiring = true), this.#retiring.add(slot);
        }
        this.#dispatch();
      },
      discard: () => slots.forEach((slot) => void this.#stop(slot)),
    };
  }

  /** Runs one task on the next free worker; the timeout starts when a worker picks it up. */
  run(message: NewTask): Promise<TaskResult> {
    if (this.#closed) return Promise.reject(SHUT_DOWN());
    if (!this.#data) return Promise.reject(new StoreError('unavailable', 'no dataset is loaded'));
    // Tops the pool up: a lazy pool starts here, and a pool whose replacements failed tries again.
    for (let n = this.#slots.length + this.#starting; n < this.#options.workers; n++) this.#fill();
    return new Promise((resolve, reject) => {
      this.#queue.push({ message: { ...message, id: this.#nextId++ } as TaskMessage, resolve, reject });
      this.#dispatch();
    });
  }

  health(): StoreHealth {
    const workersReady = this.#slots.filter((s) => s.ready).length;
    return { ok: !this.#closed && workersReady > 0, workersReady, workersWanted: this.#options.workers, workersReplaced: this.#replaced };
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const t of this.#queue.splice(0)) t.reject(SHUT_DOWN());
    const slots = [...this.#slots, ...this.#retiring];
    await Promise.all(slots.map((s) => this.#stop(s, SHUT_DOWN())));
  }

  /** Starts one worker on the given data; resolves once it has loaded them. */
  #start(data: () => Uint8Array): Promise<Slot> {
    let nquads: Uint8Array;
    try {
      nquads = data();
    } catch (e) {
      return Promise.reject(new StoreError('unavailable', `the dataset could not be read: ${(e as Error).message}`));
    }
    const heapMb = Math.max(256, this.#options.maxMemoryMb);
    const worker = startWorker(this.#options.script, heapMb);
    const slot: Slot = { worker, ready: false };
    return new Promise((resolve, reject) => {
      worker.on('message', (m: FromWorker) => {
        if (m.op === 'loaded') {
          slot.ready = true;
          resolve(slot);
        } else if (m.op === 'load-failed') {
          void this.#stop(slot);
          reject(new StoreError('unavailable', `the dataset could not be loaded: ${m.message}`));
        } else this.#settle(slot, m);
      });
      worker.on('error', (e) => {
        reject(new StoreError('unavailable', `the query engine could not start: ${e.message}`));
        this.#crashed(slot, e);
      });
      worker.on('exit', () => {
        reject(new StoreError('unavailable', 'the query engine could not start'));
        this.#crashed(slot, new Error('the worker exited'));
      });
      worker.postMessage({ ...this.#options.load, op: 'load', nquads } satisfies LoadMessage);
    });
  }

  /** Starts a worker on the current data and adds it to the pool once loaded. */
  #fill(): void {
    const data = this.#data;
    if (this.#closed || !data) return;
    this.#starting++;
    this.#start(data).then(
      (slot) => {
        this.#starting--;
        // A dataset swapped in meanwhile has its own workers: this one would serve old data.
        if (this.#closed || this.#data !== data || this.#slots.length >= this.#options.workers) return void this.#stop(slot);
        this.#slots.push(slot);
        this.#dispatch();
      },
      (e: Error) => {
        this.#starting--;
        // A replacement that cannot load leaves the pool smaller; with none left, waiting tasks fail.
        if (this.#slots.length === 0 && this.#starting === 0)
          for (const t of this.#queue.splice(0)) t.reject(e instanceof StoreError ? e : new StoreError('unavailable', e.message));
      },
    );
  }

  /** One worker out (crashed, overran, corrupted, too big): a fresh one takes its place. */
  #replace(slot: Slot): void {
    const serving = !slot.retiring && this.#slots.includes(slot);
    void this.#stop(slot);
    if (!serving) return;
    this.#replaced++;
    // A lazy pool starts its next worker when a task comes, not now (its engine is slow to start and seldom used).
    if (!this.#options.lazy) this.#fill();
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (this.#queue.length === 0) return;
      if (!slot.ready || slot.task) continue;
      const task = this.#queue.shift()!;
      slot.task = task;
      slot.timer = setTimeout(() => this.#overrun(slot), this.#options.timeoutMs + (this.#options.graceMs ?? 0));
      slot.worker.postMessage(task.message);
    }
  }

  #settle(slot: Slot, m: FromWorker): void {
    const task = slot.task;
    if (!task || (m.op !== 'done' && m.op !== 'failed') || m.id !== task.message.id) return;
    clearTimeout(slot.timer);
    slot.task = undefined;
    if (m.op === 'done') task.resolve(m.result);
    else task.reject(new StoreError(m.code, m.message, m.position));
    // The answer is out; a worker that may be corrupted, or that holds memory WASM never gives back, goes now.
    if (m.replace || m.memoryMb > this.#options.maxMemoryMb) this.#replace(slot);
    else if (slot.retiring) void this.#stop(slot);
    this.#dispatch();
  }

  /** The task ran too long: stop the worker for real and start a fresh one in its place. */
  #overrun(slot: Slot): void {
    slot.task?.reject(queryTimeout(this.#options.timeoutMs));
    slot.task = undefined;
    this.#replace(slot);
  }

  #crashed(slot: Slot, error: Error & { code?: string }): void {
    const task = slot.task;
    slot.task = undefined;
    // A worker out of heap is a query that needed too much; anything else is a failure of ours, told without its details.
    if (error.code === 'ERR_WORKER_OUT_OF_MEMORY')
      task?.reject(new StoreError('too_costly', 'the query needs more memory than one query may use; simplify it or add a LIMIT'));
    else task?.reject(new StoreError('execution', 'the query engine failed and was restarted'));
    if (slot.ready) this.#replace(slot);
  }

  /** Takes a worker out of the pool and terminates it; its task, if any, fails with `reason`. */
  async #stop(slot: Slot, reason?: StoreError): Promise<void> {
    const i = this.#slots.indexOf(slot);
    if (i >= 0) this.#slots.splice(i, 1);
    this.#retiring.delete(slot);
    clearTimeout(slot.timer);
    if (slot.task) slot.task.reject(reason ?? SHUT_DOWN());
    slot.task = undefined;
    slot.ready = false;
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => {});
    await slot.worker.terminate();
  }
}
