// A bounded LRU of finished answers, keyed (and ETagged) by dataset version plus the normalized request.
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

export class AnswerCache {
  readonly #entries = new Map<string, CachedAnswer>();

  constructor(
    readonly maxEntries: number,
    /** Answers larger than this are served but not kept. */
    readonly maxBodyBytes = 4 * 1024 * 1024,
  ) {}

  get(key: string): CachedAnswer | undefined {
    const hit = this.#entries.get(key);
    if (hit) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, answer: CachedAnswer): void {
    if (this.maxEntries === 0 || answer.body.byteLength > this.maxBodyBytes) return;
    this.#entries.delete(key);
    this.#entries.set(key, answer);
    while (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
  }

  get size(): number {
    return this.#entries.size;
  }
}
