// Admission control: running and queued slots, then 503 busy with Retry-After.
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
});
