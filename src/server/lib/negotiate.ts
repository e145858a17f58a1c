// One content negotiation for every route: `?format=` first, then Accept with q-values and wildcards, else 406.
// Every answer is UTF-8 and carries no other media type parameter, so a range's parameters are judged here (plainRanges,
// which the error answers use too), not by `negotiator`, which would match a range with parameters only against an
// offer with the same ones (RFC 9110 §12.5.1).
import Negotiator from 'negotiator';
import { BoundedMemo } from './bounded-memo.ts';
import { HttpError } from './http-error.ts';

export interface Choice<T extends string = string> {
  /** Media type served. */
  readonly type: T;
  /** Other media types a client may ask for to get this one (e.g. application/json). */
  readonly alsoAccepts?: readonly string[];
  /** Short names for `?format=` (the full media type is always accepted too). */
  readonly names?: readonly string[];
}

/**
 * Picks the served media type. The first choice is the default (no Accept, or `*\/*`);
 * ties between equally acceptable types go to the earlier choice.
 */
export const negotiate = <T extends string>(
  accept: string | undefined,
  format: string | readonly string[] | undefined,
  choices: readonly Choice<T>[],
  /** What `?format=` values that name no choice do: refused (406), or, given an Accept header, left to it. */
  unknownFormat: 'refuse' | 'accept' = 'refuse',
): T => {
  const formats = formatValues(format);
  const hasAccept = accept !== undefined && accept.trim() !== '';
  if (formats.length > 0) {
    const named = formatChoice(formats, choices);
    if (named) return named;
    if (unknownFormat === 'refuse' || !hasAccept) throw notAcceptable(choices, `format=${formats.join(', format=')}`);
  }
  const first = choices[0];
  if (!first) throw new Error('negotiate() needs at least one choice');
  if (!hasAccept) return first.type;
  return negotiatorOf(choices)(accept) as T;
};

const formatValues = (format: string | readonly string[] | undefined): readonly string[] =>
  (typeof format === 'string' ? [format] : (format ?? [])).filter((f) => f.trim() !== '');

/**
 * The choice `?format=` names: the first value that names one (by short name or media type). SPARQL clients such as
 * SPARQLWrapper send several (format=tsv&format=text/tab-separated-values, or format=n3) beside a matching Accept.
 */
export const formatChoice = <T extends string>(format: string | readonly string[] | undefined, choices: readonly Choice<T>[]): T | undefined => {
  for (const f of formatValues(format)) {
    const wanted = f.trim().toLowerCase();
    const hit = choices.find((c) => c.type === wanted || c.names?.includes(wanted) || c.alsoAccepts?.includes(wanted));
    if (hit) return hit.type;
  }
  return undefined;
};

/**
 * The Accept header with each range's parameters judged: `q` is kept; a charset other than UTF-8 makes the range one
 * no answer can match (it is dropped); any other parameter (`header=present`, JSON-LD's `profile`) is one every
 * answer of that type satisfies or may ignore, so it is dropped from the range.
 */
export const plainRanges = (accept: string): string =>
  splitOutsideQuotes(accept, ',')
    .flatMap((range) => {
      const [type = '', ...params] = splitOutsideQuotes(range, ';').map((p) => p.trim());
      let q: string | undefined;
      for (const p of params) {
        const eq = p.indexOf('=');
        const name = p.slice(0, eq < 0 ? p.length : eq).trim().toLowerCase();
        const value = eq < 0 ? '' : p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
        if (name === 'q') q = value;
        else if (name === 'charset' && !/^utf-?8$/i.test(value)) return [];
      }
      return type === '' ? [] : [q === undefined ? type : `${type};q=${q}`];
    })
    .join(', ');

/** Splits at `sep` outside double-quoted strings (a profile IRI list may hold commas). */
const splitOutsideQuotes = (s: string, sep: string): string[] => {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
};

/** A memoized Accept negotiation per list of choices; a refusal is not remembered (the throw skips it). */
const negotiators = new WeakMap<readonly Choice[], (accept: string) => string>();
const negotiatorOf = (choices: readonly Choice[]): ((accept: string) => string) => {
  let negotiator = negotiators.get(choices);
  if (negotiator) return negotiator;
  const offered = [...choices.map((c) => c.type), ...choices.flatMap((c) => c.alsoAccepts ?? [])];
  const pick = (accept: string) => {
    const best = new Negotiator({ headers: { accept: plainRanges(accept) } }).mediaType(offered);
    const hit = best && choices.find((c) => c.type === best || c.alsoAccepts?.includes(best));
    if (!hit) throw notAcceptable(choices, `Accept: ${accept}`);
    return hit.type;
  };
  const memo = new BoundedMemo<string>();
  negotiators.set(choices, (negotiator = (accept) => memo.get(accept, pick)));
  return negotiator;
};

const notAcceptable = (choices: readonly Choice[], asked: string) =>
  new HttpError(
    'not_acceptable',
    `cannot answer ${asked}; available: ${choices
      .map((c) => c.type + (c.names?.length ? ` (format=${c.names.join('|')})` : ''))
      .join(', ')}`,
  );
