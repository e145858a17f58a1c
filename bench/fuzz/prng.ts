// A small deterministic PRNG: every fuzz case is drawn from its own generator seeded by (run seed, case index),
// so a case is reproducible on its own (`--case i`) whatever the concurrency or the order of answers.

/** splitmix32-style integer mixing, to turn (seed, index) into well-spread 32-bit states. */
const mix = (x: number): number => {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
};

export class Rng {
  #state: number;
  constructor(seed: number, stream = 0) {
    this.#state = mix(mix(seed >>> 0) ^ mix((stream + 0x9e3779b9) >>> 0));
  }

  /** mulberry32: a float in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from an empty list');
    return xs[Math.floor(this.next() * xs.length)]!;
  }

  /** Picks by weight: entries are [weight, value]. */
  weighted<T>(entries: readonly (readonly [number, T])[]): T {
    const total = entries.reduce((n, [w]) => n + w, 0);
    let r = this.next() * total;
    for (const [w, v] of entries) if ((r -= w) < 0) return v;
    return entries[entries.length - 1]![1];
  }
}
