// A set of strings kept as 64-bit hashes (open addressing, linear probing): 8 bytes a member instead of the string,
// for counting distinct terms and triples of a national build. Two strings with the same hash count as one.

/** Two 32-bit lanes of a MurmurHash3-style mix over the UTF-16 code units (cyrb53's construction, both lanes kept). */
const hash64 = (s: string): [number, number] => {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  // (0, 0) marks an empty slot.
  return [h1 >>> 0 || 1, h2 >>> 0];
};

export class HashSet64 {
  #hi = new Uint32Array(1 << 10);
  #lo = new Uint32Array(1 << 10);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Adds the string; true when it was not there yet. */
  add(s: string): boolean {
    const [hi, lo] = hash64(s);
    if (this.#insert(hi, lo)) {
      // At most 70% full, so probes stay short.
      if (++this.#size * 10 > this.#hi.length * 7) this.#grow();
      return true;
    }
    return false;
  }

  #insert(hi: number, lo: number): boolean {
    const mask = this.#hi.length - 1;
    for (let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      const h = this.#hi[i]!;
      if (h === 0) {
        this.#hi[i] = hi;
        this.#lo[i] = lo;
        return true;
      }
      if (h === hi && this.#lo[i] === lo) return false;
    }
  }

  #grow() {
    const [hi, lo] = [this.#hi, this.#lo];
    this.#hi = new Uint32Array(hi.length * 2);
    this.#lo = new Uint32Array(lo.length * 2);
    for (let i = 0; i < hi.length; i++) if (hi[i] !== 0) this.#insert(hi[i]!, lo[i]!);
  }
}
