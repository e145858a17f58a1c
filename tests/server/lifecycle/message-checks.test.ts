// The HTTP/1.1 message-level rules against the real HTTP server (serve.ts), before the response cache and the app:
// Host missing, repeated or invalid is 400 (RFC 9112 §3.2), `GET *` is 400 and `OPTIONS *` 204 with Allow (§3.2.4).
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serve, unknownMethod, type Serving } from '../../../src/server/lifecycle/serve.ts';
import { MINI_VERSION, testApp, type TestApp } from '../../helpers.ts';

let t: TestApp;
let serving: Serving;
let port: number;

beforeAll(async () => {
  t = await testApp();
  serving = serve(t.config, { manifest: { version: MINI_VERSION } as never, app: t.app, loadMs: 0, close: () => t.close() });
  await serving.listen('127.0.0.1', 0);
  port = (serving.server.address() as { port: number }).port;
});
afterAll(async () => {
  await serving?.shutdown(1_000);
});

interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Sends `head` (request line and header lines, without the blank line) as written and `body`, and reads the answer to the end. */
const send = (head: string, body = ''): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(Buffer.from(`${head}\r\nConnection: close\r\n\r\n${body}`, 'latin1')));
    let text = '';
    socket.on('data', (c: Buffer) => (text += c.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [top = '', body = ''] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = top.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
  });

const ASSET = '/assets/site.css';

describe('Host (RFC 9112 §3.2)', () => {
  it('serves a request with one valid Host, whatever the host: a name, an address, a port, brackets, or empty', async () => {
    for (const host of ['localhost:3000', 'example.org', '127.0.0.1', '[::1]:8080', 'xn--r8jz45g.example', 'a_b-c~d.example', '']) {
      const r = await send(`GET /healthz HTTP/1.1\r\nHost: ${host}`);
      expect(r.status, host).toBe(200);
    }
    // HTTP/1.0 needs no Host.
    expect((await send('GET /healthz HTTP/1.0')).status).toBe(200);
  });

  it('answers 400 when Host is missing (HTTP/1.1), sent twice or not a valid host, before the app and the cache', async () => {
    // In the front cache first: a replay would otherwise answer it.
    expect((await send(`GET ${ASSET} HTTP/1.1\r\nHost: localhost`)).status).toBe(200);
    expect((await send(`GET ${ASSET} HTTP/1.1\r\nHost: localhost`)).status).toBe(200);
    expect(t.app.responses.bytes).toBeGreaterThan(0);
    const routing = vi.spyOn(t.app, 'routing');
    for (const head of [
      `GET ${ASSET} HTTP/1.1`,
      `GET ${ASSET} HTTP/1.1\r\nHost: a\r\nHost: b`,
      `GET ${ASSET} HTTP/1.1\r\nHost: localhost\r\nHost: localhost`,
      `HEAD ${ASSET} HTTP/1.1\r\nHost: a\r\nHost: b`,
      `GET ${ASSET} HTTP/1.1\r\nHost: a b`,
      `GET ${ASSET} HTTP/1.1\r\nHost: 127.0.0.1:1@evil.example`,
      `GET ${ASSET} HTTP/1.1\r\nHost: [::1`,
      `GET ${ASSET} HTTP/1.1\r\nHost: localhost:80a`,
      `GET ${ASSET} HTTP/1.1\r\nHost: a/b`,
      `GET ${ASSET} HTTP/1.1\r\nHost: \u00e4\u00be\u008b.example`,
      `POST /sparql HTTP/1.1\r\nHost: a\r\nHost: b\r\nContent-Type: application/sparql-query\r\nContent-Length: 6`,
    ]) {
      const r = await send(head);
      expect(r.status, head).toBe(400);
      // Without Host it is Node's own 400; the others are ours.
      if (head.includes('Host')) expect(r.headers['cache-control'], head).toBe('no-store');
      if (!head.startsWith('HEAD') && head.includes('Host')) expect(r.body, head).toMatch(/Host/);
    }
    expect(routing).not.toHaveBeenCalled();
    routing.mockRestore();
    // The same request with one valid Host is served again (from the cache).
    expect((await send(`GET ${ASSET} HTTP/1.1\r\nHost: localhost`)).status).toBe(200);
  });

  it('reads a singleton field sent twice as the invalid list it is: a doubled Content-Type is refused, not half read', async () => {
    const query = 'ASK {}';
    const head = `POST /sparql HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\nContent-Length: ${query.length}`;
    expect((await send(`${head}\r\nContent-Type: application/sparql-query`, query)).status).toBe(200);
    const r = await send(`${head}\r\nContent-Type: application/sparql-query\r\nContent-Type: text/plain`, query);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
  });
});

