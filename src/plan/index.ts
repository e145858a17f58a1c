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

/**
 * Checks what ties plan files together: an edition replaces a plan of the same municipality and series, its elements
 * continue elements of that plan, and no plan takes an id another plan was published under.
 */
const lineageProblems = (plans: readonly Plan[]): Problem[] => {
  const problems: Problem[] = [];
  const byKey = new Map(plans.map((p) => [`${p.municipality.code}/${p.id}`, p]));
  const former = new Map<string, Plan>();
  // (keys: "<code>/<former id>")
  for (const p of plans) for (const id of p.formerIds) former.set(`${p.municipality.code}/${id}`, p);
  for (const p of plans) {
    const code = p.municipality.code;
    // Every URL under a former id redirects, so no current id may be one, or begin with one.
    for (const [key, owner] of former) {
      const [formerCode, formerId] = key.split('/') as [string, string];
      if (formerCode === code && p.id.startsWith(formerId))
        problems.push({ file: p.file, path: 'plan.id', reason: `plan id "${p.id}" begins with "${formerId}", a former id of ${owner.file}'s plan, whose URLs redirect` });
    }
    const previous = p.replaces === undefined ? undefined : byKey.get(`${code}/${p.replaces}`);
    if (p.replaces !== undefined && !previous)
      problems.push({ file: p.file, path: 'plan.replaces', reason: `no plan "${p.replaces}" of municipality ${code} in data/plans` });
    else if (previous && previous.series.id !== p.series.id)
      problems.push({ file: p.file, path: 'plan.replaces', reason: `"${p.replaces}" is in series "${previous.series.id}", not "${p.series.id}"` });
    const previousIds = new Set(previous?.elements.map((e) => e.id) ?? []);
    for (const e of p.elements) {
      if (e.continues === undefined) continue;
      if (p.replaces === undefined)
        problems.push({ file: p.file, path: `elements[${e.position - 1}].continues`, reason: 'an element can continue one of the replaced edition only: the plan has no "replaces"' });
      else if (previous && !previousIds.has(e.continues))
        problems.push({ file: p.file, path: `elements[${e.position - 1}].continues`, reason: `"${e.continues}" is not an element of ${previous.file}` });
    }
  }
  return problems;
};

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
  problems.push(...lineageProblems(plans));
  if (problems.length > 0 || !scheme) throw new InputError(problems);
  plans.sort((a, b) => (a.municipality.code + a.id < b.municipality.code + b.id ? -1 : 1));
  return { themes: scheme, plans };
};
