// The floor of the lookup for a front in Node: a bare node:http server (no framework, no parsing, no logging) that
// answers every POST by relaying one fixed request to Virtuoso over the same undici pool the server's endpoint client
// uses, and sends Virtuoso's bytes back as they came. What any server that asks Virtuoso once per lookup costs at least.
// FRONT_ENDPOINT: the slot's SPARQL endpoint; FRONT_BODY: the form body to send it (the server's rewritten lookup).
import { createServer } from 'node:http';
import { Pool } from 'undici';

const endpoint = new URL(process.env.FRONT_ENDPOINT ?? '');
const body = process.env.FRONT_BODY ?? '';
const pool = new Pool(endpoint.origin);
const headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+xml' };

const relay = async (): Promise<{ status: number; type: string; text: string }> => {
  const r = await pool.request({ path: endpoint.pathname, method: 'POST', headers, body });
  const type = r.headers['content-type'];
  return { status: r.statusCode, type: (Array.isArray(type) ? type[0] : type) ?? 'application/octet-stream', text: await r.body.text() };
};

createServer((req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(200).end('ready');
    return;
  }
  req.resume();
  req.once('end', () => {
    relay().then(
      ({ status, type, text }) => res.writeHead(status, { 'content-type': type }).end(text),
      (e: unknown) => res.writeHead(502, { 'content-type': 'text/plain' }).end(String(e)),
    );
  });
}).listen(Number(process.env.PORT ?? 0), '127.0.0.1');
