// Turns one curated plan file and its source text into the typed plan model, or into located problems.
import { createHash } from 'node:crypto';
import type { ElementClass } from './model.ts';
import { editionNumber, isSyntheticLocalGovernmentCode, isValidLocalGovernmentCode, yearLabels, type YearLabel } from './codes.ts';
import type { Problem } from './errors.ts';
import { SourceIndex } from './locate.ts';
import { printedValueProblem } from './printed.ts';
import { qudtUnitProblem } from './qudt-units.ts';
import { decodeSource } from './source-text.ts';
import type { IndicatorValue, Located, Period, Plan, PlanElement, SourceText } from './model.ts';
import { draftPlanFileSchema, planFileSchema, type ElementEntry, type IndicatorValueEntry, type PeriodEntry } from './schema.ts';
import type { ZodError } from 'zod';
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
  // A measure may be divided into measures: 施策 → 基本事業, 主な取組, 単位施策.
  Measure: ['Goal', 'Policy', 'Measure'],
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

/** The file's value parsed again with the unknown fields `error` names left out; undefined if it still does not parse. */
const withoutUnknownFields = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, value: unknown, error: ZodError): T | undefined => {
  const copy = structuredClone(value);
  for (const issue of error.issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const holder = issue.path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], copy) as Record<string, unknown> | undefined;
    for (const key of issue.keys) if (holder) delete holder[key];
  }
  const again = schema.safeParse(copy);
  return again.success ? again.data : undefined;
};

