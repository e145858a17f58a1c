// `npm run extract:eval`: drafts each curated plan from its source text and scores the draft against the plan file.
import type { Plan } from '../plan/index.ts';
import { draftOutline } from './outline.ts';
import { scoreDraft, totalScore, type Comparable, type Score } from './score.ts';

export interface PlanScore {
  readonly file: string;
  readonly elements: Score;
  readonly links: Score;
}

const curated = (plan: Plan): Comparable[] =>
  plan.elements.map((e) => ({ id: e.id, cls: e.type, number: e.number, title: e.title?.value, text: e.text?.value, parent: e.parent }));

const drafted = (text: string): Comparable[] => {
  const { elements } = draftOutline(text);
  return elements.map((e, i) => ({ id: String(i), cls: e.cls, number: e.number, title: e.title, text: e.text, parent: e.parent === undefined ? undefined : String(e.parent) }));
};

/** Scores for each plan, and the overall (micro-averaged) scores. */
export const evaluate = (plans: readonly Plan[]): { plans: PlanScore[]; overall: { elements: Score; links: Score } } => {
  const scores = plans.map((p) => ({ file: p.source.file, ...scoreDraft(curated(p), drafted(p.source.text)) }));
  return { plans: scores, overall: { elements: totalScore(scores.map((s) => s.elements)), links: totalScore(scores.map((s) => s.links)) } };
};

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
