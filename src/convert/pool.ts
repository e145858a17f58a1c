// Runs plan conversions on a pool of worker threads (os.availableParallelism() by default), each taking the next plan
// file as soon as it is free.
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

export type WorkerReply = { readonly file: string } & (
  | { readonly kind: 'converted'; readonly dir: string; readonly record: PlanRecord }
  | { readonly kind: 'problems'; readonly problems: readonly Problem[] }
  | { readonly kind: 'violations'; readonly violations: readonly Violation[] }
  | { readonly kind: 'failed'; readonly message: string }
);

const WORKER = new URL('./plan-worker.ts', import.meta.url);

const startWorker = (setup: WorkerSetup): Worker => startThread(WORKER, { workerData: setup });

/** Converts every file on `size` workers; replies come back in the order of `files`. */
export const convertOnPool = async (files: readonly string[], setup: WorkerSetup, size: number): Promise<WorkerReply[]> => {
  if (files.length === 0) return [];
  const replies = new Map<string, WorkerReply>();
  let next = 0;
  const workers = Array.from({ length: Math.min(size, files.length) }, () => startWorker(setup));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (next >= files.length) return resolve();
              worker.postMessage(files[next++]);
            };
            worker.on('message', (reply: WorkerReply) => {
              replies.set(reply.file, reply);
              feed();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => reject(new Error(`a converter worker stopped (exit code ${code})`)));
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return files.map((f) => replies.get(f)!);
};
