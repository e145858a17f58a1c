// The thread side of a ThreadPool (thread-pool.ts), kept apart so that a thread loads only what it answers with.
// The wire protocol: a thread posts { ready: true } once, then answers each { id, input } with { id, ok } or
// { id, error: { code, message, line?, column? } } (code 'internal' for a failure that is not the client's).
import { parentPort, type TransferListItem } from 'node:worker_threads';
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
 * An answer and what moves with it. Bytes are transferred, not cloned: a clone of a view carries its whole backing
 * buffer, which for a Buffer from Node's pool is the 8 KB slab it was cut from (kept whole by the receiver, so a
 * bounded cache of 2 KB documents held four times what it counted); such a view is cut to its own bytes first.
 */
const movable = <O>(ok: O): [O, TransferListItem[]] => {
  if (!(ok instanceof Uint8Array) || !(ok.buffer instanceof ArrayBuffer)) return [ok, []];
  const own = ok.byteOffset === 0 && ok.byteLength === ok.buffer.byteLength ? ok : new Uint8Array(ok);
  return [own as O, [own.buffer as ArrayBuffer]];
};

/**
 * The thread's side: answers each task with `answer` (an HttpError keeps its code and place, anything else is
 * 'internal'). A task's synchronous work runs to its end before the next task starts; an answer that is a promise
 * may take its time, and the pool may give the thread its next task meanwhile (ThreadPoolOptions.perThread). An answer
 * of bytes (a Uint8Array or Buffer) is moved to the pool: the thread must not use it after answering.
 */
export const serveTasks = <I, O>(answer: (input: I) => O | Promise<O>): void => {
  if (!parentPort) throw new Error('a pool thread must run in a worker thread');
  const port = parentPort;
  const failed = (id: number, e: unknown): FromThread<O> =>
    e instanceof HttpError
      ? { id, error: { code: e.code, message: e.message, line: e.options.line, column: e.options.column } }
      : { id, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };
  const answered = (id: number, ok: O) => {
    const [moved, transfer] = movable(ok);
    port.postMessage({ id, ok: moved } satisfies FromThread<O>, transfer);
  };
  port.on('message', ({ id, input }: ToThread<I>) => {
    let out: O | Promise<O>;
    try {
      out = answer(input);
    } catch (e) {
      port.postMessage(failed(id, e));
      return;
    }
    if (out instanceof Promise) out.then((ok) => answered(id, ok), (e: unknown) => port.postMessage(failed(id, e)));
    else answered(id, out);
  });
  port.postMessage({ ready: true } satisfies FromThread<O>);
};
