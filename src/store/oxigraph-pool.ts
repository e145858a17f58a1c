// A pool of Oxigraph worker threads: dispatches tasks, and terminates and replaces a worker whose task overruns.
import { Worker } from 'node:worker_threads';
import { StoreError, type StoreHealth } from './store.ts';
import type { FromWorker, NewTask, TaskMessage, TaskResult } from './worker-protocol.ts';

const WORKER_URL = new URL('./oxigraph-worker.ts', import.meta.url);

/** Starts the worker; a .ts worker gets tsx's loader registered first (works under `tsx` and vitest alike). */
const startWorker = (): Worker => {
  if (!WORKER_URL.pathname.endsWith('.ts')) return new Worker(WORKER_URL);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;
  return new Worker(boot, { eval: true, execArgv: [] });
};

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
}

export interface PoolOptions {
  readonly workers: number;
  readonly timeoutMs: number;
  /** Base IRI for relative IRIs in queries. */
  readonly baseIri?: string | undefined;
}

export class OxigraphPool {
  readonly #options: PoolOptions;
  #data: Uint8Array | undefined;
  #slots: Slot[] = [];
  readonly #queue: Task[] = [];
  #nextId = 1;
  #closed = false;
  #replaced = 0;

  constructor(options: PoolOptions) {
    this.#options = options;
  }

  /** (Re)starts every worker on the given N-Quads; resolves when all have loaded them. */
  async load(nquads: string): Promise<void> {
    const bytes = new TextEncoder().encode(nquads);
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
    shared.set(bytes);
    this.#data = shared;
    const old = this.#slots;
    this.#slots = [];
    const started = Array.from({ length: this.#options.workers }, () => this.#spawn());
    for (const slot of old) this.#retire(slot, new StoreError('unavailable', 'the dataset was reloaded'));
    await Promise.all(started);
  }

  /** Runs one task on the next free worker; the timeout starts when a worker picks it up. */
  run(message: NewTask): Promise<TaskResult> {
    if (this.#closed) return Promise.reject(new StoreError('unavailable', 'the store is shut down'));
    if (!this.#data) return Promise.reject(new StoreError('unavailable', 'no dataset is loaded'));
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
    for (const t of this.#queue.splice(0)) t.reject(new StoreError('unavailable', 'the store is shut down'));
    const slots = this.#slots;
    this.#slots = [];
    await Promise.all(slots.map((s) => this.#retire(s, new StoreError('unavailable', 'the store is shut down'))));
  }

  /** Starts one worker on the current data; it joins the pool once loaded. */
  #spawn(): Promise<void> {
    const worker = startWorker();
    const slot: Slot = { worker, ready: false };
    this.#slots.push(slot);
    return new Promise((resolve, reject) => {
      worker.on('message', (m: FromWorker) => {
        if (m.op === 'loaded') {
          slot.ready = true;
          resolve();
          this.#dispatch();
        } else if (m.op === 'load-failed') {
          this.#drop(slot);
          void worker.terminate();
          reject(new StoreError('unavailable', `the dataset could not be loaded: ${m.message}`));
        } else this.#settle(slot, m);
      });
      worker.on('error', (e) => {
        reject(e);
        this.#crashed(slot, e);
      });
      worker.on('exit', () => this.#crashed(slot, new Error('the query worker exited')));
      worker.postMessage({ op: 'load', nquads: this.#data, baseIri: this.#options.baseIri });
    });
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (this.#queue.length === 0) return;
      if (!slot.ready || slot.task) continue;
      const task = this.#queue.shift()!;
      slot.task = task;
      slot.timer = setTimeout(() => this.#overrun(slot), this.#options.timeoutMs);
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
    this.#dispatch();
  }

  /** The task ran too long: stop the worker for real and start a fresh one in its place. */
  #overrun(slot: Slot): void {
    const seconds = this.#options.timeoutMs / 1000;
    void this.#retire(slot, new StoreError('timeout', `the query was stopped after ${seconds} s (the limit); simplify it or add a LIMIT`));
    this.#replace();
  }

  #crashed(slot: Slot, error: Error): void {
    if (!this.#drop(slot)) return;
    slot.task?.reject(new StoreError('execution', `the query engine failed: ${error.message}`));
    clearTimeout(slot.timer);
    this.#replace();
  }

  #replace(): void {
    if (this.#closed || !this.#data) return;
    this.#replaced++;
    this.#spawn().catch((e: Error) => {
      // A replacement that cannot load leaves the pool smaller; with none left, waiting tasks fail.
      if (this.#slots.length === 0) for (const t of this.#queue.splice(0)) t.reject(new StoreError('unavailable', e.message));
    });
  }

  #drop(slot: Slot): boolean {
    const i = this.#slots.indexOf(slot);
    if (i < 0) return false;
    this.#slots.splice(i, 1);
    return true;
  }

  async #retire(slot: Slot, reason: StoreError): Promise<void> {
    this.#drop(slot);
    clearTimeout(slot.timer);
    slot.task?.reject(reason);
    slot.task = undefined;
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => {});
    await slot.worker.terminate();
  }
}
