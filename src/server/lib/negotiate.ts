// One content negotiation for every route: `?format=` first, then Accept with q-values and wildcards, else 406.
import Negotiator from 'negotiator';
import { BoundedMemo } from './bounded-memo.ts';
import { HttpError } from './errors.ts';

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
  format: string | undefined,
  choices: readonly Choice<T>[],
): T => {
  if (format !== undefined && format !== '') {
    const wanted = format.trim().toLowerCase();
    const hit = choices.find((c) => c.type === wanted || c.names?.includes(wanted) || c.alsoAccepts?.includes(wanted));
    if (hit) return hit.type;
    throw notAcceptable(choices, `format=${format}`);
  }
  const first = choices[0];
  if (!first) throw new Error('negotiate() needs at least one choice');
  if (accept === undefined || accept.trim() === '') return first.type;
  return negotiatorOf(choices)(accept) as T;
};

/** A memoized Accept negotiation per list of choices; a refusal is not remembered (the throw skips it). */
const negotiators = new WeakMap<readonly Choice[], (accept: string) => string>();
const negotiatorOf = (choices: readonly Choice[]): ((accept: string) => string) => {
  let negotiator = negotiators.get(choices);
  if (negotiator) return negotiator;
  const offered = [...choices.map((c) => c.type), ...choices.flatMap((c) => c.alsoAccepts ?? [])];
  const pick = (accept: string) => {
    const best = new Negotiator({ headers: { accept } }).mediaType(offered);
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
