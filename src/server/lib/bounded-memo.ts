// Answers remembered per request-header value (Accept, Accept-Language, Accept-Encoding, query text): clients send
// few distinct values, so a small map spares the parsing; the oldest entry goes when it is full.

export class BoundedMemo<V> {
  readonly #entries = new Map<string, V>();

  constructor(readonly maxEntries = 256) {}

  /** The remembered value for `key`, or the one `compute` gives (remembered unless it throws). */
  get(key: string, compute: (key: string) => V): V {
    const hit = this.#entries.get(key);
    if (hit !== undefined) return hit;
    const value = compute(key);
    this.set(key, value);
    return value;
  }

  /** The remembered value, if any (for values computed asynchronously). */
  peek(key: string): V | undefined {
    return this.#entries.get(key);
  }

  set(key: string, value: V): void {
    if (this.maxEntries <= 0) return;
    if (!this.#entries.has(key) && this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, value);
  }

  get size(): number {
    return this.#entries.size;
  }
}
