// Turns one curated plan file and its source text into the typed plan model, or into located problems.
import { createHash } from 'node:crypto';
import type { ElementClass } from './model.ts';
import { isSyntheticLocalGovernmentCode, isValidLocalGovernmentCode, yearLabels, type YearLabel } from './codes.ts';
import type { Problem } from './errors.ts';
import { SourceIndex } from './locate.ts';
import { printedValueProblem } from './printed.ts';
import type { IndicatorValue, Located, Period, Plan, PlanElement, SourceText } from './model.ts';
import { draftPlanFileSchema, planFileSchema, type ElementEntry, type IndicatorValueEntry, type PeriodEntry } from './schema.ts';
import { formatPath, readYaml, zodProblems } from './yaml-file.ts';

/** The id prefix each element class must use, so IRIs read as what they name. */
export const ID_KIND: Readonly<Record<ElementClass, string>> = {
  Vision: 'vision',
  Goal: 'goal',
  Policy: 'policy',
  Measure: 'measure',
  DesiredState: 'desired-state',
  Perspective: 'perspective',
  Principle: 'principle',
  CrossCuttingProject: 'project',
  Indicator: 'indicator',
};

/** Which classes may be the parent of each class ('plan' = hangs directly off the plan). */
export const ALLOWED_PARENTS: Readonly<Record<ElementClass, readonly (ElementClass | 'plan')[]>> = {
  Vision: ['plan', 'Vision'],
  Goal: ['plan', 'Vision', 'Goal'],
  Policy: ['plan', 'Vision', 'Goal', 'Policy'],
  Measure: ['Goal', 'Policy'],
  DesiredState: ['Vision', 'Goal', 'Policy', 'Measure'],
  Perspective: ['Goal', 'Policy', 'Measure'],
  Principle: ['plan', 'Vision', 'Principle'],
  CrossCuttingProject: ['plan', 'Vision'],
  Indicator: ['Goal', 'Policy', 'Measure'],
};

/** The catalogue of the source texts, copied byte for byte with them. */
export const SEEDS_README = 'SEEDS-README.md';

export interface PlanInput {
  /** Plan file path as shown in messages (relative to the project root). */
  readonly file: string;
  readonly yamlText: string;
  /** Reads a source text by its file name; undefined when there is no such file. */
  readonly readSource: (name: string) => Buffer | undefined;
  readonly themeIds: ReadonlySet<string>;
  /** A draft from the extractor: unthemed elements and missing parents are warnings, not problems. */
  readonly draft?: boolean;
  /** A synthetic build (SYNTHETIC=true) takes synthetic plans only; a real build never takes one. */
  readonly synthetic?: boolean;
  /** The folder of the source texts as messages name it; default data/sources (a synthetic build: synth/sources). */
  readonly sourcesDir?: string;
}