/** "a Goal", "an Indicator". */
const a = (word: string): string => `${/^[AEIOU]/u.test(word) ? 'an' : 'a'} ${word}`;
/** "Goal", "Goal or Policy", "Goal, Policy or Measure". */
const either = (words: readonly string[]): string => (words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`);

export const loadPlan = (input: PlanInput): { plan?: Plan; problems: Problem[]; warnings: Problem[] } => {
  const { yaml, problems } = readYaml(input.file, input.yamlText);
  if (!yaml) return { problems, warnings: [] };
  const schema = input.draft ? draftPlanFileSchema : planFileSchema;
  const parsed = schema.safeParse(yaml.value);
  const schemaProblems = parsed.success ? [] : zodProblems(yaml, parsed.error);
  // Unknown fields alone do not hide the other problems: the file is checked again without them, and every problem
  // of both is reported. Any other schema error stops the checks there (what follows relies on the schema's types).
  const data = parsed.success ? parsed.data : parsed.error.issues.every((i) => i.code === 'unrecognized_keys') ? withoutUnknownFields(schema, yaml.value, parsed.error) : undefined;
  if (!data) return { problems: schemaProblems, warnings: [] };
  const out: Problem[] = [...schemaProblems];
  const warnings: Problem[] = [];
  // Where problems go: `out`, except while an element's indicator values are checked (their problems are put back in
  // the element's place afterwards).
  let sink = out;
  const fail = (path: (string | number)[], reason: string) =>
    sink.push({ file: input.file, ...yaml.place(path), path: formatPath(path), reason });
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
  const decoded = decodeSource(bytes, sourcePath);
  if (!('text' in decoded)) {
    out.push({ file: sourcePath, line: decoded.line, column: decoded.column, reason: decoded.reason });
    return { problems: out, warnings };
  }
  const text = decoded.text;
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

  /**
   * The first place of `value` in the first of `windows` that holds it (`last`: the last place in it), where a window is
   * [from, to) in code points of the source; failing every one, the first place anywhere (or the problem that it is not
   * in the source).
   */
  const locateIn = (path: (string | number)[], value: string, windows: readonly { from: number; to: number; last?: boolean }[]): Located => {
    for (const w of windows) {
      if (w.to <= w.from) continue;
      const quote = w.last ? index.locateLastBefore(value, w.to, w.from) : index.locate(value, 1, w.from);
      if (quote && quote.start < w.to) return { value, quote };
    }
    return locate(path, value);
  };

  /**
   * The year a value refers to, as its entry gives it: a fiscal year (fiscalYear, fiscalYearLabel) or a calendar year
   * (year, yearLabel). The schema lets through one of the two only.
   */
  const yearOf = (v: IndicatorValueEntry) =>
    v.year !== undefined
      ? { calendar: true, year: v.year, label: v.yearLabel!, yearKey: 'year', labelKey: 'yearLabel' }
      : { calendar: false, year: v.fiscalYear!, label: v.fiscalYearLabel!, yearKey: 'fiscalYear', labelKey: 'fiscalYearLabel' };

  /**
   * Checks an indicator value against its year label and its printed text. A calendar year (令和2年) is no fiscal year
   * (年度, April–March) and a fiscal year no calendar year: each must be given as what it is. A date names both its
   * calendar year and the fiscal year it falls in, and may be given as either.
   */
  const checkValue = (path: (string | number)[], v: IndicatorValueEntry): void => {
    const { calendar, year, label: text, yearKey, labelKey } = yearOf(v);
    // A label in none of the forms yearLabels reads is not checked.
    const [label] = yearLabels(text);
    if (label?.conflict) conflicting([...path, labelKey], label);
    else if (label && calendar && label.fiscal)
      fail([...path, 'year'], `${text} is a fiscal year (年度), not a calendar year: give fiscalYear: ${label.fiscalYear} and fiscalYearLabel, not year and yearLabel`);
    else if (label && calendar && label.year !== year) fail([...path, 'year'], `${text} is in ${label.year}, not ${year}`);
    else if (label && !calendar && label.calendar)
      fail([...path, 'fiscalYear'], `${text} is a calendar year (年), not a fiscal year (年度): give year: ${label.year} and yearLabel, not fiscalYear and fiscalYearLabel`);
    else if (label && !calendar && label.fiscalYear !== year)
      fail(
        [...path, yearKey],
        `${text} is fiscal year ${label.fiscalYear}, not ${year}` +
          (label.fiscalYear !== label.year ? ` (a date in January–March belongs to the fiscal year that began the April before)` : ''),
      );
    // The value is one of the numbers printed, read whole (３，２００人 is 3200, △1.2％ is -1.2, 43.7% is not 3.7).
    const mismatch = printedValueProblem(v.value, v.printed);
    if (mismatch) fail([...path, 'value'], mismatch);
  };

  /**
   * An indicator's values, quoted at their own places in its row (from its title to where the next element's quotes
   * begin), so that a row printing 0人 → 0人, or the same year as the row above, quotes its own cells: the baseline is
   * the first place of its printed text in the row, the target the first place after the baseline in the row. A
   * year label (fiscal or calendar) is quoted after its value in the row (for the baseline's, before the target's value:
   * 0人（2021年4月1日） 0人（2031年度）); failing that, at the last place before its value since the parent's text (a
   * table header: 現状値 (令和元年度)); failing that, at the first place after the parent's text.
   */
  const indicatorValues = (
    at: (...rest: (string | number)[]) => (string | number)[],
    e: ElementEntry,
    row: { start: number; end: number; parentStart: number },
  ): { baseline?: IndicatorValue; target?: IndicatorValue } => {
    const found = (l: Located | undefined): l is Located => l !== undefined && l.quote.exact !== '';
    const printedAt = (key: 'baseline' | 'target', after: Located | undefined): Located | undefined => {
      const v = e[key];
      if (!v) return undefined;
      checkValue(at(key), v);
      const afterPrevious = found(after) ? [{ from: after.quote.end, to: row.end }] : [];
      return locateIn(at(key, 'printed'), v.printed, [...afterPrevious, { from: row.start, to: row.end }, { from: row.start, to: Infinity }]);
    };
    const basePrinted = printedAt('baseline', undefined);
    const targetPrinted = printedAt('target', basePrinted);
    const value = (key: 'baseline' | 'target', printed: Located | undefined, labelEnd: number): IndicatorValue | undefined => {
      const v = e[key];
      if (!v || !printed) return undefined;
      const { calendar, year, label, labelKey } = yearOf(v);
      const located = locateIn(at(key, labelKey), label, [
        ...(found(printed) ? [{ from: printed.quote.end, to: labelEnd }, { from: row.parentStart, to: printed.quote.start, last: true }] : []),
        { from: row.parentStart, to: Infinity },
      ]);
      return calendar ? { value: v.value, printed, year, yearLabel: located } : { value: v.value, printed, fiscalYear: year, fiscalYearLabel: located };
    };
    const targetFollows = found(basePrinted) && found(targetPrinted) && targetPrinted.quote.start >= basePrinted.quote.end;
    const baseline = value('baseline', basePrinted, targetFollows ? Math.min(row.end, targetPrinted.quote.start) : row.end);
    const target = value('target', targetPrinted, row.end);
    return { ...(baseline ? { baseline } : {}), ...(target ? { target } : {}) };
  };

  const ids = new Map<string, { index: number; type: ElementClass }>();
  data.elements.forEach((e, i) => {
    if (ids.has(e.id)) fail(['elements', i, 'id'], `duplicate id "${e.id}" (first used by elements[${ids.get(e.id)!.index}])`);
    else ids.set(e.id, { index: i, type: e.type });
  });

  const element = (e: ElementEntry, i: number): PlanElement => {
    const at = (...rest: (string | number)[]) => ['elements', i, ...rest];
    const kind = e.id.split('/')[0];
    if (kind !== ID_KIND[e.type]) fail(at('id'), `${a(e.type)} id starts with "${ID_KIND[e.type]}/", not "${kind}/"`);
    if (e.title === undefined && e.text === undefined) fail(at(), 'an element needs a title or a text');
    const parentType = e.parent === undefined ? 'plan' : ids.get(e.parent)?.type;
    if (e.parent !== undefined && parentType === undefined) fail(at('parent'), `parent "${e.parent}" is not an element of this plan`);
    else if (parentType === 'plan' && input.draft && !ALLOWED_PARENTS[e.type].includes('plan'))
      warn(at(), `missing parent: ${a(e.type)} sits under ${a(either(ALLOWED_PARENTS[e.type]))}`);
    else if (parentType && !ALLOWED_PARENTS[e.type].includes(parentType))
      fail(at('parent'), `${a(e.type)} cannot sit under ${parentType === 'plan' ? 'the plan itself' : a(parentType)} (allowed: ${ALLOWED_PARENTS[e.type].join(', ')})`);
    const themes = e.themes ?? [];
    if (themes.length === 0) warn(at(), 'no themes yet');
    themes.forEach((t, k) => {
      if (!input.themeIds.has(t)) fail(at('themes', k), `unknown theme "${t}" (see data/themes.yaml)`);
    });
    const isIndicator = e.type === 'Indicator';
    // A new indicator prints no baseline (現状値 ―, 新規, blank) and may print no target either, only the direction it
    // is meant to move in; one with none of the three says nothing to measure by. A draft's indicator whose values
    // were printed with no fiscal year has none typed yet: the curator adds them.
    if (isIndicator && e.baseline === undefined && e.target === undefined && e.direction === undefined)
      (input.draft ? warn : fail)(at(), 'an Indicator needs a baseline, a target or a direction (a new indicator printed with no baseline, 現状値 ― or 新規, has its target or direction alone)');
    // The unit is the unit of the values: needed with one, and never given without one (it would be published nowhere).
    if (isIndicator && e.unit === undefined && (e.baseline ?? e.target) !== undefined)
      (input.draft ? warn : fail)(at(), 'an Indicator with a baseline or a target needs the unit they are printed in (unit)');
    // (A draft's unit with values not yet typed stays for the curator, who is already warned above.)
    if (isIndicator && !input.draft && e.unit !== undefined && e.baseline === undefined && e.target === undefined)
      fail(at('unit'), 'unit is the unit of the baseline and target values: an Indicator with neither has no unit to give (leave unit and qudtUnit out)');
    if (!isIndicator && (e.unit ?? e.qudtUnit ?? e.definition ?? e.dataSource ?? e.direction ?? e.baseline ?? e.target) !== undefined)
      fail(at(), 'unit, qudtUnit, definition, dataSource, direction, baseline and target belong to Indicators only');
    if (e.qudtUnit !== undefined && e.unit === undefined) fail(at('qudtUnit'), 'qudtUnit needs the unit as printed (unit)');
    const unitMismatch = e.qudtUnit !== undefined && e.unit !== undefined ? qudtUnitProblem(e.qudtUnit, e.unit) : undefined;
    if (unitMismatch) fail(at('qudtUnit'), unitMismatch);
    const text = optional(at('text'), e.text, e.occurrence);
    // A heading is quoted where it stands over its text: the last occurrence before the text.
    const heading = e.title !== undefined && text && e.occurrence === undefined ? index.locateLastBefore(e.title, text.quote.start) : undefined;
    const title = heading ? { value: e.title!, quote: heading } : optional(at('title'), e.title, e.occurrence);
    const parent = e.parent === undefined ? undefined : located.get(e.parent);
    const parentStart = parent ? (parent.text ?? parent.title)?.quote.start ?? 0 : 0;
    rows[i] = { start: (title ?? text)?.quote.start ?? 0, parentStart };
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
    };
    located.set(e.id, result);
    return result;
  };
  const located = new Map<string, PlanElement>();
  const rows: { start: number; parentStart: number }[] = [];
  // How many problems there were after each element: its values' problems are put back there.
  const marks: number[] = [];
  const unvalued = data.elements.map((e, i) => {
    const result = element(e, i);
    marks.push(out.length);
    return result;
  });

  // An indicator's row ends where the next element's quotes begin (its field, title, subtitle or text).
  const starts = unvalued
    .flatMap((e, k) => [e.field, e.title, e.subtitle, e.text].flatMap((l) => (l && l.quote.exact !== '' ? [{ k, start: l.quote.start }] : [])))
    .sort((a, b) => a.start - b.start);
  const rowEnd = (i: number, start: number): number => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]!.start <= start) lo = mid + 1;
      else hi = mid;
    }
    while (lo < starts.length && starts[lo]!.k === i) lo++;
    return lo < starts.length ? starts[lo]!.start : Infinity;
  };
  const valueProblems = new Map<number, Problem[]>();
  const elements = unvalued.map((u, i): PlanElement => {
    const e = data.elements[i]!;
    if (e.baseline === undefined && e.target === undefined) return u;
    const at = (...rest: (string | number)[]) => ['elements', i, ...rest];
    const row = { ...rows[i]!, end: rowEnd(i, rows[i]!.start) };
    sink = [];
    valueProblems.set(i, sink);
    const values = indicatorValues(at, e, row);
    sink = out;
    return { ...u, ...values };
  });
  if (valueProblems.size > 0) {
    const merged: Problem[] = [];
    marks.forEach((mark, i) => merged.push(...out.slice(i === 0 ? 0 : marks[i - 1], mark), ...(valueProblems.get(i) ?? [])));
    merged.push(...out.slice(marks[marks.length - 1] ?? 0));
    out.splice(0, out.length, ...merged);
  }

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
  // Read, decoded and indexed once, when a title first needs it (a decoding problem is reported once).
  let seeds: { readonly document: SourceText; readonly index: SourceIndex } | null | undefined;
  const seedsReadme = () => {
    if (seeds !== undefined) return seeds;
    const readme = input.readSource(SEEDS_README);
    const file = `${input.sourcesDir ?? 'data/sources'}/${SEEDS_README}`;
    const decoded = readme && decodeSource(readme, file);
    if (!readme || !decoded) return (seeds = null);
    if (!('text' in decoded)) {
      out.push({ file, line: decoded.line, column: decoded.column, reason: decoded.reason });
      return (seeds = null);
    }
    const document: SourceText = { file: SEEDS_README, text: decoded.text, sha256: createHash('sha256').update(readme).digest('hex'), byteLength: readme.length };
    return (seeds = { document, index: new SourceIndex(decoded.text) });
  };
  const locateTitle = (path: (string | number)[], title: string): Located => {
    if (index.count(title) > 0) return locate(path, title);
    const readme = seedsReadme();
    const quote = readme?.index.locate(title);
    if (!readme || !quote) return locate(path, title);
    return { value: title, quote, document: readme.document };
  };

  // The edition key begins the plan id, so that the next edition of the same series gets IRIs of its own.
  const ed = data.plan.edition;
  const editionKey = ed.number !== undefined ? `dai${ed.number}ji` : String(ed.firstFiscalYear);
  if (!data.plan.id.startsWith(`${editionKey}-`))
    fail(['plan', 'id'], `a plan id begins with its edition key "${editionKey}-" (from edition.${ed.number !== undefined ? 'number' : 'firstFiscalYear'}), not "${data.plan.id}"`);
  // The quoted text must not print another edition number than the one given (第６次 is 6).
  const printedEdition = ed.text === undefined ? undefined : editionNumber(ed.text);
  if (ed.number !== undefined && printedEdition !== undefined && printedEdition !== ed.number)
    fail(['plan', 'edition', 'number'], `"${ed.text}" is edition ${printedEdition}, not ${ed.number}`);
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
