// One parser thread: classifies query texts (query-classify.ts), one at a time, so a slow parse never holds the main thread.
import { workerData } from 'node:worker_threads';
import { classifyQuery } from './query-classify.ts';
import { serveTasks } from './pool-thread.ts';

const baseIri = (workerData as { baseIri?: string } | undefined)?.baseIri;

serveTasks((text: string) => classifyQuery(text, baseIri));
