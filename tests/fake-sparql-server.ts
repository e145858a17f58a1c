// A stand-in remote SPARQL endpoint on 127.0.0.1 for federation tests: fixed answers, counted requests.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeEndpoint {
  /** Endpoint IRI answering every query with `answer`. */
  readonly url: string;
  /** Endpoint IRI that accepts connections but never answers. */
  readonly silentUrl: string;
  /** Endpoint IRI that streams `streamRows` solutions of ?x, whatever the query. */
  readonly streamUrl: string;
  /** Endpoint IRI that answers every request with HTTP 500. */
  readonly failingUrl: string;
  /** Endpoint IRI that answers 200 with a body that is not SPARQL results. */
  readonly garbageUrl: string;
  /** Queries received (text), in order. */
  readonly queries: string[];
  readonly requests: () => number;
  /** From now on, answer every request with 302 to `target` (undefined: answer normally again). */
  redirectTo(target: string | undefined): void;
  close(): Promise<void>;
}

/** Writes a SPARQL JSON answer of `rows` solutions in chunks, yielding between them; stops when the client goes. */
const streamRows = (res: import('node:http').ServerResponse, rows: number): void => {
  res.writeHead(200, { 'content-type': 'application/sparql-results+json' });
  res.write('{"head":{"vars":["x"]},"results":{"bindings":[');
  let sent = 0;
  let gone = false;
  res.on('close', () => (gone = true));
  const chunk = () => {
    if (gone) return;
    const n = Math.min(1000, rows - sent);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(`${sent + i > 0 ? ',' : ''}{"x":{"type":"literal","value":"row ${sent + i}"}}`);
    sent += n;
    if (sent < rows) res.write(parts.join(''), () => setImmediate(chunk));
    else res.end(`${parts.join('')}]}}`);
  };
  chunk();
};

export const startFakeEndpoint = async (answer: object, streamRowCount = 100_000): Promise<FakeEndpoint> => {
  const queries: string[] = [];
  let requests = 0;
  let redirect: string | undefined;
  const server: Server = createServer((req, res) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/silent') return; // never answers
    if (url.pathname === '/fail') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error of the remote endpoint\n');
      return;
    }
    if (url.pathname === '/garbage') {
      res.writeHead(200, { 'content-type': 'application/sparql-results+json' });
      res.end('{"head": this is not JSON');
      return;
    }
    if (redirect !== undefined) {
      res.writeHead(302, { location: `${redirect}${url.search}` });
      res.end();
      return;
    }
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const query = url.searchParams.get('query') ?? new URLSearchParams(body).get('query') ?? (body || null);
      if (query === null) {
        res.writeHead(200, { 'content-type': 'text/turtle' });
        // The service description names the path it was asked at, so that every path is an endpoint of its own.
        const self = `${base}${url.pathname.slice(1)}`;
        res.end(`<${self}> a <http://www.w3.org/ns/sparql-service-description#Service> ; <http://www.w3.org/ns/sparql-service-description#endpoint> <${self}> .`);
        return;
      }
      queries.push(query);
      if (url.pathname === '/stream') return streamRows(res, streamRowCount);
      res.writeHead(200, { 'content-type': 'application/sparql-results+json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url: `${base}sparql`,
    silentUrl: `${base}silent`,
    streamUrl: `${base}stream`,
    failingUrl: `${base}fail`,
    garbageUrl: `${base}garbage`,
    queries,
    requests: () => requests,
    redirectTo: (target) => {
      redirect = target;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
