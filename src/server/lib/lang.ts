// The page language of a request: ?lang= first, then Accept-Language (Japanese or English), else Japanese.
import type { FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { isLang, type Lang } from '../../documents/index.ts';
import { BoundedMemo } from './bounded-memo.ts';

/** The `lang` query parameter as route schemas declare it (pages, search, source viewer, dumps, home). */
export const LANG_PARAM = { type: 'string', description: 'ja (default) or en; overrides Accept-Language' } as const;
/** The querystring of a route whose only parameter is `lang`. */
export const LANG_QUERY = { type: 'object', properties: { lang: LANG_PARAM } } as const;

export const requestLang = (request: FastifyRequest): Lang => {
  const query = request.query as { lang?: unknown } | undefined;
  const asked = Array.isArray(query?.lang) ? query.lang[0] : query?.lang;
  if (isLang(asked)) return asked;
  const header = request.headers['accept-language'];
  if (!header) return 'ja';
  return memo.get(header, negotiateLang);
};

const negotiateLang = (header: string): Lang =>
  new Negotiator({ headers: { 'accept-language': header } }).language(['ja', 'en']) === 'en' ? 'en' : 'ja';
const memo = new BoundedMemo<Lang>();
