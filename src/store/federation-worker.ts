// The federation worker: Comunica with the local data, answering one federated query at a time. Running here,
// off the main thread, a query that overruns is stopped for good by terminating the thread, and whatever an
// upstream endpoint does can at worst take this thread down, never the server.
import { parentPort } from 'node:worker_threads';
import { UnrepresentableError } from '../rdf/unrepresentable.ts';
import { Federation } from './federation.ts';
import { StoreError } from './store.ts';
import { workerMemoryMb, type FromWorker, type ToWorker } from './worker-protocol.ts';

if (!parentPort) throw new Error('federation-worker must run in a worker thread');
const port = parentPort;
let federation: Federation | undefined;

const send = (message: FromWorker) => port.postMessage(message);

port.on('message', async (m: ToWorker) => {
  if (m.op === 'load') {
    try {
      // Loading Comunica (~2 s) happens here, before the worker takes a query, so it never counts against one.
      const { QueryEngine } = await import('@comunica/query-sparql');
      const options = { serviceAllowlist: m.serviceAllowlist ?? [], baseIri: m.baseIri, timeoutMs: m.timeoutMs ?? 30_000, maxRows: m.maxRows ?? 10_000 };
      federation = new Federation(options, QueryEngine, new TextDecoder().decode(m.nquads));
      // Comunica's first query (in a fresh thread) pays for lazy set-up: paid here, not by a client's time limit.
      await federation.warmUp();
      send({ op: 'loaded' });
    } catch (e) {
      send({ op: 'load-failed', message: (e as Error).message });
    }
    return;
  }
  try {
    if (m.op !== 'federate' || !federation) throw new StoreError('execution', `the federation worker cannot answer ${m.op}`);
    const { result, cut } = await federation.query(m);
    // A query whose streams were cut short may leave requests behind: this worker is not used again.
    send({ op: 'done', id: m.id, result, memoryMb: workerMemoryMb(), replace: cut });
  } catch (e) {
    const error =
      e instanceof StoreError ? e : e instanceof UnrepresentableError ? new StoreError('unrepresentable', e.message) : new StoreError('execution', 'the federated query failed');
    // After a failure, work the engine started may still be running: this worker is not used again.
    send({ op: 'failed', id: m.id, code: error.code, message: error.message, memoryMb: workerMemoryMb(), replace: error.code !== 'service_not_allowed' });
  }
});
