// Starts a worker thread from a module URL (the converter's plan workers, the stores' engine workers, the server's
// parser threads). A .ts module is loaded through tsx's CommonJS hook, which transforms in the worker's own thread: its
// ESM hook (module.register) starts a second thread with a heap of its own per worker (a national server's two parser
// threads came with four isolates, ~170 MB committed, read from --trace-gc). The same code runs under
// `node --import tsx`, `tsx` and vitest alike.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export const startThread = (script: URL, options: WorkerOptions = {}): Worker => {
  if (!script.pathname.endsWith('.ts')) return new Worker(script, options);
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const boot = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(fileURLToPath(script))});`;
  return new Worker(boot, { ...options, eval: true, execArgv: [] });
};
