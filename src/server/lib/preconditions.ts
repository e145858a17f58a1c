// If-Match (RFC 9110 §13.1.1), evaluated before anything else a request asks for (§13.2.2: before If-None-Match and
// before Range), so a client that names the representation it holds never gets another one, whole or in part.
import type { FastifyRequest } from 'fastify';
import { HttpError } from './http-error.ts';

/**
 * Whether If-Match lets a request that would be answered 2xx with the representation tagged `etag` go on: no If-Match;
 * `*` (this is only asked when there is a representation); or a listed entity tag equal to `etag` by strong comparison
 * (§8.8.3.2: both strong, same opaque tag), so a weak `etag`, or none, matches no listed tag.
 */
export const ifMatchHolds = (ifMatch: string | undefined, etag: string | undefined): boolean => {
  if (ifMatch === undefined) return true;
  const value = ifMatch.trim();
  if (value === '*') return true;
  if (etag === undefined || etag.startsWith('W/')) return false;
  return value.split(',').some((tag) => tag.trim() === etag);
};

/** The 412 of a request whose If-Match names no current representation of its target. */
export const preconditionFailed = (request: FastifyRequest): HttpError =>
  new HttpError('precondition_failed', `If-Match names no current representation of ${request.url.split('?')[0]}`);

/** Throws the 412 unless If-Match holds for the representation tagged `etag`. */
export const checkIfMatch = (request: FastifyRequest, etag: string | undefined): void => {
  const ifMatch = request.headers['if-match'];
  if (ifMatch !== undefined && !ifMatchHolds(ifMatch, etag)) throw preconditionFailed(request);
};
