// Checks one draft plan file (from `npm run extract`): the curated checks, with unthemed elements and missing parents as warnings.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { type Problem } from './errors.ts';
import { loadPlan } from './load-plan.ts';
import { loadThemes } from './load-themes.ts';

/**
 * Reads the draft at `file` and its source text, looked for beside it first (`extract --out`) and then in
 * data/sources/. Problems make the draft invalid; warnings are what the curator still has to do.
 */
export const checkDraft = (root: string, file: string): { problems: Problem[]; warnings: Problem[]; elements: number } => {
  const rel = relative(root, file);
  const shown = rel.startsWith('..') || rel === '' ? file : rel;
  if (!existsSync(file)) return { problems: [{ file: shown, reason: 'no such file' }], warnings: [], elements: 0 };
  const { scheme, problems: themeProblems } = loadThemes('data/themes.yaml', readFileSync(join(root, 'data/themes.yaml'), 'utf8'));
  const readSource = (name: string) => {
    for (const dir of [dirname(file), join(root, 'data/sources')]) if (existsSync(join(dir, name))) return readFileSync(join(dir, name));
    return undefined;
  };
  const { plan, problems, warnings } = loadPlan({
    file: shown,
    yamlText: readFileSync(file, 'utf8'),
    readSource,
    themeIds: new Set(scheme?.themes.map((t) => t.id) ?? []),
    draft: true,
  });
  return { problems: [...themeProblems, ...problems], warnings, elements: plan?.elements.length ?? 0 };
};
