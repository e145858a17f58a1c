// A converter worker thread: converts the plan files it is sent, one at a time, and stores each result in the cache;
// then makes the Turtle bodies of the municipalities it is sent, from their plans' cache entries.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { bodyMaker, makeSliceBodiesFile, type BodyMaker } from './document-bodies.ts';
import { planCache } from './plan-cache.ts';
import { planConverter, unitVocabulary, type UnitContext } from './plan-unit.ts';
import type { BodiesReply, PlanReply, WorkerAnswer, WorkerJob, WorkerMessage, WorkerSetup } from './pool.ts';

const setup = workerData as WorkerSetup;
const ctx: UnitContext = setup.context;
const vocabulary = unitVocabulary(ctx);
const convertPlan = planConverter(ctx, vocabulary);
const cache = planCache(setup.cacheDir, ctx.layout.synthetic, setup.shared);
let maker: BodyMaker | undefined;

const done = async (job: WorkerJob): Promise<PlanReply | BodiesReply> => {
  if (job.kind === 'bodies') {
    await makeSliceBodiesFile(job.code, job.planDirs, job.file, (maker ??= bodyMaker(ctx.baseIri, ctx.license, vocabulary)));
    return { code: job.code, kind: 'made' };
  }
  const bytes = readFileSync(join(ctx.root, job.file));
  const result = await convertPlan(job.file, bytes);
  if (result.kind !== 'converted') return { file: job.file, ...result };
  return { file: job.file, kind: 'converted', ...cache.store(job.file, bytes, result.sources, result.record, result.pieces) };
};

parentPort!.on('message', async ({ index, job }: WorkerMessage) => {
  let reply: PlanReply | BodiesReply;
  try {
    reply = await done(job);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    reply = job.kind === 'plan' ? { file: job.file, kind: 'failed', message } : { code: job.code, kind: 'failed', message };
  }
  parentPort!.postMessage({ index, reply } satisfies WorkerAnswer);
});
