// Response bodies computed once per key and kept for the life of the process (eagerly at start-up or on first request).

export class BodyCache {
  readonly #entries = new Map<string, Promise<Buffer>>();
  #bytes = 0;

  /** The cached body, or the one `produce` makes (once, even under concurrent requests); a failure is not kept. */
  get(key: string, produce: () => Promise<string | Buffer> | string | Buffer): Promise<Buffer> {
    const hit = this.#entries.get(key);
    if (hit) return hit;
    const made = Promise.resolve()
      .then(produce)
      .then((body) => {
        const buffer = typeof body === 'string' ? Buffer.from(body) : body;
        this.#bytes += buffer.byteLength;
        return buffer;
      });
    made.catch(() => this.#entries.delete(key));
    this.#entries.set(key, made);
    return made;
  }

  /** Bytes held by the bodies made so far. */
  get bytes(): number {
    return this.#bytes;
  }
}
