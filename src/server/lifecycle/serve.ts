// The one listening HTTP server: it hands each request to the current generation, swaps generations without dropping a
// request, bounds how long a client may take to send a request, and shuts down gracefully.
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Config } from '../../config.ts';
import { logAccess } from './access-log.ts';
import { messageChecks, SERVER_METHODS } from './message-checks.ts';
import type { Generation } from './generation.ts';

interface Live {
  readonly generation: Generation;
  inFlight: number;
  /** Set once another generation took over: closed when its last request is done. */
  retired: boolean;
  closed?: Promise<void>;
}

export interface Serving {
  readonly server: Server;
  /** The generation new requests go to. */
  readonly current: Generation;
  /** Makes `next` the current generation; the old one is closed once its in-flight requests are answered. */
  swap(next: Generation): void;
  /** Listens; a busy port or a bad host becomes an error that says so. */
  listen(host: string, port: number): Promise<void>;
  /**
   * Stops accepting, lets in-flight requests finish (at most graceMs, then cuts the connections), closes every
   * generation. Resolves true when every request was answered, false when some were cut.
   */
  shutdown(graceMs: number): Promise<boolean>;
}

export const listenError = (e: NodeJS.ErrnoException, host: string, port: number): Error => {
  if (e.code === 'EADDRINUSE') return new Error(`port ${port} on ${host} is already in use; set PORT`);
  if (e.code === 'EACCES') return new Error(`port ${port} on ${host} needs privileges this process lacks; set PORT`);
  if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') return new Error(`${host} is not an address of this machine; set HOST`);
  return new Error(`cannot listen on ${host}:${port}: ${e.message}`);
};

/** A client's method as the answer quotes it: never more than a few dozen characters. */
const short = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** How long a connection whose request could not be parsed is still read (and discarded) before it is closed. */
const LINGER_MS = 2_000;

/** A method token (RFC 9110 §9.1, §5.6.2) at the start of a request line, followed by its space. */
const METHOD = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+) /;

/**
 * The method of a request line Node's parser refused for its method (it knows a fixed list): a well-formed token is
 * a method this server does not implement (501, RFC 9110 §15.6.2); anything else (a TLS handshake, binary noise) is
 * not HTTP at all. It is read from the line the parser stopped in (a pipelined request follows another).
 */
export const unknownMethod = (error: NodeJS.ErrnoException & { rawPacket?: Buffer; bytesParsed?: number }): string | undefined => {
  if (error.code !== 'HPE_INVALID_METHOD' || !error.rawPacket) return undefined;
  const raw = error.rawPacket.toString('latin1');
  const start = raw.lastIndexOf('\n', Math.max(0, (error.bytesParsed ?? 0) - 1)) + 1;
  return METHOD.exec(raw.slice(start))?.[1];
};

/**
 * Answers a request Node's HTTP parser refused (a bad header character, headers too large, a deadline missed) the
 * way Node does — 400, 431 or 408 — or 501 for a method it does not know, but closes gently: the answer is sent, the
 * rest of what the client is still sending is read and dropped for a moment, then the connection is closed. Closing
 * at once with unread data makes the kernel reset the connection, and the client may lose the answer it was sent.
 */
