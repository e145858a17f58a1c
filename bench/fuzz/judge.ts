// The verdict on one answer: which outcomes are the server doing its job (any 1xx–4xx, the deliberate 503s, 501 for a
// method it does not implement, a cut connection after an oversized body) and which are failures (other 5xx, resets, hangs, truncated answers).
import type { FuzzCase } from './cases.ts';
import type { Outcome } from './http-client.ts';

export type Verdict =
  | { readonly ok: true; readonly label: string }
  | { readonly ok: false; readonly label: string; readonly message: string };

/** 503s the server gives on purpose: queue full, query stopped at its time limit, query too costly. */
const DELIBERATE_503 = new Set(['busy', 'timeout', 'query_too_costly']);

/** The methods the server implements: any other may be answered 501 Not Implemented (RFC 9110 §15.6.2). */
const IMPLEMENTED = new Set(['GET', 'HEAD', 'POST', 'OPTIONS']);

/** The error code and message of a JSON error body, or the first line of a text one. */
export const errorOf = (o: Outcome): { code: string | undefined; message: string } => {
  const text = o.body.toString('utf8');
  try {
    const parsed = JSON.parse(text) as { error?: unknown; message?: unknown };
    return { code: typeof parsed.error === 'string' ? parsed.error : undefined, message: String(parsed.message ?? text).slice(0, 200) };
  } catch {
    return { code: undefined, message: text.split('\n')[0]!.slice(0, 200) };
  }
};

export const judge = (c: FuzzCase, o: Outcome, boundMs: number): Verdict => {
  if (o.timedOut) return { ok: false, label: 'hang', message: `no complete answer within ${boundMs} ms${o.status ? ` (status ${o.status} arrived)` : ''}` };
  if (o.status === undefined) {
    // The server may stop reading an oversized body and close: the client then sees a reset, not a 413.
    if (c.oversized && o.error !== undefined) return { ok: true, label: 'reset (oversized)' };
    return { ok: false, label: 'conn error', message: o.error ? `connection error ${o.error} before any answer` : 'connection closed without an answer' };
  }
  if (o.status >= 500) {
    const { code, message } = errorOf(o);
    const deliberate = o.status === 503 && (code !== undefined ? DELIBERATE_503.has(code) : o.headers['retry-after'] !== undefined || /stopped after|busy|too many|more memory|ran longer/i.test(message) || (c.method === 'HEAD' && message === ''));
    if (deliberate) return { ok: true, label: `503 ${code ?? 'retry'}` };
    if (o.status === 501 && !IMPLEMENTED.has(c.method)) return { ok: true, label: '501 method' };
    return { ok: false, label: String(o.status), message: `${code ?? '-'}: ${message}` };
  }
  if (!o.complete && !c.oversized) return { ok: false, label: 'truncated', message: `status ${o.status}, body cut short${o.error ? ` (${o.error})` : ''}` };
  return { ok: true, label: String(o.status) };
};
