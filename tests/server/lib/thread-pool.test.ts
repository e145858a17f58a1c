// The worker-thread pool behind the SPARQL parser and the search: answers, the client's errors kept, 503 when too
// many wait, a task that overruns or kills its thread failed alone, and the pool answering again after either.
import { afterEach, describe, expect, it } from 'vitest';
import { HttpError } from '../../../src/server/lib/errors.ts';
import { ThreadPool } from '../../../src/server/lib/thread-pool.ts';

const SCRIPT = new URL('./fixtures/task-thread.ts', import.meta.url);
/** What afterEach closes. */
const pools: { close(): Promise<void> }[] = [];
/** A pool of the fixture's threads; `O` is what its tasks answer (text, unless a test asks for bytes). */
const pool = <O = string>(options: { threads?: number; maxQueued?: number; timeoutMs?: number; perThread?: number; youngMemoryMb?: number } = {}) => {
  const p = new ThreadPool<string, O>({
    script: SCRIPT,
    threads: options.threads ?? 1,
    maxQueued: options.maxQueued ?? 16,
    maxMemoryMb: 64,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.perThread ? { perThread: options.perThread } : {}),
    ...(options.youngMemoryMb ? { youngMemoryMb: options.youngMemoryMb } : {}),
    name: 'the test pool',
    overrun: (ms) => new HttpError('query_too_complex', `overran ${ms} ms`),
    killed: () => new HttpError('unavailable', 'killed'),
  });
  pools.push(p);
  return p;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('ThreadPool', () => {
  it('answers tasks, more at once than it has threads, each with its own answer', async () => {
    const p = pool({ threads: 2 });
    const names = Array.from({ length: 12 }, (_, i) => `t${i}`);
    expect(await Promise.all(names.map((n) => p.run(n)))).toEqual(names.map((n) => `done ${n}`));
  });

  it("keeps a thread's HttpError (code, message, place) and reports any other failure as the pool's", async () => {
    const p = pool();
    const bad = await p.run('bad').catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(HttpError);
    expect(bad).toMatchObject({ code: 'bad_request', message: 'a bad task', options: { line: 2, column: 5 } });
    const broke = await p.run('throw').catch((e: unknown) => e);
    expect(broke).not.toBeInstanceOf(HttpError);
    expect((broke as Error).message).toBe('the test pool failed: it broke');
    expect(await p.run('after')).toBe('done after');
  });

  it('refuses a task with 503 and Retry-After when too many wait', async () => {
    const p = pool({ maxQueued: 2, timeoutMs: 2_000 });
    await p.run('warm');
    const waiting = ['spin', 'a', 'b'].map((t) => p.run(t).catch((e: unknown) => e));
    const refused = await p.run('c').catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'busy', status: 503, options: { headers: { 'retry-after': '2' } } });
    expect((refused as Error).message).toMatch(/the test pool is busy \(2 requests waiting\)/);
    const [spun, a, b] = await Promise.all(waiting);
    expect(spun).toMatchObject({ code: 'query_too_complex', message: 'overran 2000 ms' });
    expect([a, b]).toEqual(['done a', 'done b']);
  });

  it('fails a task that overruns alone, stops its thread and answers with a fresh one', async () => {
    const p = pool({ timeoutMs: 300 });
    const started = performance.now();
    await expect(p.run('spin')).rejects.toMatchObject({ code: 'query_too_complex' });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(p.replaced).toBe(1);
    expect(await p.run('next')).toBe('done next');
  });

  it('fails the task whose thread died with the pool’s error and replaces the thread', async () => {
    const p = pool();
    await expect(p.run('exit')).rejects.toMatchObject({ code: 'unavailable', message: 'killed' });
    expect(p.replaced).toBe(1);
    expect(await p.run('next')).toBe('done next');
  });

  it('gives a thread its next task while it awaits the current one only when perThread allows', async () => {
    const answered = async (p: ThreadPool<string, string>) => {
      const order: string[] = [];
      await Promise.all(['later', 'now'].map((t) => p.run(t).then((v) => order.push(v))));
      return order;
    };
    expect(await answered(pool())).toEqual(['done later', 'done now']);
    expect(await answered(pool({ perThread: 2 }))).toEqual(['done now', 'done later']);
  });

  it('fails every task a dying thread was given, replaces it once and answers again', async () => {
    const p = pool({ perThread: 2 });
    const both = await Promise.all(['later', 'exit'].map((t) => p.run(t).catch((e: unknown) => e)));
    expect(both).toMatchObject([
      { code: 'unavailable', message: 'killed' },
      { code: 'unavailable', message: 'killed' },
    ]);
    expect(p.replaced).toBe(1);
    expect(await Promise.all(['a', 'b', 'c'].map((t) => p.run(t)))).toEqual(['done a', 'done b', 'done c']);
  });

  it("bounds its threads' young generation when asked (the search threads' short-lived texts)", async () => {
    const mb = async (p: ThreadPool<string, string>) => Number(await p.run('young')) / 2 ** 20;
    const bounded = await mb(pool({ youngMemoryMb: 6 }));
    const free = await mb(pool());
    expect(bounded).toBeLessThanOrEqual(4);
    expect(free).toBeGreaterThan(bounded * 2);
  });

  it('starts its threads when told, before any task, once only', async () => {
    const p = pool({ threads: 2 });
    const before = Date.now();
    p.start();
    p.start();
    // Long enough for a thread to load on a loaded machine (3.5 s seen with a national convert beside the suite).
    await new Promise((r) => setTimeout(r, 8_000));
    const asked = Date.now();
    const origins = (await Promise.all(Array.from({ length: 8 }, () => p.run('origin')))).map(Number);
    // Every task ran on a thread that had loaded before any task was asked for (two of them at most).
    expect(new Set(origins).size).toBeLessThanOrEqual(2);
    for (const o of origins) expect(o).toBeGreaterThanOrEqual(before - 1);
    for (const o of origins) expect(o).toBeLessThan(asked);
  });

  it('hands over bytes that own exactly their buffer (a pooled Buffer would bring its whole 8 KB slab along)', async () => {
    const p = pool<Uint8Array>();
    const small = await p.run('small bytes');
    expect(Buffer.from(small).toString()).toBe('a small document');
    expect(small.buffer.byteLength).toBe(small.byteLength);
    const large = await p.run('large bytes');
    expect(large.byteLength).toBe(20_000);
    expect(large.buffer.byteLength).toBe(20_000);
  });

  it('refuses perThread above 1 with a time limit, whose clock is per task', () => {
    expect(() => pool({ perThread: 2, timeoutMs: 100 })).toThrow(/perThread > 1 needs a pool without timeoutMs/);
  });

  it('refuses waiting and new tasks with 503 once closed', async () => {
    const p = pool({ timeoutMs: 5_000 });
    const spinning = p.run('spin').catch((e: unknown) => e);
    const waiting = p.run('w').catch((e: unknown) => e);
    await p.close();
    expect(await waiting).toMatchObject({ code: 'unavailable', status: 503 });
    expect(await spinning).toMatchObject({ code: 'unavailable', status: 503 });
    await expect(p.run('late')).rejects.toMatchObject({ code: 'unavailable' });
  });
});