export const loadPlan = (input: PlanInput): { plan?: Plan; problems: Problem[]; warnings: Problem[] } => {
  const { yaml, problems } = readYaml(input.file, input.yamlText);
  if (!yaml) return { problems, warnings: [] };
  const parsed = (input.draft ? draftPlanFileSchema : planFileSchema).safeParse(yaml.value);
  if (!parsed.success) return { problems: zodProblems(yaml, parsed.error), warnings: [] };
  const data = parsed.data;
  const out: Problem[] = [];
  const warnings: Problem[] = [];
  const fail = (path: (string | number)[], reason: string) =>
    out.push({ file: input.file, ...yaml.place(path), path: formatPath(path), reason });
  const warn = (path: (string | number)[], reason: string) =>
    warnings.push({ file: input.file, ...yaml.place(path), path: formatPath(path), reason });

  const code = data.municipality.code;
  if (input.synthetic) {
    if (data.synthetic !== true) fail([], 'a synthetic build takes synthetic plans only (synthetic: true), never a real one');
    if (!isSyntheticLocalGovernmentCode(code)) fail(['municipality', 'code'], `${code} is not a synthetic code (9xxxxx with its check digit)`);
  } else {
    if (data.synthetic === true) fail(['synthetic'], 'a synthetic plan (npm run synth) is never part of the real build; build it with SYNTHETIC=true');
    const prefecture = Number(code.slice(0, 2));
    if (prefecture < 1 || prefecture > 47)
      fail(['municipality', 'code'], `${code} is not a valid local government code (no prefecture ${code.slice(0, 2)}; synthetic codes 9xxxxx only with SYNTHETIC=true)`);
    else if (!isValidLocalGovernmentCode(code)) fail(['municipality', 'code'], `${code} is not a valid local government code (check digit)`);
  }
  const sourceFile = data.source.file;
  if (!sourceFile.startsWith(code)) fail(['source', 'file'], `source file ${sourceFile} does not belong to municipality ${code}`);
  const sourcePath = `${input.sourcesDir ?? 'data/sources'}/${sourceFile}`;
  const bytes = input.readSource(sourceFile);
  if (!bytes) {
    fail(['source', 'file'], `source file ${sourcePath} does not exist`);
    return { problems: out, warnings };
  }
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  const source: SourceText = {
    file: sourceFile,
    text,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    byteLength: bytes.length,
  };
  const index = new SourceIndex(text);

  const locate = (path: (string | number)[], value: string, occurrence = 1, after = 0): Located => {
    const quote = index.locate(value, occurrence, after) ?? (after > 0 ? index.locate(value, occurrence) : undefined);
    if (!quote) {
      const count = index.count(value);
      fail(path, count > 0 && occurrence > count
        ? `text occurs ${count} time(s) in ${sourcePath}, not ${occurrence}: "${value}"`
        : `text not found in ${sourcePath}: "${value}"`);
      return { value, quote: { exact: '', start: 0, end: 0, prefix: '', suffix: '' } };
    }
    return { value, quote };
  };
  const optional = (path: (string | number)[], value: string | undefined, occurrence?: number) =>
    value === undefined ? undefined : locate(path, value, occurrence);

  /** An era year and a Western year printed together must be the same year: 令和4(2022)年度. */
  const conflicting = (path: (string | number)[], l: YearLabel) => {
    if (l.conflict) fail(path, `${l.text} names two different years: ${l.conflict.era} is ${l.conflict.eraYear}, not ${l.conflict.western}`);
  };

  const period = (path: (string | number)[], p: PeriodEntry | undefined): Period | undefined => {
    if (!p) return undefined;
    if (p.toFiscalYear < p.fromFiscalYear) fail(path, 'toFiscalYear is before fromFiscalYear');
    // The first and the last year the text names are the period's: 令和4(2022)年度から令和13(2031)年度まで.
    const labels = yearLabels(p.text);
    labels.forEach((l) => conflicting([...path, 'text'], l));
    const years = labels.map((l) => l.fiscalYear);
    if (years.length >= 2 && (years[0] !== p.fromFiscalYear || years[years.length - 1] !== p.toFiscalYear))
      fail([...path, 'text'], `the text names fiscal years ${years.join('–')}, not ${p.fromFiscalYear}–${p.toFiscalYear}`);
    return { fromFiscalYear: p.fromFiscalYear, toFiscalYear: p.toFiscalYear, text: locate([...path, 'text'], p.text) };
  };

  // A value is quoted from the first place after its indicator's title, and its fiscal year from the first
  // place after the parent's text (the table header), so that repeats elsewhere in the source are not taken.
  const indicatorValue = (
    path: (string | number)[],
    v: IndicatorValueEntry | undefined,
    near: { value: number; year: number },
  ): IndicatorValue | undefined => {
    if (!v) return undefined;
    // A label in none of the forms yearLabels reads is not checked.
    const [label] = yearLabels(v.fiscalYearLabel);
    if (label?.conflict) conflicting([...path, 'fiscalYearLabel'], label);
    else if (label && label.fiscalYear !== v.fiscalYear)
      fail(
        [...path, 'fiscalYear'],
        `${v.fiscalYearLabel} is fiscal year ${label.fiscalYear}, not ${v.fiscalYear}` +
          (label.fiscalYear !== label.year ? ` (a date in January–March belongs to the fiscal year that began the April before)` : ''),
      );
    // The value is one of the numbers printed, read whole (３，２００人 is 3200, △1.2％ is -1.2, 43.7% is not 3.7).
    const mismatch = printedValueProblem(v.value, v.printed);
    if (mismatch) fail([...path, 'value'], mismatch);
    return {
      value: v.value,
      printed: locate([...path, 'printed'], v.printed, 1, near.value),
      fiscalYear: v.fiscalYear,
      fiscalYearLabel: locate([...path, 'fiscalYearLabel'], v.fiscalYearLabel, 1, near.year),
    };
  };

  const ids = new Map<string, { index: number; type: ElementClass }>();
  data.elements.forEach((e, i) => {
    if (ids.has(e.id)) fail(['elements', i, 'id'], `duplicate id "${e.id}" (first used by elements[${ids.get(e.id)!.index}])`);
    else ids.set(e.id, { index: i, type: e.type });
  });

  const element = (e: ElementEntry, i: number): PlanElement => {
    const at = (...rest: (string | number)[]) => ['elements', i, ...rest];
    const kind = e.id.split('/')[0];
    if (kind !== ID_KIND[e.type]) fail(at('id'), `a ${e.type} id starts with "${ID_KIND[e.type]}/", not "${kind}/"`);
    if (e.title === undefined && e.text === undefined) fail(at(), 'an element needs a title or a text');
    const parentType = e.parent === undefined ? 'plan' : ids.get(e.parent)?.type;
    if (e.parent !== undefined && parentType === undefined) fail(at('parent'), `parent "${e.parent}" is not an element of this plan`);
    else if (parentType === 'plan' && input.draft && !ALLOWED_PARENTS[e.type].includes('plan'))
      warn(at(), `missing parent: a ${e.type} sits under a ${ALLOWED_PARENTS[e.type].join(' or ')}`);
    else if (parentType && !ALLOWED_PARENTS[e.type].includes(parentType))
      fail(at('parent'), `a ${e.type} cannot sit under ${parentType === 'plan' ? 'the plan itself' : `a ${parentType}`} (allowed: ${ALLOWED_PARENTS[e.type].join(', ')})`);
    const themes = e.themes ?? [];
    if (themes.length === 0) warn(at(), 'no themes yet');
    themes.forEach((t, k) => {
      if (!input.themeIds.has(t)) fail(at('themes', k), `unknown theme "${t}" (see data/themes.yaml)`);
    });
    const isIndicator = e.type === 'Indicator';
    // A draft's indicator whose values were printed with no fiscal year has no typed baseline: the curator adds it.
    if (isIndicator && (e.unit === undefined || e.baseline === undefined))
      (input.draft ? warn : fail)(at(), 'an Indicator needs a unit and a baseline');
    if (!isIndicator && (e.unit ?? e.qudtUnit ?? e.definition ?? e.dataSource ?? e.direction ?? e.baseline ?? e.target) !== undefined)
      fail(at(), 'unit, qudtUnit, definition, dataSource, direction, baseline and target belong to Indicators only');
    if (e.qudtUnit !== undefined && e.unit === undefined) fail(at('qudtUnit'), 'qudtUnit needs the unit as printed (unit)');
    const text = optional(at('text'), e.text, e.occurrence);
    // A heading is quoted where it stands over its text: the last occurrence before the text.
    const heading = e.title !== undefined && text && e.occurrence === undefined ? index.locateLastBefore(e.title, text.quote.start) : undefined;
    const title = heading ? { value: e.title!, quote: heading } : optional(at('title'), e.title, e.occurrence);
    const parent = e.parent === undefined ? undefined : located.get(e.parent);
    const parentStart = parent ? (parent.text ?? parent.title)?.quote.start ?? 0 : 0;
    const near = { value: (title ?? text)?.quote.start ?? 0, year: parentStart };
    // An indicator's definition, data source and direction are quoted from the first place after its parent's text.
    const nearParent = (path: (string | number)[], value: string | undefined) =>
      value === undefined ? undefined : locate(path, value, 1, parentStart);
    const result: PlanElement = {
      id: e.id,
      type: e.type,
      level: e.level,
      number: e.number,
      field: optional(at('field'), e.field),
      title,
      subtitle: optional(at('subtitle'), e.subtitle),
      text,
      parent: e.parent,
      themes,
      continues: e.continues,
      position: i + 1,
      unit: e.unit,
      qudtUnit: e.qudtUnit,
      definition: nearParent(at('definition'), e.definition),
      dataSource: nearParent(at('dataSource'), e.dataSource),
      direction: e.direction && { value: e.direction.value, text: nearParent(at('direction', 'text'), e.direction.text)! },
      baseline: indicatorValue(at('baseline'), e.baseline, near),
      target: indicatorValue(at('target'), e.target, near),
    };
    located.set(e.id, result);
    return result;
  };
  const located = new Map<string, PlanElement>();
  const elements = data.elements.map(element);

  // A parent chain must end at the plan: no cycles.
  elements.forEach((e, i) => {
    const seen = new Set<string>([e.id]);
    for (let p = e.parent; p !== undefined; p = elements[ids.get(p)?.index ?? -1]?.parent) {
      if (seen.has(p)) {
        fail(['elements', i, 'parent'], `parent chain of "${e.id}" loops through "${p}"`);
        break;
      }
      seen.add(p);
    }
  });

  // The source extracts do not always print the plan's (or the published document's) name; the seeds README that
  // catalogues them does.
  const locateTitle = (path: (string | number)[], title: string): Located => {
    if (index.count(title) > 0) return locate(path, title);
    const readme = input.readSource(SEEDS_README);
    const readmeText = readme && new TextDecoder('utf-8', { fatal: true }).decode(readme);
    const quote = readmeText === undefined ? undefined : new SourceIndex(readmeText).locate(title);
    if (!quote || !readme) return locate(path, title);
    const document: SourceText = {
      file: SEEDS_README,
      text: readmeText!,
      sha256: createHash('sha256').update(readme).digest('hex'),
      byteLength: readme.length,
    };
    return { value: title, quote, document };
  };

  // The edition key begins the plan id, so that the next edition of the same series gets IRIs of its own.
  const ed = data.plan.edition;
  const editionKey = ed.number !== undefined ? `dai${ed.number}ji` : String(ed.firstFiscalYear);
  if (!data.plan.id.startsWith(`${editionKey}-`))
    fail(['plan', 'id'], `a plan id begins with its edition key "${editionKey}-" (from edition.${ed.number !== undefined ? 'number' : 'firstFiscalYear'}), not "${data.plan.id}"`);
  if (ed.firstFiscalYear !== undefined && data.plan.period && data.plan.period.fromFiscalYear !== ed.firstFiscalYear)
    fail(['plan', 'edition', 'firstFiscalYear'], `the period begins in fiscal year ${data.plan.period.fromFiscalYear}, not ${ed.firstFiscalYear}`);
  const ver = data.plan.version;
  // The date must fall in the year the text prints: its calendar year, or for a 年度 its fiscal year (April–March).
  const [printed] = ver.text === undefined ? [] : yearLabels(ver.text);
  if (printed?.conflict) conflicting(['plan', 'version', 'text'], printed);
  else if (ver.date !== undefined && printed) {
    const [year, month] = ver.date.split('-').map(Number) as [number, number];
    if (printed.fiscal && (month >= 4 ? year : year - 1) !== printed.fiscalYear)
      fail(['plan', 'version', 'date'], `"${ver.text}" is fiscal year ${printed.fiscalYear} (April ${printed.fiscalYear} – March ${printed.fiscalYear + 1}), which ${ver.date} is not in`);
    else if (!printed.fiscal && printed.year !== year) fail(['plan', 'version', 'date'], `"${ver.text}" is in ${printed.year}, not ${year}`);
  }
  (data.plan.formerIds ?? []).forEach((former, k) => {
    if (former === data.plan.id) fail(['plan', 'formerIds', k], `former id "${former}" is the plan's own id`);
  });

  const plan: Plan = {
    file: input.file,
    municipality: { code, areaCode: code.slice(0, 5), name: data.municipality.name },
    source,
    series: data.series,
    id: data.plan.id,
    formerIds: data.plan.formerIds ?? [],
    edition: {
      key: editionKey,
      number: ed.number,
      firstFiscalYear: ed.firstFiscalYear,
      text: optional(['plan', 'edition', 'text'], ed.text),
      evidence: ed.evidence,
    },
    version: { status: ver.status, date: ver.date, text: optional(['plan', 'version', 'text'], ver.text), evidence: ver.evidence },
    replaces: data.plan.replaces,
    coverage: data.source.coverage,
    document: data.source.documentTitle === undefined ? {} : { title: locateTitle(['source', 'documentTitle'], data.source.documentTitle) },
    title: locateTitle(['plan', 'title'], data.plan.title),
    titleEn: data.plan.titleEn,
    text: optional(['plan', 'text'], data.plan.text),
    period: period(['plan', 'period'], data.plan.period),
    parts: (data.plan.parts ?? []).map((part, k) => ({
      id: part.id,
      title: locate(['plan', 'parts', k, 'title'], part.title),
      titleEn: part.titleEn,
      text: optional(['plan', 'parts', k, 'text'], part.text),
      period: period(['plan', 'parts', k, 'period'], part.period),
    })),
    elements,
  };
  return out.length > 0 ? { problems: out, warnings } : { plan, problems: [], warnings };
};
