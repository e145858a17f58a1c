// Sends an HTML page: validators and caching as for every body, Vary: Accept-Language, and a Content-Security-Policy.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageHeaders, type CspOptions } from './csp.ts';
import { sendBody, type LinkEntry } from './ld-http.ts';

export interface PageBody {
  readonly body: Buffer | string;
  readonly etag: string;
  readonly links?: readonly LinkEntry[];
  /** Request headers the page depends on besides Accept-Language (e.g. Accept). */
  readonly varyAlso?: readonly string[];
  readonly csp?: CspOptions;
  readonly status?: number;
}

export const PAGE_TYPE = 'text/html; charset=utf-8';

/** 200 (or 304) with the page; a non-200 status (e.g. 400 for a bad search) is sent uncached. */
export const sendPage = (request: FastifyRequest, reply: FastifyReply, page: PageBody): FastifyReply => {
  const vary = page.varyAlso ? [...page.varyAlso, 'Accept-Language'].join(', ') : 'Accept-Language';
  if (page.status !== undefined && page.status !== 200) {
    for (const [k, v] of Object.entries(pageHeaders(page.csp))) reply.header(k, v);
    return reply.code(page.status).header('cache-control', 'no-store').header('vary', vary).type(PAGE_TYPE).send(page.body);
  }
  return sendBody(request, reply, { body: page.body, contentType: PAGE_TYPE, etag: page.etag, links: page.links, vary, headers: pageHeaders(page.csp) });
};
