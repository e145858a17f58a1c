// Scores a drafted outline against a curated plan: precision, recall and F1 for elements and for parent links.
import { canonicalNumber } from './numbering.ts';

/** What an element is compared on: its class, printed number and title (or, for untitled elements, its text's start). */
export interface Comparable {
  readonly id: string;
  readonly cls: string;
  readonly number?: string;
  readonly title?: string;
  readonly text?: string;
  /** id of the parent; undefined = the plan. */
  readonly parent?: string;
}

export interface Score {
  readonly gold: number;
  readonly drafted: number;
  readonly matched: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/**
 * The normalization of the comparison: NFKC, then every space, quotation mark and bracket removed
 * (「」『』“”"'()（）), and the number canonicalized (Ⅱ → 2, ❶ → 1, 5-① → 5-1, "1 2" → 12). Untitled elements
 * compare on the first 20 characters of their normalized text.
 */
export const normalizeForMatch = (s: string | undefined): string =>
  (s ?? '').normalize('NFKC').replace(/[\s「」『』“”"'()（）【】]/gu, '');

export const matchKey = (e: Comparable): string =>
  `${e.cls}|${canonicalNumber(e.number)}|${e.title !== undefined ? normalizeForMatch(e.title) : '~' + normalizeForMatch(e.text).slice(0, 20)}`;

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const score = (gold: number, drafted: number, matched: number): Score => {
  const precision = ratio(matched, drafted);
  const recall = ratio(matched, gold);
  return { gold, drafted, matched, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
};

/** Counts matches between two multisets of keys. */
const countMatches = (gold: readonly string[], drafted: readonly string[]): number => {
  const left = new Map<string, number>();
  for (const k of gold) left.set(k, (left.get(k) ?? 0) + 1);
  let n = 0;
  for (const k of drafted) {
    const c = left.get(k) ?? 0;
    if (c > 0) {
      n++;
      left.set(k, c - 1);
    }
  }
  return n;
};

const links = (es: readonly Comparable[]): string[] => {
  const byId = new Map(es.map((e) => [e.id, e]));
  return es.map((e) => `${matchKey(e)} ← ${e.parent === undefined || !byId.has(e.parent) ? 'plan' : matchKey(byId.get(e.parent)!)}`);
};

/** Element and parent-link scores of `drafted` against `gold`. */
export const scoreDraft = (gold: readonly Comparable[], drafted: readonly Comparable[]): { elements: Score; links: Score } => {
  const g = gold.map(matchKey);
  const d = drafted.map(matchKey);
  const gl = links(gold);
  const dl = links(drafted);
  return { elements: score(g.length, d.length, countMatches(g, d)), links: score(gl.length, dl.length, countMatches(gl, dl)) };
};

/** Sums of several scores (micro-averaged). */
export const totalScore = (scores: readonly Score[]): Score =>
  score(
    scores.reduce((a, s) => a + s.gold, 0),
    scores.reduce((a, s) => a + s.drafted, 0),
    scores.reduce((a, s) => a + s.matched, 0),
  );
