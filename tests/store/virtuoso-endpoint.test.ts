// The Virtuoso endpoint client against a loopback HTTP server playing Virtuoso: what it sends, and every way an answer
// maps to a StoreError.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/index.ts';
import { Endpoint } from '../../src/store/virtuoso/endpoint.ts';

type Handler = (body: URLSearchParams, req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler;
let server: Server;
let url: string;
let unreachable: string;

const listen = async (s: Server) => {
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(s.address() as { port: number }).port}/sparql`;
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => handler(new URLSearchParams(text), req, res));
  });
  url = await listen(server);
  const probe = createServer();
  unreachable = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const failure = async (endpoint: Endpoint, timeoutMs = 2_000): Promise<StoreError> => {
  const e = await endpoint.request({ query: 'ASK {}', accept: 'application/sparql-results+json', timeoutMs }).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(StoreError);
  return e as StoreError;
};

describe('Virtuoso endpoint client', () => {
  it('POSTs the query and its timeout as a form with the Accept asked for, and returns the body and content type', async () => {
    const seen: { method?: string; type?: string; accept?: string; query?: string | null; timeout?: string | null }[] = [];
    handler = (body, req, res) => {
      seen.push({ method: req.method, type: req.headers['content-type'], accept: req.headers.accept, query: body.get('query'), timeout: body.get('timeout') });
      res.writeHead(200, { 'content-type': 'application/sparql-results+json' }).end('{"head":{},"boolean":true}');
    };
    const endpoint = new Endpoint(url);
    const query = 'SELECT * WHERE { ?s ?p "ä & = +" }';
    const answers = await Promise.all([1, 2, 3].map(() => endpoint.request({ query, accept: 'application/sparql-results+json', timeoutMs: 1_500 })));
    expect(answers.map((a) => a.body)).toEqual(Array(3).fill('{"head":{},"boolean":true}'));
    expect(answers[0]!.contentType).toBe('application/sparql-results+json');
    expect(seen).toEqual(
      Array(3).fill({ method: 'POST', type: 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json', query, timeout: '1500' }),
    );
    await endpoint.close();
  });

  it('maps Virtuoso errors by SQL state, without passing its text on', async () => {
    const endpoint = new Endpoint(url);
    const cases: [number, string, string][] = [
      [500, 'Virtuoso 37000 Error SP030: SPARQL compiler, line 1: secret internals', 'unsupported'],
      [500, 'Virtuoso 42000 Error SR186: No permission to execute procedure DB.DBA.X', 'unsupported'],
      [500, 'Virtuoso S1T00 Error SR171: Transaction timed out', 'timeout'],
      [503, 'busy', 'unavailable'],
      [500, 'Virtuoso 22023 Error SR601: something else', 'execution'],
    ];
    for (const [status, text, code] of cases) {
      handler = (_b, _q, res) => res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
      const e = await failure(endpoint);
      expect(e.code, text).toBe(code);
      expect(e.message).not.toMatch(/secret|DB\.DBA|permission to execute/);
    }
    await endpoint.close();
  });

  it('never passes an "anytime" (partial) answer off as complete', async () => {
    handler = (_b, _q, res) => res.writeHead(200, { 'content-type': 'application/sparql-results+json', 'x-sql-state': 'S1TAT' }).end('{"head":{},"boolean":false}');
    const endpoint = new Endpoint(url);
    expect((await failure(endpoint)).code).toBe('timeout');
    await endpoint.close();
  });

  it('gives up on an instance that does not answer shortly after the deadline, and names one that cannot be reached', async () => {
    handler = () => {};
    const endpoint = new Endpoint(url);
    const started = performance.now();
    expect((await failure(endpoint, 300)).code).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(5_000);
    await endpoint.close();

    const down = new Endpoint(unreachable);
    const e = await failure(down);
    expect(e.code).toBe('unavailable');
    expect(e.message).toContain(unreachable);
    expect(e.message).toContain('ECONNREFUSED');
    await down.close();
  });

  it('reports an answer broken off midway as unavailable', async () => {
    handler = (_b, _q, res) => {
      res.writeHead(200, { 'content-type': 'application/sparql-results+json', 'content-length': '1000' });
      res.write('{"head":');
      setTimeout(() => res.destroy(), 20);
    };
    const endpoint = new Endpoint(url);
    const e = await failure(endpoint);
    expect(e.code).toBe('unavailable');
    expect(e.message).toContain('broke off');
    await endpoint.close();
  });
});
