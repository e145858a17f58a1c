// The converter's worker threads (os.availableParallelism() by default): each takes the next job as soon as it is free.
// A build runs two rounds on the same threads: its plans' conversions, then the Turtle bodies of the municipalities
// whose bodies are not kept yet (they need all of a municipality's plans converted).
import type { Worker } from 'node:worker_threads';
import type { Problem } from '../plan/index.ts';
import { startThread } from './start-thread.ts';
import type { PlanRecord } from './plan-cache.ts';
import type { UnitContext } from './plan-unit.ts';
import type { Violation } from './shacl.ts';

export interface WorkerSetup {
  readonly context: UnitContext;
  readonly cacheDir: string;
  readonly shared: string;
}

/** A plan file to convert, or a municipality's bodies to make from its plans' cache entries into `file`. */
export type WorkerJob =
  | { readonly kind: 'plan'; readonly file: string }
  | { readonly kind: 'bodies'; readonly code: string; readonly planDirs: readonly string[]; readonly file: string };

export type PlanReply = { readonly file: string } & (
  | { readonly kind: 'converted'; readonly dir: string; readonly record: PlanRecord; readonly inputs: string }
  | { readonly kind: 'problems'; readonly problems: readonly Problem[] }
  | { readonly kind: 'violations'; readonly violations: readonly Violation[] }
  | { readonly kind: 'failed'; readonly message: string }
);

export type BodiesReply = { readonly code: string } & ({ readonly kind: 'made' } | { readonly kind: 'failed'; readonly message: string });

type Reply<J extends WorkerJob> = J extends { kind: 'plan' } ? PlanReply : BodiesReply;

/** What a worker is sent: a job and its index in the round. */
export interface WorkerMessage {
  readonly index: number;
  readonly job: WorkerJob;
}

/** What a worker answers: the job's index and its reply. */
export interface WorkerAnswer<R = PlanReply | BodiesReply> {
  readonly index: number;
  readonly reply: R;
}

const WORKER = new URL('./plan-worker.ts', import.meta.url);

export interface ConverterPool {
  /** Runs every job on the workers; replies come back in the order of `jobs`. */
  run<J extends WorkerJob>(jobs: readonly J[]): Promise<Reply<J>[]>;
  close(): Promise<void>;
}

/** Up to `size` workers, started when a round first needs them (a build whose plans are all cached may start none). */
export const converterPool = (setup: WorkerSetup, size: number): ConverterPool => {
  const workers: Worker[] = [];
  return {
    async run<J extends WorkerJob>(jobs: readonly J[]) {
      if (jobs.length === 0) return [];
      while (workers.length < Math.min(size, jobs.length)) workers.push(startThread(WORKER, { workerData: setup }));
      const replies = new Array<Reply<J>>(jobs.length);
      let next = 0;
      await Promise.all(
        workers.slice(0, jobs.length).map(
          (worker) =>
            new Promise<void>((resolve, reject) => {
              const feed = () => {
                if (next >= jobs.length) return done(resolve);
                const index = next++;
                worker.postMessage({ index, job: jobs[index]! } satisfies WorkerMessage);
              };
              const onMessage = ({ index, reply }: WorkerAnswer<Reply<J>>) => {
                replies[index] = reply;
                feed();
              };
              const onExit = (code: number) => done(() => reject(new Error(`a converter worker stopped (exit code ${code})`)));
              const done = (then: () => void) => {
                worker.off('message', onMessage).off('error', onError).off('exit', onExit);
                then();
              };
              const onError = (e: Error) => done(() => reject(e));
              worker.on('message', onMessage).on('error', onError).on('exit', onExit);
              feed();
            }),
        ),
      );
      return replies;
    },
    async close() {
      await Promise.all(workers.splice(0).map((w) => w.terminate()));
    },
  };
};