describe('the asterisk-form request target (RFC 9112 §3.2.4)', () => {
  it('answers OPTIONS * with 204 and the methods the server answers', async () => {
    const r = await send('OPTIONS * HTTP/1.1\r\nHost: localhost');
    expect(r.status).toBe(204);
    expect(r.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
    expect(r.body).toBe('');
  });

  it('answers any other method with * with 400, not the home page', async () => {
    for (const method of ['GET', 'HEAD', 'POST']) {
      const r = await send(`${method} * HTTP/1.1\r\nHost: localhost`);
      expect(r.status, method).toBe(400);
      if (method !== 'HEAD') expect(r.body, method).toMatch(/\* is for OPTIONS only/);
    }
  });
});

describe('methods the server does not know (RFC 9110 §15.6.2)', () => {
  it('answers a method Node does not know with 501 and a line naming it and the methods it answers', async () => {
    for (const method of ['FOO', 'get', 'BREW', 'X-CUSTOM']) {
      const r = await send(`${method} /healthz HTTP/1.1\r\nHost: localhost`);
      expect(r.status, method).toBe(501);
      expect(r.headers['content-type'], method).toBe('text/plain; charset=utf-8');
      expect(r.body, method).toBe(`the method ${method} is not implemented here; this server answers GET, HEAD, POST, OPTIONS\n`);
    }
    const cut = await send(`${'X'.repeat(300)} /healthz HTTP/1.1\r\nHost: localhost`);
    expect(cut.status).toBe(501);
    expect(cut.body).toMatch(/^the method X{40}\S+ is not implemented here/);
    expect(cut.body).not.toContain('X'.repeat(41));
  });

  it('reads the method from the line the parser stopped in, so a pipelined request is judged by its own method', () => {
    const error = (raw: string, bytesParsed: number) => Object.assign(new Error('Invalid method encountered'), { code: 'HPE_INVALID_METHOD', rawPacket: Buffer.from(raw, 'latin1'), bytesParsed });
    const first = 'GET / HTTP/1.1\r\nHost: x\r\n\r\n';
    expect(unknownMethod(error(`${first}FOO / HTTP/1.1\r\nHost: x\r\n\r\n`, first.length + 1))).toBe('FOO');
    expect(unknownMethod(error('get / HTTP/1.1\r\n\r\n', 0))).toBe('get');
    expect(unknownMethod(error('\u0016\u0003\u0001\u0002\u0000', 0))).toBeUndefined();
    expect(unknownMethod({ ...error('FOO / HTTP/1.1\r\n', 1), code: 'HPE_INVALID_HEADER_TOKEN' })).toBeUndefined();
  });

  it('sends the refusal of a pipelined request after the answer to the request before it, which is not lost', async () => {
    const ask = 'ASK { }';
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.write(
          `POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\nContent-Length: ${ask.length}\r\n\r\n${ask}` +
            'FOO /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n',
        ),
      );
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString('latin1')));
      socket.on('error', reject);
      socket.on('close', () => resolve(text));
    });
    // The query is answered (by an engine thread, so after the parser has refused FOO), then FOO, then the close.
    expect(raw).toMatch(/^HTTP\/1\.1 200 /);
    expect(raw).toContain('"boolean":true');
    expect(raw.indexOf('HTTP/1.1 501 ')).toBeGreaterThan(raw.indexOf('"boolean":true'));
  });

  it('keeps 405 with Allow for a method it knows but the route does not take, and 400 for bytes that are no method', async () => {
    for (const method of ['PATCH', 'PUT', 'DELETE', 'PROPFIND']) {
      const r = await send(`${method} /healthz HTTP/1.1\r\nHost: localhost`);
      expect(r.status, method).toBe(405);
      expect(r.headers.allow, method).toBe('GET, HEAD, OPTIONS');
    }
    // A TLS ClientHello sent to the plain-HTTP port is not a request at all.
    const tls = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03])));
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString('latin1')));
      socket.on('error', reject);
      socket.on('close', () => resolve(text));
    });
    expect(tls).toMatch(/^HTTP\/1\.1 400 /);
    expect(tls).toContain('the request is not valid HTTP\n');
  });
});
