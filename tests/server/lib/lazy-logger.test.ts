// Request loggers: a pino child only when a line is written, and then with the request id.
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { lazyChildLogger } from '../../../src/server/lib/lazy-logger.ts';

const appLogging = async (level: string) => {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  const app = Fastify({ logger: { level, stream }, childLoggerFactory: lazyChildLogger });
  app.get('/ok', () => 'ok');
  app.get('/fail', () => {
    throw new Error('boom');
  });
  app.get('/note', (request) => {
    request.log.warn('a note');
    return 'ok';
  });
  await app.ready();
  return { app, lines, child: vi.spyOn(app.log, 'child') };
};

describe('lazyChildLogger', () => {
  it('makes no child logger when nothing is logged at the enabled levels', async () => {
    const { app, lines, child } = await appLogging('warn');
    for (let i = 0; i < 5; i++) expect((await app.inject('/ok')).statusCode).toBe(200);
    expect(child).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
    await app.close();
  });

  it('logs with the request id when a level is enabled: request lines, warnings and errors', async () => {
    const { app, lines } = await appLogging('info');
    await app.inject('/ok');
    expect(lines.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    expect(lines[0]!.reqId).toBe(lines[1]!.reqId);
    expect(lines[0]!.reqId).toBeDefined();
    await app.close();

    const quiet = await appLogging('warn');
    await quiet.app.inject('/note');
    expect((await quiet.app.inject('/fail')).statusCode).toBe(500);
    expect(quiet.lines.map((l) => [l.msg, typeof l.reqId])).toEqual([
      ['a note', 'string'],
      ['boom', 'string'],
    ]);
    expect(quiet.lines[0]!.reqId).not.toBe(quiet.lines[1]!.reqId);
    expect(quiet.child).toHaveBeenCalledTimes(2);
    await quiet.app.close();
  });
});
