// A response prepared once (body, gzip copy, validators and every header), so serving it costs look-ups and one write.
import { gzipSync } from 'node:zlib';
import compressible from 'compressible';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { etagMatches } from './answer-cache.ts';
import { BoundedMemo } from './bounded-memo.ts';
import { checkIfMatch } from './preconditions.ts';

/** Data changes only with a new build; an hour of freshness, then revalidation by ETag. */
export const CACHE_CONTROL = 'public, max-age=3600';

/** Below this size gzip saves less than it costs the client; such bodies are always sent as they are. */
export const MIN_GZIP_BYTES = 1024;

export interface LinkEntry {
  readonly href: string;
  readonly rel: string;
  readonly type?: string;
}

/** An RFC 8288 Link header value. */
export const linkHeader = (links: readonly LinkEntry[]): string =>
  links.map((l) => `<${l.href}>; rel="${l.rel}"${l.type ? `; type="${l.type}"` : ''}`).join(', ');

export interface RepresentationInit {
  readonly body: Buffer | string;
  readonly contentType: string;
  /** A strong validator of the identity-coded body; the gzip copy gets its own. */
  readonly etag: string;
  readonly links?: readonly LinkEntry[];
  /** Request headers, besides Accept-Encoding, that chose this body (e.g. Accept-Language). */
  readonly vary?: readonly string[];
  /** Further headers of a 200 (e.g. Content-Security-Policy). */
  readonly headers?: Readonly<Record<string, string>>;
  /** A gzip copy made beforehand (e.g. the dumps'); otherwise one is made on first use when worth it. */
  readonly gzip?: Buffer;
}

/** RDF syntaxes that mime-db (behind `compressible`) does not know, all of them text. */
const RDF_TEXT = /^\s*application\/(?:n-triples|n-quads|trig)\s*(?:;|$)/i;
/** Whether a body of this type and size is worth a gzip copy. */
export const worthGzip = (contentType: string, bytes: number): boolean =>
  bytes >= MIN_GZIP_BYTES && (compressible(contentType) === true || RDF_TEXT.test(contentType));

/** One content coding of a representation, with the headers of its 200 and of its 304. */
interface Coded {
  readonly body: Buffer;
  readonly etag: string;
  readonly ok: Readonly<Record<string, string>>;
  readonly notModified: Readonly<Record<string, string>>;
}

export class Representation {
  readonly identity: Coded;
  /** Whether a gzip copy is offered (a compressible media type, and a body worth compressing). */
  readonly compressible: boolean;
  readonly #init: RepresentationInit;
  readonly #onGzip: ((bytes: number) => void) | undefined;
  #gzip: Coded | undefined;

  /** `onGzip` learns the size of the gzip copy when it is made (a cache counts it against its budget). */
  constructor(init: RepresentationInit, onGzip?: (bytes: number) => void) {
    const body = typeof init.body === 'string' ? Buffer.from(init.body) : init.body;
    this.#init = init;
    this.#onGzip = onGzip;
    this.compressible = init.gzip !== undefined || worthGzip(init.contentType, body.byteLength);
    this.identity = this.#coded(body, init.etag);
  }

  /** The gzip copy, compressed on first use and then kept; undefined when none is offered. */
  get gzip(): Coded | undefined {
    if (!this.compressible) return undefined;
    // A weak or strong validator alike gets a suffix inside its quotes: each coding has its own (RFC 9110 §8.8.3).
    if (!this.#gzip) {
      this.#gzip = this.#coded(this.#init.gzip ?? gzipSync(this.identity.body, { level: 9 }), `${this.#init.etag.slice(0, -1)}-gzip"`, 'gzip');
      this.#onGzip?.(this.#gzip.body.byteLength);
    }
    return this.#gzip;
  }

  /** Bytes of the bodies held: the identity body and the gzip copy once made. */
  get bytes(): number {
    return this.identity.body.byteLength + (this.#gzip?.body.byteLength ?? 0);
  }

  #coded(body: Buffer, etag: string, encoding?: 'gzip'): Coded {
    const { contentType, links, vary = [], headers = {} } = this.#init;
    const varies = this.compressible ? [...vary, 'Accept-Encoding'] : vary;
    // RFC 9110 §15.4.5: a 304 carries the validators and caching headers a 200 would have, not the body's metadata.
    const notModified: Record<string, string> = { etag, 'cache-control': CACHE_CONTROL };
    if (varies.length) notModified.vary = varies.join(', ');
    const ok: Record<string, string> = { ...notModified, 'content-type': contentType };
    if (encoding) ok['content-encoding'] = encoding;
    if (links?.length) ok.link = linkHeader(links);
    for (const [name, value] of Object.entries(headers)) ok[name.toLowerCase()] = value;
    return { body, etag, ok: Object.freeze(ok), notModified: Object.freeze(notModified) };
  }
}

