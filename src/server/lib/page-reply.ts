// HTML pages: the representation of a page (Vary: Accept-Language, a Content-Security-Policy), and uncached error pages.
import type { FastifyReply } from 'fastify';
import { pageHeaders } from './csp.ts';
import type { LinkEntry, RepresentationInit } from './representation.ts';

export const PAGE_TYPE = 'text/html; charset=utf-8';

export interface PageInit {
  readonly body: Buffer | string;
  readonly etag: string;
  readonly links?: readonly LinkEntry[];
  /** Request headers the page depends on besides Accept-Language (e.g. Accept). */
  readonly varyAlso?: readonly string[];
}

/** What a page is served as: HTML chosen by language, with the page headers. */
export const pageInit = (page: PageInit): RepresentationInit => ({
  body: page.body,
  contentType: PAGE_TYPE,
  etag: page.etag,
  links: page.links,
  vary: [...(page.varyAlso ?? []), 'Accept-Language'],
  headers: pageHeaders(),
});

/** A page answering an error (e.g. 400 for a bad search): sent as it is and never cached. */
export const sendErrorPage = (reply: FastifyReply, status: number, body: string, varyAlso: readonly string[] = []): FastifyReply =>
  reply
    .code(status)
    .headers(pageHeaders())
    .header('cache-control', 'no-store')
    .header('vary', [...varyAlso, 'Accept-Language'].join(', '))
    .type(PAGE_TYPE)
    .send(body);
