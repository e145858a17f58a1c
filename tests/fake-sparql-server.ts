// A stand-in remote SPARQL endpoint on 127.0.0.1 for federation tests: fixed answers, counted requests.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeEndpoint {
  /** Endpoint IRI answering every query with `answer`. */
  readonly url: string;
  /** Endpoint IRI that accepts connections but never answers. */
  readonly silentUrl: string;
  /** Queries received (text), in order. */
  readonly queries: string[];
  readonly requests: () => number;
  /** From now on, answer every request with 302 to `target` (undefined: answer normally again). */
  redirectTo(target: string | undefined): void;
  close(): Promise<void>;
}

export const startFakeEndpoint = async (answer: object): Promise<FakeEndpoint> => {
  const queries: string[] = [];
  let requests = 0;
  let redirect: string | undefined;
  const server: Server = createServer((req, res) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/silent') return; // never answers
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
        res.end(`<${base}sparql> a <http://www.w3.org/ns/sparql-service-description#Service> ; <http://www.w3.org/ns/sparql-service-description#endpoint> <${base}sparql> .`);
        return;
      }
      queries.push(query);
      res.writeHead(200, { 'content-type': 'application/sparql-results+json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url: `${base}sparql`,
    silentUrl: `${base}silent`,
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
