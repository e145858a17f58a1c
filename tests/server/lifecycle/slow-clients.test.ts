// Slow and oversized clients against the real server: a body that trickles and headers that never end are cut off
// with 408 within the configured timeouts, a body over the limit gets 413, and none of them holds a query slot.
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startServer, type ServerProc } from './processes.ts';

const REQUEST_TIMEOUT_MS = 2_000;
const HEADERS_TIMEOUT_MS = 1_000;
let server: ServerProc;
let buildParent: string;

beforeAll(async () => {
  buildParent = mkdtempSync(join(tmpdir(), 'jpp-slow-'));
  server = await startServer({
    cwd: process.cwd(),
    buildDir: join(buildParent, 'build'),
    env: {
      HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      // One query at a time and no queue: a slow client holding a slot would make the next query a 503.
      SPARQL_MAX_CONCURRENT: '1',
      SPARQL_MAX_QUEUED: '0',
      SPARQL_WORKERS: '1',
    },
  });
});
afterAll(async () => {
  await server?.kill();
  removeDir(buildParent);
});

interface Raw {
  /** Everything the server sent until it closed the connection (or the hang-guard fired). */
  readonly received: Promise<{ text: string; ms: number; closed: boolean }>;
  stop(): void;
}

/** Opens a raw connection, writes `head`, then one byte of `trickle` every 200 ms. */
const raw = (head: string, trickle = ''): Raw => {
  const started = performance.now();
  const socket = connect(server.port, '127.0.0.1');
  let text = '';
  let i = 0;
  const timer = setInterval(() => {
    if (i < trickle.length && socket.writable) socket.write(trickle[i++]!);
  }, 200);
  const received = new Promise<{ text: string; ms: number; closed: boolean }>((resolve) => {
    const done = (closed: boolean) => {
      clearInterval(timer);
      clearTimeout(guard);
      socket.destroy();
      resolve({ text, ms: performance.now() - started, closed });
    };
    // Hang-guard, far beyond the timeouts under test.
    const guard = setTimeout(() => done(false), 20_000);
    socket.on('data', (c: Buffer) => (text += c.toString()));
    socket.on('close', () => done(true));
    socket.on('error', () => {});
  });
  socket.write(head);
  return { received, stop: () => socket.destroy() };
};

const sparqlOk = async () => {
  const r = await fetch(`${server.origin}/sparql`, {
    method: 'POST',
    headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' },
    body: `ASK { ?s ?p ?o } # ${Math.random()}`,
  });
  return r.status;
};

describe('slow and oversized clients', () => {
  it('cuts off a trickling body with 408, and the trickling clients hold no query slot', async () => {
    const body = 'query=' + encodeURIComponent('ASK { ?s ?p ?o }');
    const head = `POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length + 1000}\r\n\r\n`;
    const clients = [raw(head, body), raw(head, body), raw(head, body)];
    // While they trickle, queries are still answered.
    await new Promise((r) => setTimeout(r, 500));
    expect(await sparqlOk()).toBe(200);
    const results = await Promise.all(clients.map((c) => c.received));
    for (const r of results) {
      expect(r.closed).toBe(true);
      expect(r.text).toMatch(/^HTTP\/1\.1 408 /);
      // Cut within the request timeout and Node's checking interval, far from the 20 s hang-guard.
      expect(r.ms).toBeLessThan(REQUEST_TIMEOUT_MS + 3_000);
    }
    expect(await sparqlOk()).toBe(200);
  });

  it('cuts off headers that never end with 408', async () => {
    const client = raw('GET /sparql HTTP/1.1\r\nHost: localhost\r\n', 'X-Slow: ' + 'a'.repeat(200));
    const r = await client.received;
    expect(r.closed).toBe(true);
    expect(r.text).toMatch(/^HTTP\/1\.1 408 /);
    expect(r.ms).toBeLessThan(HEADERS_TIMEOUT_MS + 3_000);
    expect(await sparqlOk()).toBe(200);
  });

  it('answers a request that is not valid HTTP with a whole 400, even while its body is still coming', async () => {
    // A NUL in a header value: Node's parser refuses the request before the 100 KB body is read. The answer must
    // arrive whole, not be lost to a connection reset.
    const body = 'ASK { ' + 'x'.repeat(100_000) + ' }';
    const client = raw(`POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\u0000\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    const r = await client.received;
    expect(r.text).toMatch(/^HTTP\/1\.1 400 /);
    expect(r.text).toContain('\r\n\r\nthe request is not valid HTTP\n');
    expect(await sparqlOk()).toBe(200);
  });

  it('refuses a body over the limit with 413 without waiting for it', async () => {
    const client = raw(`POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\nContent-Length: ${10 * 2 ** 20}\r\n\r\nASK {`);
    const r = await client.received;
    expect(r.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(await sparqlOk()).toBe(200);
  });
});
