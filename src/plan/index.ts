// Entry point of the plan layer: reads data/themes.yaml and every data/plans/*.yaml into the typed model.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type Problem } from './errors.ts';
import { loadPlan } from './load-plan.ts';
import { loadThemes } from './load-themes.ts';
import type { Plan, ThemeScheme } from './model.ts';

export * from './model.ts';
export { InputError, type Problem } from './errors.ts';
export { SourceIndex, type Quote } from './locate.ts';
export { loadPlan } from './load-plan.ts';

export interface Inputs {
  readonly themes: ThemeScheme;
  /** Sorted by municipality code, then plan id. */
  readonly plans: readonly Plan[];
}

/** Loads and checks every input under `root`; throws InputError listing every problem. */
export const loadInputs = (root: string): Inputs => {
  const problems: Problem[] = [];
  const themesFile = 'data/themes.yaml';
  const { scheme, problems: themeProblems } = loadThemes(themesFile, readFileSync(join(root, themesFile), 'utf8'));
  problems.push(...themeProblems);
  const themeIds = new Set(scheme?.themes.map((t) => t.id) ?? []);
  const readSource = (name: string) => {
    const path = join(root, 'data/sources', name);
    return existsSync(path) ? readFileSync(path) : undefined;
  };
  const plans: Plan[] = [];
  const files = readdirSync(join(root, 'data/plans')).filter((f) => f.endsWith('.yaml')).sort();
  if (files.length === 0) problems.push({ file: 'data/plans', reason: 'no plan files (*.yaml)' });
  for (const name of files) {
    const file = `data/plans/${name}`;
    const { plan, problems: planProblems } = loadPlan({ file, yamlText: readFileSync(join(root, file), 'utf8'), readSource, themeIds });
    problems.push(...planProblems);
    if (plan) plans.push(plan);
  }
  const keys = new Map<string, string>();
  for (const p of plans) {
    const key = `${p.municipality.code}/${p.id}`;
    if (keys.has(key)) problems.push({ file: p.file, reason: `plan ${key} is also defined in ${keys.get(key)}` });
    keys.set(key, p.file);
  }
  if (problems.length > 0 || !scheme) throw new InputError(problems);
  plans.sort((a, b) => (a.municipality.code + a.id < b.municipality.code + b.id ? -1 : 1));
  return { themes: scheme, plans };
};
