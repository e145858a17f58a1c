// A raw HTTP/1.1 client on a fresh loopback socket: node:http refuses to send the malformed targets and headers the
// fuzz needs, so the request is written byte for byte and the answer parsed just enough to judge it.
import { connect } from 'node:net';
import type { FuzzCase } from './cases.ts';

export interface Outcome {
  /** Status code, when a status line arrived. */
  readonly status: number | undefined;
  /** Response headers, names lower-cased (repeated ones joined with ', '). */
  readonly headers: Readonly<Record<string, string>>;
  /** The first bytes of the body (de-chunked), enough to read an error message. */
  readonly body: Buffer;
  readonly ms: number;
  /** Socket error code (ECONNRESET, EPIPE, …), if the connection failed. */
  readonly error: string | undefined;
  /** No complete answer within the bound. */
  readonly timedOut: boolean;
  /** The body was received whole (by Content-Length, chunked terminator, or a status without a body). */
  readonly complete: boolean;
}

const KEEP_BYTES = 64 * 1024;

/** The request head as bytes. */
const requestHead = (c: FuzzCase, port: number): Buffer => {
  const lines: Buffer[] = [Buffer.concat([Buffer.from(`${c.method} `, 'latin1'), c.target, Buffer.from(' HTTP/1.1\r\n', 'latin1')])];
  const has = (name: string) => c.headers.some(([h]) => h.toLowerCase() === name);
  if (!c.noHost && !has('host')) lines.push(Buffer.from(`host: 127.0.0.1:${port}\r\n`));
  for (const [name, value] of c.headers) lines.push(Buffer.concat([Buffer.from(`${name}: `), typeof value === 'string' ? Buffer.from(value, 'utf8') : value, Buffer.from('\r\n')]));
  if (c.body && !has('content-length')) lines.push(Buffer.from(`content-length: ${c.body.byteLength}\r\n`));
  // One request per connection: the answer ends when the server closes, and no case can poison the next one.
  lines.push(Buffer.from('connection: close\r\n\r\n'));
  return Buffer.concat(lines);
};

const dechunk = (b: Buffer): Buffer => {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < b.length) {
    const eol = b.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = parseInt(b.subarray(at, eol).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(b.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
};

interface Head {
  readonly status: number | undefined;
  readonly headers: Record<string, string>;
  /** Offset of the body in the received bytes. */
  readonly bodyAt: number;
}

const parseHead = (raw: Buffer): Head | undefined => {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  return { status: m ? Number(m[1]) : undefined, headers, bodyAt: end + 4 };
};

/** Sends one case to 127.0.0.1:port; resolves (never rejects) within timeoutMs. */
export const send = (c: FuzzCase, port: number, timeoutMs: number): Promise<Outcome> =>
  new Promise((resolve) => {
    const started = performance.now();
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let total = 0;
    let tail = Buffer.alloc(0);
    let error: string | undefined;
    let head: Head | undefined;
    let done = false;
    const socket = connect({ host: '127.0.0.1', port });
    /** Whether the whole answer is in: judged by the answer itself, so a server slow to close is no hang. */
    const complete = (): boolean => {
      if (head?.status === undefined) return false;
      const { status, headers, bodyAt } = head;
      if (c.method === 'HEAD' || status === 204 || status === 304 || status < 200) return true;
      if (/chunked/i.test(headers['transfer-encoding'] ?? '')) return tail.toString('latin1').endsWith('0\r\n\r\n');
      const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
      return length !== undefined && total - bodyAt >= length;
    };
    const finish = (timedOut: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      head ??= parseHead(Buffer.concat(kept));
      const whole = complete();
      const rawBody = head ? Buffer.concat(kept).subarray(head.bodyAt) : Buffer.alloc(0);
      const chunked = /chunked/i.test(head?.headers['transfer-encoding'] ?? '');
      // Without Content-Length or chunking, the body ends when the server closes the connection.
      const closeDelimited = head?.status !== undefined && !timedOut && error === undefined && head.headers['content-length'] === undefined && !chunked;
      resolve({
        status: head?.status,
        headers: head?.headers ?? {},
        body: chunked ? dechunk(rawBody) : rawBody,
        ms: performance.now() - started,
        error,
        timedOut: timedOut && !whole,
        complete: whole || closeDelimited,
      });
    };
    const timer = setTimeout(() => finish(true), timeoutMs);
    socket.on('connect', () => {
      socket.write(requestHead(c, port));
      if (c.body) socket.write(c.body);
    });
    socket.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (keptBytes < KEEP_BYTES) {
        kept.push(chunk);
        keptBytes += chunk.length;
      }
      tail = Buffer.concat([tail, chunk.subarray(-8)]).subarray(-8);
      head ??= parseHead(Buffer.concat(kept));
      if (complete()) finish(false);
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error ??= e.code ?? e.message;
    });
    socket.on('close', () => finish(false));
  });
