// One parser thread: classifies query texts with sparqljs, one at a time, so a slow parse never holds the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { HttpError } from './errors.ts';
import { classifyQuery } from './query-classify.ts';
import type { FromParser, ToParser } from './query-parser.ts';

if (!parentPort) throw new Error('parse-worker must run in a worker thread');
const port = parentPort;
const baseIri = (workerData as { baseIri?: string } | undefined)?.baseIri;

port.on('message', ({ id, text }: ToParser) => {
  let reply: FromParser;
  try {
    reply = { id, ok: classifyQuery(text, baseIri) };
  } catch (e) {
    reply =
      e instanceof HttpError
        ? { id, error: { code: e.code, message: e.message, line: e.options.line, column: e.options.column } }
        : { id, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true } satisfies FromParser);
