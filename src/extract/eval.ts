// `npm run extract:eval`: drafts each curated plan from its source text and scores the draft against the plan file.
import type { Plan } from '../plan/index.ts';
import { allowedParent } from './draft-plan.ts';
import { draftOutline } from './outline.ts';
import { scoreDraft, totalScore, type Comparable, type Score } from './score.ts';

export interface PlanScore {
  readonly file: string;
  readonly elements: Score;
  readonly links: Score;
}

const curated = (plan: Plan): Comparable[] =>
  plan.elements.map((e) => ({ id: e.id, cls: e.type, number: e.number, title: e.title?.value, text: e.text?.value, parent: e.parent }));

/** The drafted elements with the parents the plan file gets: the nearest ancestor of a class the schema allows. */
const drafted = (text: string): Comparable[] => {
  const { elements } = draftOutline(text);
  return elements.map((e, i) => {
    const parent = allowedParent(elements, i);
    return { id: String(i), cls: e.cls, number: e.number, title: e.title, text: e.text, parent: parent === undefined ? undefined : String(parent) };
  });
};

/** A text with its expected elements: a curated plan, or a fixture with its expectation file. */
export interface EvalCase {
  readonly file: string;
  readonly text: string;
  readonly gold: readonly Comparable[];
}

/** Scores for each case, and the overall (micro-averaged) scores. */
export const evaluateCases = (cases: readonly EvalCase[]): { plans: PlanScore[]; overall: { elements: Score; links: Score } } => {
  const scores = cases.map((c) => ({ file: c.file, ...scoreDraft(c.gold, drafted(c.text)) }));
  return { plans: scores, overall: { elements: totalScore(scores.map((s) => s.elements)), links: totalScore(scores.map((s) => s.links)) } };
};

/** Scores of the drafts of the curated plans against their plan files. */
export const evaluate = (plans: readonly Plan[]) => evaluateCases(plans.map((p) => ({ file: p.source.file, text: p.source.text, gold: curated(p) })));

const f = (x: number) => x.toFixed(2);
const row = (name: string, s: { elements: Score; links: Score }) =>
  `| ${name} | ${s.elements.gold} | ${s.elements.drafted} | ${s.elements.matched} | ${f(s.elements.precision)} | ${f(s.elements.recall)} | ${f(s.elements.f1)} | ${f(s.links.precision)} | ${f(s.links.recall)} | ${f(s.links.f1)} |`;

/** The scores as a Markdown table. */
export const formatTable = (result: ReturnType<typeof evaluate>): string =>
  [
    '| source | curated | drafted | matched | element P | element R | element F1 | link P | link R | link F1 |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...result.plans.map((p) => row(p.file, p)),
    row('**overall**', result.overall),
  ].join('\n');