const gzipMemo = new BoundedMemo<boolean>();
// x-gzip is gzip by another name (RFC 9110 §8.4.1.3: a recipient SHOULD treat it as gzip); the answer says gzip.
const prefersGzip = (acceptEncoding: string) =>
  new Negotiator({ headers: { 'accept-encoding': acceptEncoding.replace(/\bx-gzip\b/gi, 'gzip') } }).encoding(['identity', 'gzip']) === 'gzip';

/** Whether the client's Accept-Encoding prefers gzip to the body as it is. */
export const acceptsGzip = (acceptEncoding: string | undefined): boolean =>
  acceptEncoding !== undefined && acceptEncoding !== '' && gzipMemo.get(acceptEncoding, prefersGzip);

/**
 * 200 with the coding the client prefers, 304 when If-None-Match names that coding's validator, or (thrown, and first)
 * 412 when If-Match names none of it.
 */
export const sendRepresentation = (request: FastifyRequest, reply: FastifyReply, representation: Representation): FastifyReply => {
  const coded = (representation.compressible && acceptsGzip(request.headers['accept-encoding']) && representation.gzip) || representation.identity;
  checkIfMatch(request, coded.etag);
  if (etagMatches(request.headers['if-none-match'], coded.etag)) return reply.code(304).headers(coded.notModified).send();
  return reply.code(200).headers(coded.ok).send(coded.body);
};

/** What a kept representation costs beyond its bodies (headers, key, map entry), roughly. */
const ENTRY_OVERHEAD = 1024;

/**
 * Representations made once per key (on first request, even under concurrent ones), then served synchronously while
 * kept. At most `maxEntries` are kept and `maxBytes` of their bodies (gzip copies included, counted when made): the
 * least recently used go first, and one that would take more than `maxShare` of the bytes is served but not kept.
 */
export class RepresentationCache {
  readonly #ready = new Map<string, { readonly representation: Representation; bytes: number }>();
  readonly #pending = new Map<string, Promise<Representation>>();
  #bytes = 0;

  constructor(
    readonly maxEntries = 10_000,
    readonly maxBytes = 64 * 2 ** 20,
    readonly maxShare = 1 / 8,
  ) {}

  peek(key: string): Representation | undefined {
    const entry = this.#ready.get(key);
    if (!entry) return undefined;
    // Most recently used last.
    this.#ready.delete(key);
    this.#ready.set(key, entry);
    return entry.representation;
  }

  /** The representation under `key`, made by `make` when missing; a failure is not kept. */
  get(key: string, make: () => RepresentationInit | Promise<RepresentationInit>): Promise<Representation> {
    const ready = this.peek(key);
    if (ready) return Promise.resolve(ready);
    let pending = this.#pending.get(key);
    if (!pending) {
      pending = Promise.resolve()
        .then(make)
        .then((init) => {
          const made: Representation = new Representation(init, (bytes) => this.#grew(key, made, bytes));
          this.#keep(key, made);
          return made;
        })
        .finally(() => this.#pending.delete(key));
      this.#pending.set(key, pending);
    }
    return pending;
  }

  get size(): number {
    return this.#ready.size;
  }

  /** Bytes held now, as counted against maxBytes. */
  get bytes(): number {
    return this.#bytes;
  }

  #keep(key: string, representation: Representation): void {
    const bytes = representation.bytes + ENTRY_OVERHEAD;
    if (this.maxEntries === 0 || bytes > this.maxBytes * this.maxShare) return;
    this.#ready.set(key, { representation, bytes });
    this.#bytes += bytes;
    this.#evict();
  }

  /** Counts a gzip copy made of a kept representation; nothing if it is no longer kept. */
  #grew(key: string, representation: Representation, bytes: number): void {
    const entry = this.#ready.get(key);
    if (entry?.representation !== representation) return;
    entry.bytes += bytes;
    this.#bytes += bytes;
    this.#evict();
  }

  /** Least recently used first, until both bounds hold. */
  #evict(): void {
    for (const [key, entry] of this.#ready) {
      if (this.#ready.size <= this.maxEntries && this.#bytes <= this.maxBytes) return;
      this.#ready.delete(key);
      this.#bytes -= entry.bytes;
    }
  }
}

/** Sends the representation under `key`, making it first if needed; once made, this is synchronous. */
export const sendPrepared = (
  request: FastifyRequest,
  reply: FastifyReply,
  cache: RepresentationCache,
  key: string,
  make: () => RepresentationInit | Promise<RepresentationInit>,
): FastifyReply | Promise<FastifyReply> => {
  const ready = cache.peek(key);
  if (ready) return sendRepresentation(request, reply, ready);
  return cache.get(key, make).then((made) => sendRepresentation(request, reply, made));
};
