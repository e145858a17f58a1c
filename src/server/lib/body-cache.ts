// Response bodies computed once per key and kept while they are among the most recently used (bounded by bytes and
// entries, so that serving every document of a national dataset does not keep every body).

export class BodyCache {
  readonly #entries = new Map<string, Promise<Buffer>>();
  readonly #sizes = new Map<string, number>();
  #bytes = 0;

  constructor(
    readonly maxEntries = Number.POSITIVE_INFINITY,
    readonly maxBytes = Number.POSITIVE_INFINITY,
  ) {}

  /** The cached body, or the one `produce` makes (once, even under concurrent requests); a failure is not kept. */
  get(key: string, produce: () => Promise<string | Buffer> | string | Buffer): Promise<Buffer> {
    const hit = this.#entries.get(key);
    if (hit) {
      // Map order is the recency order.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    const made = Promise.resolve()
      .then(produce)
      .then((body) => {
        const buffer = typeof body === 'string' ? Buffer.from(body) : body;
        if (this.#entries.get(key) === made) {
          this.#sizes.set(key, buffer.byteLength);
          this.#bytes += buffer.byteLength;
          this.#evict();
        }
        return buffer;
      });
    made.catch(() => {
      if (this.#entries.get(key) === made) this.#entries.delete(key);
    });
    this.#entries.set(key, made);
    this.#evict();
    return made;
  }

  /** Drops the least recently used bodies until both bounds hold (the newest entry always stays). */
  #evict() {
    while ((this.#entries.size > this.maxEntries || this.#bytes > this.maxBytes) && this.#entries.size > 1) {
      const oldest = this.#entries.keys().next().value!;
      this.#entries.delete(oldest);
      this.#bytes -= this.#sizes.get(oldest) ?? 0;
      this.#sizes.delete(oldest);
    }
  }

  /** Bytes held by the bodies kept now. */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }
}
