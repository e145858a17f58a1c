// The page language of a request: ?lang= first, then Accept-Language (Japanese or English), else Japanese.
import type { FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { isLang, type Lang } from '../../pages/i18n.ts';

export const requestLang = (request: FastifyRequest): Lang => {
  const query = request.query as { lang?: unknown } | undefined;
  const asked = Array.isArray(query?.lang) ? query.lang[0] : query?.lang;
  if (isLang(asked)) return asked;
  const header = request.headers['accept-language'];
  if (!header) return 'ja';
  const known = memo.get(header);
  if (known) return known;
  const lang: Lang = new Negotiator({ headers: { 'accept-language': header } }).language(['ja', 'en']) === 'en' ? 'en' : 'ja';
  // Browsers send few distinct Accept-Language headers: remember the answers, boundedly.
  if (memo.size >= 256) memo.delete(memo.keys().next().value!);
  memo.set(header, lang);
  return lang;
};

const memo = new Map<string, Lang>();
