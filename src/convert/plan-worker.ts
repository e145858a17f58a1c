// A converter worker thread: converts the plan files it is sent, one at a time, and stores each result in the cache.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { planCache } from './plan-cache.ts';
import { planConverter, type UnitContext } from './plan-unit.ts';
import type { WorkerReply, WorkerSetup } from './pool.ts';

const setup = workerData as WorkerSetup;
const ctx: UnitContext = setup.context;
const convertPlan = planConverter(ctx);
const cache = planCache(setup.cacheDir, ctx.layout.synthetic, setup.shared);

parentPort!.on('message', async (file: string) => {
  let reply: WorkerReply;
  try {
    const bytes = readFileSync(join(ctx.root, file));
    const result = await convertPlan(file, bytes);
    if (result.kind === 'converted') {
      const dir = cache.store(file, bytes, result.sources, result.record, result.pieces);
      reply = { file, kind: 'converted', dir, record: result.record };
    } else reply = { file, ...result };
  } catch (e) {
    reply = { file, kind: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
