// The ceiling for the benchmark: a bare Fastify route that returns a precomputed 2 KB string.
import Fastify from 'fastify';

const body = 'x'.repeat(2048);
const app = Fastify({ logger: false });
app.get('/ceiling', (_request, reply) => reply.type('text/plain; charset=utf-8').send(body));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
