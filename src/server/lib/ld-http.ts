// HTTP helpers shared by the Linked Data routes: format negotiation, 303s, cacheable bodies with ETag/304, Link headers, 404s.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { DOCUMENT_EXTS, RDF_FORMATS, type DocumentExt } from '../../documents/index.ts';
import { notFoundPage } from '../../pages/resource-page.ts';
import { etagMatches } from './answer-cache.ts';
import { pageHeaders } from './csp.ts';
import { HttpError, sendError } from './errors.ts';
import { requestLang } from './lang.ts';
import type { Choice } from './negotiate.ts';

/** Data changes only with a new build; an hour of freshness, then revalidation by ETag. */
export const CACHE_CONTROL = 'public, max-age=3600';

const NAMES: Record<DocumentExt, { names: string[]; alsoAccepts?: string[] }> = {
  ttl: { names: ['ttl', 'turtle'], alsoAccepts: ['application/x-turtle'] },
  jsonld: { names: ['jsonld', 'json'], alsoAccepts: ['application/json'] },
  nt: { names: ['nt', 'ntriples'] },
  rdf: { names: ['rdf', 'rdfxml', 'xml'] },
};

/** RDF formats only; Turtle first, so no Accept header or `*\/*` gets Turtle. */
export const RDF_CHOICES: readonly Choice[] = DOCUMENT_EXTS.map((ext) => ({ type: RDF_FORMATS[ext].mediaType, ...NAMES[ext] }));
/**
 * RDF formats and the HTML page. Turtle stays the default for `*\/*` (Cool URIs: browsers ask for text/html
 * explicitly, while data clients that send `*\/*` alone are better served with data).
 */
export const DOCUMENT_CHOICES: readonly Choice[] = [
  RDF_CHOICES[0]!,
  { type: 'text/html', alsoAccepts: ['application/xhtml+xml'], names: ['html'] },
  ...RDF_CHOICES.slice(1),
];

/** The extension of a negotiated media type, or 'html'. */
export const extOf = (mediaType: string): DocumentExt | 'html' =>
  mediaType === 'text/html' ? 'html' : DOCUMENT_EXTS.find((e) => RDF_FORMATS[e].mediaType === mediaType)!;

/** The extension of a media type negotiated among RDF_CHOICES. */
export const rdfExtOf = (mediaType: string): DocumentExt => DOCUMENT_EXTS.find((e) => RDF_FORMATS[e].mediaType === mediaType) ?? 'ttl';

/** A strong validator per dataset version, path and format. */
export const etagOf = (version: string, path: string, format: string): string =>
  `"${version}-${createHash('sha256').update(`${path}\n${format}`).digest('base64url').slice(0, 16)}-${format}"`;

export interface LinkEntry {
  readonly href: string;
  readonly rel: string;
  readonly type?: string;
}

export const linkHeader = (links: readonly LinkEntry[]): string =>
  links.map((l) => `<${l.href}>; rel="${l.rel}"${l.type ? `; type="${l.type}"` : ''}`).join(', ');

// Link lists are built once per document and format, so their header strings are kept with them.
const linkHeaders = new WeakMap<readonly LinkEntry[], string>();
const linkHeaderOf = (links: readonly LinkEntry[]): string => {
  let h = linkHeaders.get(links);
  if (h === undefined) linkHeaders.set(links, (h = linkHeader(links)));
  return h;
};

/** 303 See Other to a description; Vary: Accept because the target depends on it. Empty body. */
export const seeOther = (reply: FastifyReply, location: string, vary = true): FastifyReply => {
  reply.code(303).header('location', location).header('cache-control', CACHE_CONTROL);
  if (vary) reply.header('vary', 'Accept');
  return reply.send();
};

export interface Body {
  readonly body: Buffer | string;
  readonly contentType: string;
  readonly etag: string;
  readonly links?: readonly LinkEntry[];
  /** Set when the body was chosen by Accept. */
  readonly vary?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** 200 with validators, or 304 when If-None-Match matches. */
export const sendBody = (request: FastifyRequest, reply: FastifyReply, b: Body): FastifyReply => {
  reply.header('etag', b.etag).header('cache-control', CACHE_CONTROL);
  if (b.vary) reply.header('vary', b.vary);
  if (b.links?.length) reply.header('link', linkHeaderOf(b.links));
  for (const [name, value] of Object.entries(b.headers ?? {})) reply.header(name, value);
  if (etagMatches(request.headers['if-none-match'], b.etag)) return reply.code(304).send();
  return reply.code(200).type(b.contentType).send(b.body);
};

/** 404 in the negotiated format: an HTML page for browsers, else text/plain or JSON (errors.ts). */
export const sendNotFound = (request: FastifyRequest, reply: FastifyReply, message: string, home: string): FastifyReply => {
  const accept = request.headers.accept;
  const html = accept ? new Negotiator({ headers: { accept } }).mediaType(['text/plain', 'application/json', 'text/html']) === 'text/html' : false;
  if (!html) return sendError(request, reply, new HttpError('not_found', message));
  const self = home + (request.url.split('?')[0] ?? '/').slice(1);
  for (const [name, value] of Object.entries(pageHeaders())) reply.header(name, value);
  return reply
    .code(404)
    .header('cache-control', 'no-store')
    .header('vary', 'Accept, Accept-Language')
    .type('text/html; charset=utf-8')
    .send(notFoundPage({ message, home, lang: requestLang(request), self }));
};
