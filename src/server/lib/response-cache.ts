// A shared cache in front of the app (RFC 9111): answers the app marked public and fresh are replayed for identical
// requests straight from node:http, without routing, hooks or handlers. Keyed by the URL and the request headers the
// answer's Vary names; bounded in bytes; one per generation, so a new build never sees an old answer.
import type { IncomingMessage, ServerResponse } from 'node:http';

interface Stored {
  readonly status: number;
  /** Name/value pairs, Content-Length included (Date and Connection are Node's own). */
  readonly headers: readonly string[];
  readonly body: Buffer;
  readonly bytes: number;
  /** Its key in the eviction order, made once: a hit moves it to the back without building the key again. */
  readonly lruKey: string;
}

interface Resource {
  /** Lower-case request header names the answers of this URL vary on. */
  readonly vary: readonly string[];
  readonly variants: Map<string, Stored>;
}

/** Statuses a shared cache may store when the answer says it is public and fresh (RFC 9111 §3). */
const STORABLE = new Set([200, 203, 300, 301, 303, 308, 404, 410]);
/** Bytes an entry costs besides its body (key, headers, maps): a flat guess, so tiny answers still count. */
const ENTRY_OVERHEAD = 512;
/** Distinct variants kept per URL: Accept headers differ from client to client. */
const MAX_VARIANTS = 32;

/** Requests that must reach the app: conditionals other than a plain GET/HEAD, ranges, and clients asking to revalidate. */
const mustForward = (req: IncomingMessage): boolean => {
  const h = req.headers;
  return (
    h['if-none-match'] !== undefined ||
    h['if-modified-since'] !== undefined ||
    h['if-match'] !== undefined ||
    h['if-unmodified-since'] !== undefined ||
    h.range !== undefined ||
    h.authorization !== undefined ||
    /no-cache|no-store|max-age=0/.test(h['cache-control'] ?? '') ||
    h.pragma !== undefined
  );
};

const variantKey = (vary: readonly string[], req: IncomingMessage): string => {
  let key = '';
  for (const name of vary) {
    const v = req.headers[name];
    key += `${Array.isArray(v) ? v.join(',') : (v ?? '')}\u0000`;
  }
  return key;
};

const cacheControlAllows = (cc: string): boolean =>
  /(?:^|,)\s*public\s*(?:,|$)/i.test(cc) && /max-age=\d*[1-9]/i.test(cc) && !/no-store|no-cache|private/i.test(cc);

export class ResponseCache {
  readonly #byUrl = new Map<string, Resource>();
  /** Every stored variant in insertion (refreshed on hit) order, for eviction: key is url + '\u0001' + variant key. */
  readonly #lru = new Map<string, { url: string; variant: string; bytes: number }>();
  #bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get bytes(): number {
    return this.#bytes;
  }

  /** Answers `req` from the cache and returns true, or returns false (the app answers it). */
  answer(req: IncomingMessage, res: ServerResponse): boolean {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || this.#byUrl.size === 0 || mustForward(req)) return false;
    const url = req.url!;
    const resource = this.#byUrl.get(url);
    if (!resource) return false;
    const variant = variantKey(resource.vary, req);
    const stored = resource.variants.get(variant);
    if (!stored) return false;
    const mark = this.#lru.get(stored.lruKey)!;
    this.#lru.delete(stored.lruKey);
    this.#lru.set(stored.lruKey, mark);
    res.writeHead(stored.status, stored.headers as string[]);
    res.end(req.method === 'HEAD' ? undefined : stored.body);
    return true;
  }

  /**
   * Offers an answer the app just sent to the GET `url` with the request headers `requestHeaders`; kept when storable:
   * a storable status, `public` with a max-age, no Set-Cookie, a Vary other than `*`, a body already in memory.
   */
  offer(url: string, requestHeaders: IncomingMessage['headers'], status: number, headers: Record<string, unknown>, payload: unknown): void {
    if (this.maxBytes === 0 || !STORABLE.has(status) || headers['set-cookie'] !== undefined) return;
    if (!cacheControlAllows(String(headers['cache-control'] ?? ''))) return;
    const body = payload === undefined || payload === null ? Buffer.alloc(0) : typeof payload === 'string' ? Buffer.from(payload) : payload;
    if (!Buffer.isBuffer(body)) return; // a stream: not in memory
    const varyHeader = String(headers.vary ?? '');
    const vary = varyHeader.split(',').map((v) => v.trim().toLowerCase()).filter(Boolean).sort();
    if (vary.includes('*')) return;
    const bytes = body.byteLength + ENTRY_OVERHEAD;
    if (bytes > this.maxBytes / 8) return; // one answer never takes most of the room

    const flat: string[] = [];
    for (const [name, value] of Object.entries(headers)) {
      if (name === 'content-length' || value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) flat.push(name, String(v));
    }
    flat.push('content-length', String(body.byteLength));

    let resource = this.#byUrl.get(url);
    // The same URL answered with another Vary (a new build is another cache): keep the newest shape only.
    if (resource && resource.vary.join() !== vary.join()) {
      this.#drop(url, resource);
      resource = undefined;
    }
    if (!resource) this.#byUrl.set(url, (resource = { vary, variants: new Map() }));
    if (resource.variants.size >= MAX_VARIANTS) return;
    const variant = variantKey(vary, { headers: requestHeaders } as IncomingMessage);
    if (resource.variants.has(variant)) return;
    const lruKey = `${url}\u0001${variant}`;
    resource.variants.set(variant, { status, headers: flat, body, bytes, lruKey });
    this.#lru.set(lruKey, { url, variant, bytes });
    this.#bytes += bytes;
    this.#evict();
  }

  #drop(url: string, resource: Resource): void {
    for (const stored of resource.variants.values()) {
      this.#lru.delete(stored.lruKey);
      this.#bytes -= stored.bytes;
    }
    this.#byUrl.delete(url);
  }

  #evict(): void {
    for (const [key, mark] of this.#lru) {
      if (this.#bytes <= this.maxBytes) return;
      this.#lru.delete(key);
      const resource = this.#byUrl.get(mark.url);
      if (resource?.variants.delete(mark.variant)) this.#bytes -= mark.bytes;
      if (resource && resource.variants.size === 0) this.#byUrl.delete(mark.url);
    }
  }
}
