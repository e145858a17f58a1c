// Graceful shutdown of the real server: after SIGTERM no new connection is accepted, an idle keep-alive connection is
// closed, a query already running still gets its answer, and the process exits 0.
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startServer, type ServerProc } from './processes.ts';

let server: ServerProc;
let buildParent: string;

beforeAll(async () => {
  buildParent = mkdtempSync(join(tmpdir(), 'jpp-shutdown-'));
  // The query below runs into this timeout: longer than the 10 s the server used to wait before forcing its exit.
  server = await startServer({ cwd: process.cwd(), buildDir: join(buildParent, 'build'), env: { SPARQL_TIMEOUT_MS: '12000' } });
});
afterAll(async () => {
  await server?.kill();
  removeDir(buildParent);
});

/** A raw keep-alive connection that has had one answer and now sits idle; resolves `closed` when the server closes it. */
const idleConnection = async () => {
  const socket = connect(server.port, '127.0.0.1');
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const answered = new Promise<string>((resolve) => socket.once('data', (c: Buffer) => resolve(c.toString())));
  socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
  expect(await answered).toMatch(/^HTTP\/1\.1 200 /);
  return { closed, socket };
};

const connectError = () =>
  new Promise<string>((resolve) => {
    const socket = connect(server.port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve('connected')));
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });

describe('SIGTERM', () => {
  it('finishes the running query, refuses new connections and exits 0', async () => {
    const idle = await idleConnection();
    const slow = fetch(`${server.origin}/sparql`, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' },
      body: 'SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }',
    }).then(
      async (r) => ({ status: r.status, body: await r.text() }),
      (e: unknown) => ({ status: 0, body: String((e as Error).cause ?? e) }),
    );
    await new Promise((r) => setTimeout(r, 1_000));
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    expect(await connectError()).toBe('ECONNREFUSED');
    // The idle keep-alive connection does not hold the shutdown up (hang-guard far beyond the 5 s keep-alive timeout).
    const idleClosed = await Promise.race([idle.closed.then(() => true), new Promise((r) => setTimeout(() => r(false), 4_000))]);
    expect(idleClosed).toBe(true);
    const answer = await slow;
    expect([200, 503]).toContain(answer.status);
    expect(await server.exited).toBe(0);
    expect(server.stdout()).toContain('every request answered');
  });
});