const answerClientError = (error: NodeJS.ErrnoException, socket: Duplex): void => {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  // The refused request was pipelined behind one received whole, whose answer is still being made: the refusal answers
  // the later request, so it is sent after that answer (written first, it would be read as the earlier one's answer).
  if (inFlight && inFlight.req.complete && !inFlight.writableFinished) {
    inFlight.once('finish', () => answerClientError(error, socket));
    inFlight.once('close', () => {
      if (!inFlight.writableFinished) socket.destroy();
    });
    return;
  }
  // Else the refusal is the in-flight request's own (its body timed out): answered now, unless its answer has begun.
  if (inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const method = unknownMethod(error);
  const status = method !== undefined ? 501 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body =
    method !== undefined
      ? `the method ${short(method)} is not implemented here; this server answers ${SERVER_METHODS}\n`
      : status === 408
        ? 'the request was not received in time\n'
        : status === 431
          ? 'the request headers are too large\n'
          : 'the request is not valid HTTP\n';
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  socket.on('data', () => {});
  socket.on('error', () => {});
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
};

export const serve = (config: Config, first: Generation): Serving => {
  let live: Live = { generation: first, inFlight: 0, retired: false };
  const retiring = new Set<Live>();
  const pending = new Set<ServerResponse>();
  let stopping = false;

  const close = (l: Live) => {
    retiring.delete(l);
    l.closed ??= l.generation.close().catch((e: unknown) => l.generation.app.log.error(e, 'closing a generation failed'));
    return l.closed;
  };

  // Host and the asterisk form, judged before the response cache so that a replay is judged too.
  const refused = messageChecks();
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    // The generation is chosen once, when the request arrives, and answers it wholly.
    const l = live;
    const started = performance.now();
    l.inFlight++;
    pending.add(res);
    if (stopping) res.setHeader('connection', 'close');
    // 'close' comes once, and the response is dropped after it: no listener to remove.
    res.on('close', () => {
      pending.delete(res);
      l.inFlight--;
      if (l.retired && l.inFlight === 0) void close(l);
      // While draining, a keep-alive connection that just became idle is closed rather than kept open.
      if (stopping) setImmediate(() => server.closeIdleConnections());
      logAccess(l.generation.app.log, req, res, started);
    });
    if (!refused(req, res) && !l.generation.app.responses.answer(req, res)) l.generation.app.routing(req, res);
  };

  const { requestTimeoutMs, headersTimeoutMs, keepAliveTimeoutMs } = config.http;
  const server = createServer(
    {
      // Time to receive a whole request (headers and body) and its headers; slower clients get 408 from Node and are
      // cut off before any route (and so any query worker or queue slot) is involved. Node wants headers ≤ request.
      requestTimeout: requestTimeoutMs,
      headersTimeout: Math.min(headersTimeoutMs, requestTimeoutMs),
      keepAliveTimeout: keepAliveTimeoutMs,
      // Node checks those deadlines on this interval (30 s by default), so a check is made several times per timeout.
      connectionsCheckingInterval: Math.max(25, Math.min(1_000, Math.floor(Math.min(headersTimeoutMs, requestTimeoutMs) / 4))),
      // The header room the app asked for (a GET query up to the query size limit), read from the server Fastify made
      // for it (which never listens); Node's http.Server keeps the option as a property its types do not declare.
      maxHeaderSize: (first.app.server as { maxHeaderSize?: number }).maxHeaderSize,
      // HTTP/1.1 without Host is refused by Node (400); this is its default, stated because messageChecks relies on it.
      requireHostHeader: true,
      // A field sent twice reaches us as one value joined by ", ", not as its first line alone: a second Host is then
      // seen (and refused, messageChecks). List fields were joined anyway; a singleton sent twice, which no sender may
      // send (RFC 9110 §5.3), now reads as the invalid list it is (a doubled Content-Type is refused, not half read).
      joinDuplicateHeaders: true,
    },
    onRequest,
  );
  // No idle-socket timeout: receiving is bounded by the two timeouts above, answering by the SPARQL timeout.
  server.setTimeout(0);
  server.on('clientError', answerClientError);

  return {
    server,
    get current() {
      return live.generation;
    },
    swap(next) {
      const old = live;
      live = { generation: next, inFlight: 0, retired: false };
      old.retired = true;
      retiring.add(old);
      if (old.inFlight === 0) void close(old);
    },
    listen: (host, port) =>
      new Promise((resolve, reject) => {
        const onError = (e: NodeJS.ErrnoException) => reject(listenError(e, host, port));
        server.once('error', onError);
        server.listen({ host, port }, () => {
          server.off('error', onError);
          resolve();
        });
      }),
    async shutdown(graceMs) {
      stopping = true;
      // Answers not yet started tell their client to close the connection.
      for (const res of pending) if (!res.headersSent) res.setHeader('connection', 'close');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        closed.then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
      ]);
      clearTimeout(timer);
      if (!drained) {
        server.closeAllConnections();
        await closed;
      }
      await Promise.all([...retiring, live].map(close));
      return drained;
    },
  };
};
