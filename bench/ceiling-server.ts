// The ceiling for the benchmark: bare Fastify routes that return precomputed bodies — a 2 KB string, and copies of real answers.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const body = 'x'.repeat(2048);
const app = Fastify({ logger: false });
app.get('/ceiling', (_request, reply) => reply.type('text/plain; charset=utf-8').send(body));

// The same bytes as real answers (body and headers), to tell the cost of the payload from the cost of routing.
const copies = process.env.CEILING_COPIES;
if (copies) {
  const list = JSON.parse(readFileSync(copies, 'utf8')) as { path: string; headers: Record<string, string>; base64: string }[];
  for (const copy of list) {
    const bytes = Buffer.from(copy.base64, 'base64');
    app.get(copy.path, (_request, reply) => reply.headers(copy.headers).send(bytes));
  }
}
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
