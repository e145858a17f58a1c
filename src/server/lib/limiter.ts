// Admission control for queries: at most maxConcurrent run, maxQueued wait, the rest get 503 with Retry-After.
import { HttpError } from './errors.ts';

export class Limiter {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(
    readonly maxConcurrent: number,
    readonly maxQueued: number,
    /** Seconds a refused client is asked to wait. */
    readonly retryAfterSeconds: number,
  ) {}

  /** Queries waiting for a slot now. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /**
   * Runs fn when a slot is free; throws HttpError busy when the queue is full too. A wait ends when `signal` aborts
   * (the client went away): its query is then never run, so abandoned requests do not hold up the ones behind them.
   */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.#running >= this.maxConcurrent) {
      if (this.#waiting.length >= this.maxQueued)
        throw new HttpError('busy', `the endpoint is busy (${this.#running} queries running, ${this.#waiting.length} waiting); retry later`, {
          headers: { 'retry-after': String(this.retryAfterSeconds) },
        });
      await new Promise<void>((resolve, reject) => {
        const gone = () => {
          const at = this.#waiting.indexOf(admit);
          if (at !== -1) this.#waiting.splice(at, 1);
          reject(new HttpError('client_gone', 'the client closed the connection before its query ran'));
        };
        const admit = () => {
          signal?.removeEventListener('abort', gone);
          resolve();
        };
        if (signal?.aborted) return gone();
        this.#waiting.push(admit);
        signal?.addEventListener('abort', gone, { once: true });
      });
    } else this.#running++;
    try {
      return await fn();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}
