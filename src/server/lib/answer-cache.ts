// A bounded LRU of finished answers, keyed (and ETagged) by dataset version plus the normalized request; bounded in
// entries and in bytes (each answer's body and the copies made of it, such as its gzip coding).
import { createHash } from 'node:crypto';

export interface CachedAnswer {
  readonly mediaType: string;
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

export interface AnswerKeyParts {
  readonly version: string;
  readonly kind: string;
  readonly text: string;
  readonly defaultGraphs: readonly string[];
  readonly namedGraphs: readonly string[];
  readonly mediaType: string;
  /** Anything else that shapes the body (e.g. the row cap). */
  readonly extra?: string;
}

/** A stable key: line endings and surrounding blanks of the text do not matter, nor the order of graph IRIs. */
export const answerKey = (p: AnswerKeyParts): string =>
  createHash('sha256')
    .update(
      JSON.stringify([
        p.version,
        p.kind,
        p.text.replace(/\r\n?/g, '\n').trim(),
        [...p.defaultGraphs].sort(),
        [...p.namedGraphs].sort(),
        p.mediaType,
        p.extra ?? '',
      ]),
    )
    .digest('base64url');

/** A weak validator: the same request on the same data gives an equivalent answer. */
export const etagFor = (key: string): string => `W/"${key.slice(0, 32)}"`;

/** True when an If-None-Match header (a list, or *) matches the ETag, compared weakly. */
export const etagMatches = (ifNoneMatch: string | undefined, etag: string): boolean => {
  if (!ifNoneMatch) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
};

/** Bytes an entry costs besides its body: the key, the headers, the bookkeeping (a fair flat guess). */
const ENTRY_OVERHEAD = 512;

interface Entry {
  readonly answer: CachedAnswer;
  bytes: number;
}

export class AnswerCache {
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;

  constructor(
    readonly maxEntries: number,
    /** Total bytes held: bodies, their copies and a flat overhead per entry. */
    readonly maxBytes = 64 * 2 ** 20,
    /** Answers whose body exceeds this share of maxBytes are served but not kept: one must not flush the rest. */
    readonly maxShare = 1 / 8,
  ) {}

  get(key: string): CachedAnswer | undefined {
    const hit = this.#entries.get(key);
    if (hit) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit?.answer;
  }

  set(key: string, answer: CachedAnswer): void {
    if (this.maxEntries === 0 || answer.body.byteLength > this.maxBytes * this.maxShare) return;
    this.#remove(key);
    const entry = { answer, bytes: answer.body.byteLength + ENTRY_OVERHEAD };
    this.#entries.set(key, entry);
    this.#bytes += entry.bytes;
    this.#evict();
  }

  /** Counts a copy made of a kept answer (its gzip coding) against the budget; nothing if the answer is gone. */
  addCopy(key: string, answer: CachedAnswer, bytes: number): void {
    const entry = this.#entries.get(key);
    if (entry?.answer !== answer) return;
    entry.bytes += bytes;
    this.#bytes += bytes;
    this.#evict();
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Bytes held now, as counted against maxBytes. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Least recently used first, until both bounds hold. */
  #evict(): void {
    while (this.#entries.size > this.maxEntries || (this.#bytes > this.maxBytes && this.#entries.size > 0))
      this.#remove(this.#entries.keys().next().value!);
  }

  #remove(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }
}
