// What the in-process crawls (bench/pages.ts, bench/documents.ts) share: the sitemap's pages, a seeded order (and its
// split into a warm-up and a measured walk) and the measure of a walk (rate, CPU of every thread, the main thread's busy time).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** Every page path a build's sitemap lists (what a crawler is given), as `<base>page/<path>` gives it. */
export const sitemapPaths = (buildDir: string, baseIri: string): string[] => {
  const prefix = `${baseIri}page/`;
  const out: string[] = [];
  const index = readFileSync(join(buildDir, 'sitemap.xml'), 'utf8');
  for (const [, loc] of index.matchAll(/<loc>([^<]*)<\/loc>/g)) {
    const file = join(buildDir, loc!.slice(baseIri.length));
    for (const [, page] of readFileSync(file, 'utf8').matchAll(/<loc>([^<]*)<\/loc>/g)) if (page!.startsWith(prefix)) out.push(decodeURI(page!.slice(prefix.length)));
  }
  return out;
};

/** `n` items spread evenly over `list`, in a seeded order (a linear congruential generator: the same on every machine). */
export const seededSample = <T>(list: readonly T[], n: number, seed: number): T[] => {
  const want = Math.min(n, list.length);
  const out = Array.from({ length: want }, (_, i) => list[Math.floor((i * list.length) / want)]!);
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

/** A warm-up walk of `warmUp` items and a measured one of `n`, from one seeded draw: no item is in both. */
export const warmUpAndSample = <T>(list: readonly T[], warmUp: number, n: number, seed: number): [warming: T[], sample: T[]] => {
  const drawn = seededSample(list, warmUp + n, seed);
  return [drawn.slice(0, warmUp), drawn.slice(warmUp)];
};

/**
 * Per call of `each` over `list`, `concurrency` calls in flight: calls a second, CPU milliseconds (every thread of the
 * process) and the main thread's busy milliseconds (its event loop's utilization).
 */
export const measure = async <T>(list: readonly T[], each: (item: T) => Promise<boolean> | boolean, concurrency = 1) => {
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  let ok = 0;
  let next = 0;
  const lane = async () => {
    while (next < list.length) if (await each(list[next++]!)) ok++;
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const busy = performance.eventLoopUtilization(elu0).active;
  const per = (total: number) => +(total / list.length).toFixed(3);
  return { n: list.length, ok, perSecond: Math.round((list.length / ms) * 1000), cpuMsEach: per((cpu.user + cpu.system) / 1000), mainMsEach: per(busy) };
};
