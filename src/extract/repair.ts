// Repairs after the walk over the lines: numbers and blocks read apart from their titles paired in order, goals hung off the one vision.
import { RANK, type ElementClass } from './level-words.ts';
import type { DraftElement } from './outline.ts';

/** A level word and number printed with no title (重点政策❻), to be paired with a title read elsewhere. */
export interface Detached {
  /** Number of elements drafted before the number was read: adjacent numbers share it and form a run. */
  readonly at: number;
  readonly style: string;
  readonly cls: ElementClass;
  readonly number: string;
}

/**
 * Numbers printed apart from their titles (a figure's labels 重点政策❻ ❶ ❸ read after the titles): a run of n adjacent
 * numbers gives its numbers, in order, to the last n untitled-number items of their class read before the run.
 */
export const pairDetached = (elements: DraftElement[], detached: readonly Detached[]) => {
  const taken = new Set<number>();
  for (let r = 0; r < detached.length; ) {
    let end = r + 1;
    while (end < detached.length && detached[end]!.style === detached[r]!.style && detached[end]!.at === detached[r]!.at) end++;
    const run = detached.slice(r, end);
    const free = elements.flatMap((e, i) => (i < run[0]!.at && e.cls === run[0]!.cls && e.number === undefined && e.cue === 'layout' && !taken.has(i) ? [i] : []));
    if (free.length >= run.length) {
      free.slice(free.length - run.length).forEach((i, k) => {
        elements[i] = { ...elements[i]!, number: run[k]!.number };
        taken.add(i);
      });
    }
    r = end;
  }
};

/**
 * Columns read one after the other: n items of one label (the titles) followed by n groups of a lower label (their
 * めざす姿), all under the same parent, pair in order: the k-th group hangs off the k-th item.
 */
export const pairBlocks = (elements: DraftElement[], groupOf: ReadonlyMap<number, object>) => {
  for (let i = 0; i < elements.length; ) {
    const first = elements[i]!;
    const frame = groupOf.get(i);
    if (frame === undefined) { i++; continue; }
    let j = i;
    while (j < elements.length && groupOf.get(j) === frame && elements[j]!.cls === first.cls && elements[j]!.title !== undefined && elements[j]!.parent === first.parent) j++;
    const items = j - i;
    const groups: number[][] = [];
    let k = j;
    while (k < elements.length && groupOf.has(k) && elements[k]!.parent === first.parent && RANK[elements[k]!.cls] > RANK[first.cls]) {
      const g = groupOf.get(k);
      const members: number[] = [];
      while (k < elements.length && groupOf.get(k) === g) members.push(k++);
      groups.push(members);
    }
    if (frame !== undefined && items >= 2 && groups.length === items)
      groups.forEach((members, n) => members.forEach((m) => (elements[m]!.parent = i + n)));
    i = Math.max(j, i + 1);
  }
};

/**
 * A plan with one vision (one 基本理念 or 将来像, printed before or after its goals, often in a figure) realizes it
 * through its goals: the goals left under the plan next to that vision (no other top-level element between them,
 * such as the principles or policies of another section) hang off it when nothing else does.
 */
export const adoptByTheVision = (elements: DraftElement[]) => {
  const visions = elements.flatMap((e, i) => (e.cls === 'Vision' && e.parent === undefined ? [i] : []));
  const v = visions[0]!;
  if (visions.length !== 1 || elements.some((e) => e.parent === v)) return;
  const topLevelBetween = (a: number, b: number) =>
    elements.slice(Math.min(a, b) + 1, Math.max(a, b)).some((e) => e.parent === undefined && e.cls !== 'Goal');
  elements.forEach((e, g) => {
    if (e.cls === 'Goal' && e.parent === undefined && !topLevelBetween(g, v)) e.parent = v;
  });
};

