// Entry point of the plan layer: reads data/themes.yaml and every data/plans/*.yaml into the typed model.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type Problem } from './errors.ts';
import { loadPlan } from './load-plan.ts';
import { loadThemes } from './load-themes.ts';
import type { Plan, ThemeScheme } from './model.ts';
import { checkSourceSums } from './source-sums.ts';

export * from './model.ts';
export { InputError, type Problem } from './errors.ts';
export { SourceIndex, type Quote } from './locate.ts';
export { loadPlan } from './load-plan.ts';
export { checkSourceSums, SHA256SUMS } from './source-sums.ts';

/** Where a build's plan files and source texts are, relative to the root (or absolute), and whether it is synthetic. */
export interface InputLayout {
  readonly plansDir: string;
  readonly sourcesDir: string;
  readonly synthetic: boolean;
}
export const REAL_LAYOUT: InputLayout = { plansDir: 'data/plans', sourcesDir: 'data/sources', synthetic: false };
export const THEMES_FILE = 'data/themes.yaml';

/** What the checks across plan files need of a plan: small enough to keep for every plan of the country. */
export interface PlanSummary {
  readonly file: string;
  readonly municipality: { readonly code: string; readonly name: { readonly ja: string; readonly en: string } };
  readonly id: string;
  readonly series: { readonly id: string };
  readonly formerIds: readonly string[];
  readonly replaces?: string;
  readonly elements: readonly { readonly id: string; readonly position: number; readonly continues?: string }[];
}

export const summarizePlan = (p: Plan): PlanSummary => ({
  file: p.file,
  municipality: { code: p.municipality.code, name: { ja: p.municipality.name.ja, en: p.municipality.name.en } },
  id: p.id,
  series: { id: p.series.id },
  formerIds: p.formerIds,
  ...(p.replaces === undefined ? {} : { replaces: p.replaces }),
  elements: p.elements.map((e) => ({ id: e.id, position: e.position, ...(e.continues === undefined ? {} : { continues: e.continues }) })),
});

export interface Inputs {
  readonly themes: ThemeScheme;
  /** Sorted by municipality code, then plan id. */
  readonly plans: readonly Plan[];
}

/**
 * Checks what ties plan files together: an edition replaces a plan of the same municipality and series, its elements
 * continue elements of that plan, and no plan takes an id another plan was published under.
 */
const lineageProblems = (plans: readonly PlanSummary[]): Problem[] => {
  const problems: Problem[] = [];
  const byKey = new Map(plans.map((p) => [`${p.municipality.code}/${p.id}`, p]));
  const former = new Map<string, PlanSummary>();
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

/**
 * What ties plan files together, checked over their summaries: one file per plan, one name per municipality (its
 * node is shared by the graphs of its plans), and the lineage of editions.
 */
export const crossPlanProblems = (plans: readonly PlanSummary[]): Problem[] => {
  const problems: Problem[] = [];
  const keys = new Map<string, string>();
  const names = new Map<string, PlanSummary>();
  for (const p of plans) {
    const key = `${p.municipality.code}/${p.id}`;
    if (keys.has(key)) problems.push({ file: p.file, reason: `plan ${key} is also defined in ${keys.get(key)}` });
    keys.set(key, p.file);
    const first = names.get(p.municipality.code);
    if (first && (first.municipality.name.ja !== p.municipality.name.ja || first.municipality.name.en !== p.municipality.name.en))
      problems.push({ file: p.file, path: 'municipality.name', reason: `municipality ${p.municipality.code} is named differently in ${first.file}` });
    else if (!first) names.set(p.municipality.code, p);
  }
  problems.push(...lineageProblems(plans));
  return problems;
};

/** The plan files (*.yaml) of a layout, as paths relative to the root where the layout's folder is, sorted. */
export const listPlanFiles = (root: string, layout: InputLayout): string[] =>
  readdirSync(join(root, layout.plansDir))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((name) => join(layout.plansDir, name));

/** Loads and checks every input under `root`; throws InputError listing every problem. */
export const loadInputs = (root: string, layout: InputLayout = REAL_LAYOUT): Inputs => {
  const problems: Problem[] = [];
  const { scheme, problems: themeProblems } = loadThemes(THEMES_FILE, readFileSync(join(root, THEMES_FILE), 'utf8'));
  problems.push(...themeProblems);
  const themeIds = new Set(scheme?.themes.map((t) => t.id) ?? []);
  const readSource = (name: string) => {
    const path = join(root, layout.sourcesDir, name);
    return existsSync(path) ? readFileSync(path) : undefined;
  };
  // A real build's source texts must be the bytes SHA256SUMS records; a synthetic build's are generated, and have none.
  if (!layout.synthetic) problems.push(...checkSourceSums(root, layout.sourcesDir));
  const plans: Plan[] = [];
  const files = listPlanFiles(root, layout);
  if (files.length === 0) problems.push({ file: layout.plansDir, reason: 'no plan files (*.yaml)' });
  for (const file of files) {
    const { plan, problems: planProblems } = loadPlan({ file, yamlText: readFileSync(join(root, file), 'utf8'), readSource, themeIds, synthetic: layout.synthetic, sourcesDir: layout.sourcesDir });
    problems.push(...planProblems);
    if (plan) plans.push(plan);
  }
  problems.push(...crossPlanProblems(plans.map(summarizePlan)));
  if (problems.length > 0 || !scheme) throw new InputError(problems);
  plans.sort((a, b) => (a.municipality.code + a.id < b.municipality.code + b.id ? -1 : 1));
  return { themes: scheme, plans };
};
