// A loopback SPARQL endpoint holding e-Stat-shaped data, for testing federated queries (the real e-Stat endpoint is
// not reachable from tests): a real query engine (Oxigraph) behind the SPARQL 1.1 Protocol on 127.0.0.1.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Store } from 'oxigraph';

export interface LoopbackEndpoint {
  readonly url: string;
  /** Query texts received, in order. */
  readonly queries: string[];
  close(): Promise<void>;
}

export const startLoopbackEndpoint = async (turtle: string): Promise<LoopbackEndpoint> => {
  const store = new Store();
  store.load(turtle, { format: 'text/turtle' });
  const queries: string[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const form = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
      const query = url.searchParams.get('query') ?? (form ? new URLSearchParams(body).get('query') : body || null);
      if (query === null) {
        // Without a query: the service description, as Comunica asks for it to learn what the source is.
        res.writeHead(200, { 'content-type': 'text/turtle' });
        res.end(`<${base}sparql> a <http://www.w3.org/ns/sparql-service-description#Service> ; <http://www.w3.org/ns/sparql-service-description#endpoint> <${base}sparql> .`);
        return;
      }
      queries.push(query);
      try {
        const graph = /^\s*(PREFIX[^\n]*\n\s*)*(CONSTRUCT|DESCRIBE)/i.test(query);
        const format = graph ? 'application/n-triples' : 'application/sparql-results+json';
        const answer = store.query(query, { results_format: format }) as string;
        res.writeHead(200, { 'content-type': format });
        res.end(answer);
      } catch (e) {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end((e as Error).message);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url: `${base}sparql`,
    queries,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
