// Admission control: running and queued slots, then 503 busy with Retry-After; a queued query whose client left never runs.
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../src/server/lib/errors.ts';
import { Limiter } from '../../../src/server/lib/limiter.ts';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('Limiter', () => {
  it('runs up to maxConcurrent, queues up to maxQueued, refuses the rest', async () => {
    const limiter = new Limiter(1, 1, 7);
    const gate = deferred();
    const order: string[] = [];
    const first = limiter.run(async () => (await gate.promise, order.push('first')));
    const second = limiter.run(async () => order.push('second'));
    const third = limiter.run(async () => order.push('third')).catch((e: unknown) => e);
    const refused = (await third) as HttpError;
    expect(refused).toBeInstanceOf(HttpError);
    expect(refused.status).toBe(503);
    expect(refused.options.headers).toEqual({ 'retry-after': '7' });
    gate.resolve();
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
    await expect(limiter.run(async () => 'again')).resolves.toBe('again');
  });

  it('frees the slot when a task fails', async () => {
    const limiter = new Limiter(1, 0, 1);
    await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(async () => 'ok')).resolves.toBe('ok');
  });

  it('drops a queued query when its client goes away, and keeps the slot accounting', async () => {
    const limiter = new Limiter(1, 2, 1);
    const gate = deferred();
    const ran: string[] = [];
    const first = limiter.run(async () => (await gate.promise, ran.push('first')));
    const controller = new AbortController();
    const left = limiter.run(async () => ran.push('left'), controller.signal).catch((e: unknown) => e);
    const stays = limiter.run(async () => ran.push('stays'));
    expect(limiter.waiting).toBe(2);
    controller.abort();
    const gone = (await left) as HttpError;
    expect(gone).toBeInstanceOf(HttpError);
    expect([gone.code, gone.status]).toEqual(['client_gone', 499]);
    expect(limiter.waiting).toBe(1);
    gate.resolve();
    await Promise.all([first, stays]);
    expect(ran).toEqual(['first', 'stays']);
    // One slot, free again: a query runs at once, and one behind a held slot waits.
    const held = deferred();
    const next = limiter.run(async () => held.promise);
    const behind = limiter.run(async () => 'behind');
    expect(limiter.waiting).toBe(1);
    held.resolve();
    await next;
    await expect(behind).resolves.toBe('behind');
  });

  it('refuses at once a query whose client left before it was queued', async () => {
    const limiter = new Limiter(1, 1, 1);
    const gate = deferred();
    const first = limiter.run(async () => gate.promise);
    const controller = new AbortController();
    controller.abort();
    await expect(limiter.run(async () => 'never', controller.signal)).rejects.toMatchObject({ code: 'client_gone' });
    expect(limiter.waiting).toBe(0);
    gate.resolve();
    await first;
  });
});
