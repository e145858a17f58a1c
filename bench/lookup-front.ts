// The floor of the lookup for a front in Node: a bare node:http server (no framework, no parsing, no logging) that
// answers every POST by sending one fixed query to Virtuoso through the server's own endpoint client (Endpoint: its
// undici pool, deadline and error mapping), and sends Virtuoso's answer back unread. What any server that asks Virtuoso
// once per lookup costs at least. FRONT_ENDPOINT: the slot's SPARQL endpoint; FRONT_QUERY: the server's rewritten
// lookup; FRONT_TIMEOUT_MS: the server's query timeout, which it hands Virtuoso with every query.
import { createServer } from 'node:http';
import { Endpoint } from '../src/store/virtuoso/endpoint.ts';

const endpoint = new Endpoint(process.env.FRONT_ENDPOINT ?? '');
const request = { query: process.env.FRONT_QUERY ?? '', accept: 'application/sparql-results+xml', timeoutMs: Number(process.env.FRONT_TIMEOUT_MS) };

createServer((req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(200).end('ready');
    return;
  }
  req.resume();
  req.once('end', () => {
    endpoint.request(request).then(
      ({ body, contentType }) => res.writeHead(200, { 'content-type': contentType }).end(body),
      (e: unknown) => res.writeHead(502, { 'content-type': 'text/plain' }).end(String(e)),
    );
  });
}).listen(Number(process.env.PORT ?? 0), '127.0.0.1');
