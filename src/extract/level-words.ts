// Which element class a plan's own level word names (基本目標 → Goal, 施策 → Measure), by the word's head noun.
import type { PlanElement } from '../plan/index.ts';
import { ALLOWED_PARENTS } from '../plan/load-plan.ts';

export type ElementClass = PlanElement['type'];

/**
 * Head nouns of level words and the class each names, most specific first. A level word is matched by the noun it
 * ends with (まちづくりの基本目標, 総合戦略の基本目標 → 目標), or contains when no ending matches; words that name no
 * class (分野, 章) are still learned as levels of the outline from the document, and get their class from their depth.
 */
const HEADS: readonly (readonly [string, ElementClass])[] = [
  ['横断プロジェクト', 'CrossCuttingProject'],
  ['プロジェクト', 'CrossCuttingProject'],
  ['将来像', 'Vision'],
  ['将来都市像', 'Vision'],
  ['理念', 'Vision'],
  ['ビジョン', 'Vision'],
  ['まちの姿', 'DesiredState'],
  ['ありたい姿', 'DesiredState'],
  ['めざす姿', 'DesiredState'],
  ['目指す姿', 'DesiredState'],
  ['姿勢', 'Principle'],
  ['原則', 'Principle'],
  ['体制づくり', 'Principle'],
  ['視点', 'Perspective'],
  ['指標', 'Indicator'],
  ['成果指標', 'Indicator'],
  // A 数値目標 is a target figure: it heads an indicator table, not a goal.
  ['数値目標', 'Indicator'],
  ['目標', 'Goal'],
  ['政策', 'Policy'],
  ['方針', 'Policy'],
  ['方向', 'Policy'],
  ['施策', 'Measure'],
  // 主な取組 / 具体的な取り組み list how an element is pursued: the schema's class for an element's approaches.
  ['取組', 'Perspective'],
  ['取組み', 'Perspective'],
  ['取り組み', 'Perspective'],
];

/** The class a level word names, or undefined when its head noun names none. */
export const classOfLevelWord = (word: string, endingOnly = false): ElementClass | undefined => {
  const w = word.replace(/\s+/g, '');
  for (const [head, cls] of HEADS) if (w.endsWith(head)) return cls;
  if (endingOnly) return undefined;
  for (const [head, cls] of HEADS) if (w.includes(head)) return cls;
  return undefined;
};

/** The class one level below a parent of class `parent`, for levels the document names with no known word. */
export const childClass = (parent: ElementClass | undefined): ElementClass => {
  switch (parent) {
    case undefined:
      return 'Goal';
    case 'Vision':
      return 'Goal';
    case 'Goal':
      return 'Policy';
    case 'Policy':
      return 'Measure';
    // Numbered items straight under a 施策 (①② with no 主な取組 label) are its approaches, not measures (DRAFT_PARENTS).
    case 'Measure':
      return 'Perspective';
    default:
      return 'Measure';
  }
};

/** The class one level above a child of class `child`: a heading over a table whose top column is `child`. */
export const parentClass = (child: ElementClass): ElementClass => {
  switch (child) {
    case 'Measure':
      return 'Policy';
    case 'Policy':
      return 'Goal';
    default:
      return 'Vision';
  }
};

/** Depth of each class in a plan's outline: a heading closes the open elements of its depth or deeper. */
export const RANK: Readonly<Record<ElementClass, number>> = {
  Vision: 0, Principle: 0, CrossCuttingProject: 0, Goal: 1, Policy: 2, Measure: 3, DesiredState: 4, Perspective: 4, Indicator: 4,
};

/**
 * The parents the extractor drafts: the plan file's (ALLOWED_PARENTS), except that it never puts a measure under a
 * measure. A plan file may divide a 施策 into measures (基本事業, 単位施策), but the extractor cannot tell a 施策 printed
 * inside another from the next one, nor a 主な取組 that is a measure from one that is an approach: it drafts measures
 * side by side and approaches as Perspectives, and the curator nests what the plan nests.
 */
export const DRAFT_PARENTS: Readonly<Record<ElementClass, readonly (ElementClass | 'plan')[]>> = {
  ...ALLOWED_PARENTS,
  Measure: ALLOWED_PARENTS.Measure.filter((c) => c !== 'Measure'),
};
