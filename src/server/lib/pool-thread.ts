// The thread side of a ThreadPool (thread-pool.ts), kept apart so that a thread loads only what it answers with.
// The wire protocol: a thread posts { ready: true } once, then answers each { id, input } with { id, ok } or
// { id, error: { code, message, line?, column? } } (code 'internal' for a failure that is not the client's).
import { parentPort } from 'node:worker_threads';
import { HttpError, type ErrorCode } from './http-error.ts';

export interface ToThread<I> {
  readonly id: number;
  readonly input: I;
}

export interface WireError {
  readonly code: ErrorCode | 'internal';
  readonly message: string;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
}

export type FromThread<O> = { readonly ready: true } | { readonly id: number; readonly ok: O } | { readonly id: number; readonly error: WireError };

/**
 * The thread's side: answers each task with `answer` (an HttpError keeps its code and place, anything else is
 * 'internal'). A task's synchronous work runs to its end before the next task starts; an answer that is a promise
 * may take its time, and the pool may give the thread its next task meanwhile (ThreadPoolOptions.perThread).
 */
export const serveTasks = <I, O>(answer: (input: I) => O | Promise<O>): void => {
  if (!parentPort) throw new Error('a pool thread must run in a worker thread');
  const port = parentPort;
  const failed = (id: number, e: unknown): FromThread<O> =>
    e instanceof HttpError
      ? { id, error: { code: e.code, message: e.message, line: e.options.line, column: e.options.column } }
      : { id, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };
  port.on('message', ({ id, input }: ToThread<I>) => {
    let out: O | Promise<O>;
    try {
      out = answer(input);
    } catch (e) {
      port.postMessage(failed(id, e));
      return;
    }
    if (out instanceof Promise) out.then((ok) => port.postMessage({ id, ok } satisfies FromThread<O>), (e: unknown) => port.postMessage(failed(id, e)));
    else port.postMessage({ id, ok: out } satisfies FromThread<O>);
  });
  port.postMessage({ ready: true } satisfies FromThread<O>);
};
