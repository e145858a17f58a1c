// Starts a worker thread from a module URL; a .ts module gets tsx's loader registered first, so the same code runs
// under `node --import tsx`, `tsx` and vitest alike.
import { Worker, type WorkerOptions } from 'node:worker_threads';

export const startThread = (script: URL, options: WorkerOptions = {}): Worker => {
  if (!script.pathname.endsWith('.ts')) return new Worker(script, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(script.href)}); });`;
  return new Worker(boot, { ...options, eval: true, execArgv: [] });
};
