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

  /** Runs fn when a slot is free; throws HttpError busy when the queue is full too. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#running >= this.maxConcurrent) {
      if (this.#waiting.length >= this.maxQueued)
        throw new HttpError('busy', `the endpoint is busy (${this.#running} queries running, ${this.#waiting.length} waiting); retry later`, {
          headers: { 'retry-after': String(this.retryAfterSeconds) },
        });
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
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
