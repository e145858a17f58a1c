// HTTP helpers shared by the Linked Data routes: format negotiation, validators, Link entries, and 303s (errors, 404s included, are thrown: errors.ts answers them).
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { DOCUMENT_EXTS, RDF_FORMATS, type DocumentExt } from '../../documents/index.ts';
import type { SiteUrls } from '../../rdf/uris.ts';
import { FOAF } from '../../rdf/vocab.ts';
import type { Choice } from './negotiate.ts';
import { CACHE_CONTROL, type LinkEntry } from './representation.ts';

/** RDF formats only; Turtle first, so no Accept header or `*\/*` gets Turtle. */
const RDF_CHOICES: readonly Choice[] = DOCUMENT_EXTS.map((ext) => {
  const { mediaType, names, alsoAccepts } = RDF_FORMATS[ext];
  return { type: mediaType, names, ...(alsoAccepts.length > 0 ? { alsoAccepts } : {}) };
});
/**
 * RDF formats and the HTML page. Turtle stays the default for `*\/*` (Cool URIs: browsers ask for text/html
 * explicitly, while data clients that send `*\/*` alone are better served with data).
 */
export const DOCUMENT_CHOICES: readonly Choice[] = [
  RDF_CHOICES[0]!,
  { type: 'text/html', alsoAccepts: ['application/xhtml+xml'], names: ['html'] },
  ...RDF_CHOICES.slice(1),
];

/**
 * The Link header entries of a resource's description in format `except` (or of its page, without `except`):
 * every other RDF format, the HTML page, and the thing described.
 */
export const descriptionLinks = (urls: SiteUrls, path: string, iri: string, except?: DocumentExt | 'html'): LinkEntry[] => [
  ...DOCUMENT_EXTS.filter((e) => e !== except).map((e) => ({ href: urls.data(path, e), rel: 'alternate', type: RDF_FORMATS[e].mediaType })),
  ...(except === 'html' ? [] : [{ href: urls.page(path), rel: 'alternate', type: 'text/html' }]),
  { href: iri, rel: `${FOAF}primaryTopic` },
];

/** A /data/ path split into the described path and its extension ('' when its last segment has none): `id/x.ttl` → `id/x`, `ttl`. */
export const splitDataPath = (rest: string): { readonly path: string; readonly ext: string } => {
  const dot = rest.lastIndexOf('.');
  return dot > rest.lastIndexOf('/') ? { path: rest.slice(0, dot), ext: rest.slice(dot + 1) } : { path: rest, ext: '' };
};

/** The extension of a negotiated media type, or 'html'. */
export const extOf = (mediaType: string): DocumentExt | 'html' =>
  mediaType === 'text/html' ? 'html' : DOCUMENT_EXTS.find((e) => RDF_FORMATS[e].mediaType === mediaType)!;

/** A strong validator per dataset version, path and format. */
export const etagOf = (version: string, path: string, format: string): string =>
  `"${version}-${createHash('sha256').update(`${path}\n${format}`).digest('base64url').slice(0, 16)}-${format}"`;

/** 303 See Other to a description (`location` root-relative, see linked-data.ts); Vary: Accept because the target depends on it. Empty body. */
export const seeOther = (reply: FastifyReply, location: string, vary = true): FastifyReply => {
  reply.code(303).header('location', location).header('cache-control', CACHE_CONTROL);
  if (vary) reply.header('vary', 'Accept');
  return reply.send();
};
