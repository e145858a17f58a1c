// A converter worker thread: converts the plan files it is sent, one at a time, and stores each result in the cache;
// then makes the Turtle bodies of the municipalities it is sent, from their plans' cache entries.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { Parser } from 'n3';
import { bodyMaker, makeSliceBodiesFile, type BodyMaker } from './document-bodies.ts';
import { planCache } from './plan-cache.ts';
import { planConverter, type UnitContext } from './plan-unit.ts';
import type { BodiesReply, PlanReply, WorkerMessage, WorkerSetup } from './pool.ts';

const setup = workerData as WorkerSetup;
const ctx: UnitContext = setup.context;
const convertPlan = planConverter(ctx);
const cache = planCache(setup.cacheDir, ctx.layout.synthetic, setup.shared);
let maker: BodyMaker | undefined;

const converted = async (file: string): Promise<PlanReply> => {
  try {
    const bytes = readFileSync(join(ctx.root, file));
    const result = await convertPlan(file, bytes);
    if (result.kind !== 'converted') return { file, ...result };
    const entry = cache.store(file, bytes, result.sources, result.record, result.pieces);
    return { file, kind: 'converted', ...entry };
  } catch (e) {
    return { file, kind: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
};

const bodiesMade = async (code: string, planDirs: readonly string[], file: string): Promise<BodiesReply> => {
  try {
    maker ??= bodyMaker(ctx.baseIri, ctx.license, new Parser({ format: 'N-Quads' }).parse(ctx.vocabularyNq));
    await makeSliceBodiesFile(code, planDirs, file, maker);
    return { code, kind: 'made' };
  } catch (e) {
    return { code, kind: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
};

parentPort!.on('message', async ({ index, job }: WorkerMessage) => {
  const reply = job.kind === 'plan' ? await converted(job.file) : await bodiesMade(job.code, job.planDirs, job.file);
  parentPort!.postMessage({ index, reply });
});
