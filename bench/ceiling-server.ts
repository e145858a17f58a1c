// The ceiling for the benchmark: bare Fastify routes that return precomputed bodies — a 2 KB string, and a copy of a real document.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const body = 'x'.repeat(2048);
const app = Fastify({ logger: false });
app.get('/ceiling', (_request, reply) => reply.type('text/plain; charset=utf-8').send(body));

// Same bytes as a real Turtle document answer (body and headers), to tell payload cost from routing cost.
const copy = process.env.CEILING_COPY;
if (copy) {
  const { headers, body: docBody } = JSON.parse(readFileSync(copy, 'utf8')) as { headers: Record<string, string>; body: string };
  const bytes = Buffer.from(docBody);
  app.get('/ceiling-copy', (_request, reply) => reply.headers(headers).send(bytes));
}
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
