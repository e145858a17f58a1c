// Turns a drafted outline into a plan file in the project's schema and its sidecar of draft-only facts (cues, confidence, skipped text).
import { yearLabels } from '../plan/codes.ts';
import { ID_KIND } from '../plan/load-plan.ts';
import { SourceIndex } from '../plan/index.ts';
import { DRAFT_PARENTS, type ElementClass } from './level-words.ts';
import { NORMALIZATION_VERSION } from './normalize.ts';
import type { DraftElement, Outline } from './outline.ts';

/** Raised when the extractor's output would change without a change of this number. */
export const EXTRACTOR_VERSION = 9;

const GENERIC_LEVEL: Readonly<Record<ElementClass, string>> = {
  Vision: '将来像', Goal: '目標', Policy: '政策', Measure: '施策', DesiredState: 'めざす姿', Perspective: '視点',
  Principle: '基本姿勢', CrossCuttingProject: 'プロジェクト', Indicator: '指標',
};

export interface DraftInput {
  readonly code: string;
  readonly sourceFile: string;
  readonly text: string;
  readonly outline: Outline;
  /** Theme ids with the words that suggest them (from data/themes.yaml labels). */
  readonly themeWords: ReadonlyMap<string, readonly string[]>;
  /** Where the source text came from, as given on the command line (recorded in the sidecar only). */
  readonly input: string;
}

/** A drafted element as it goes into the plan file (the curated schema's fields only). */
export type PlanFileElement = Record<string, unknown> & { id: string; type: ElementClass; parent?: string };

/** The parent an element may have: its drafted parent, or the nearest ancestor of a class its class allows. */
export const allowedParent = (elements: readonly DraftElement[], i: number): number | undefined => {
  const allowed = DRAFT_PARENTS[elements[i]!.cls];
  for (let p = elements[i]!.parent; p !== undefined; p = elements[p]!.parent) if (allowed.includes(elements[p]!.cls)) return p;
  return undefined;
};

const codePoints = (s: string) => Array.from(s).length;

/** The plan file (as a plain object, in schema order) and its sidecar. */
export const draftPlan = (input: DraftInput): { plan: Record<string, unknown>; sidecar: Record<string, unknown> } => {
  const { outline, text } = input;
  const index = new SourceIndex(text);
  const counters = new Map<string, number>();
  const ids = outline.elements.map((e) => {
    const kind = ID_KIND[e.cls];
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    return `${kind}/${n}`;
  });
  const parents = outline.elements.map((_, i) => allowedParent(outline.elements, i));
  const startCp = (offset: number) => codePoints(text.slice(0, offset));

  const elements: PlanFileElement[] = outline.elements.map((e, i) => {
    const out: PlanFileElement = { id: ids[i]!, type: e.cls, level: e.level ?? GENERIC_LEVEL[e.cls] };
    if (e.number !== undefined) out.number = e.number;
    if (e.field !== undefined) out.field = e.field;
    if (e.title !== undefined) out.title = e.title;
    if (e.subtitle !== undefined) out.subtitle = e.subtitle;
    if (e.text !== undefined) out.text = e.text;
    if (parents[i] !== undefined) out.parent = ids[parents[i]!];
    // Quote the place the element was read from, not an earlier one (a table of contents, a figure).
    const quoted = e.text ?? e.title;
    if (quoted !== undefined) {
      const before = startCp(e.start);
      let n = 1;
      while (index.locate(quoted, n) && index.locate(quoted, n)!.start < before) n++;
      if (n > 1 && index.locate(quoted, n)) out.occurrence = n;
    }
    if (e.cls === 'Indicator') {
      if (e.unit) out.unit = e.unit;
      if (e.baseline) out.baseline = { ...e.baseline };
      if (e.target) out.target = { ...e.target };
    }
    return out;
  });

  const suggest = (e: DraftElement): string[] => {
    const words = `${e.level ?? ''}${e.title ?? ''}${e.field ?? ''}${e.text ?? ''}`;
    return [...input.themeWords].filter(([, ws]) => ws.some((w) => words.includes(w))).map(([id]) => id).sort();
  };

  const municipality = mostFrequent(text, /[\p{Script=Han}]{1,4}[市区町村](?![\p{Script=Han}])/gu);
  const edition = /第\s*([0-9０-９]+)\s*次/u.exec(text);
  const period = /[^\n。]*?(令和|平成)(元|[0-9０-９]+|[〇一二三四五六七八九十]+)年度?[^\n。]{0,10}?(?:から|～|〜|-)[^\n。]*?(令和|平成)(元|[0-9０-９]+|[〇一二三四五六七八九十]+)年度?[^\n。（(]*/u.exec(text);
  // The period's years as the validator reads them (a month of January–March is in the fiscal year before). The text
  // stops at a bracket after the last year: what follows on the line (（令和4年3月策定）, say) is not the period.
  const years = period ? yearLabels(period[0]).map((l) => l.fiscalYear) : [];
  const draftMark = /[（(]案[)）]|素案/u.exec(text);
  const titleLine = text.split('\n').map((l) => l.trim()).find((l) => /計画|構想/u.test(l) && l.length <= 60) ?? text.trim().split('\n')[0]!.trim();
  const editionKey = edition ? `dai${edition[1]!.normalize('NFKC')}ji` : years[0] !== undefined ? String(years[0]) : 'edition';

  const plan: Record<string, unknown> = {
    municipality: { code: input.code, name: { ja: municipality ?? input.code, en: `Municipality ${input.code}` } },
    source: {
      file: input.sourceFile,
      coverage: { ja: '抽出した文書の全文(下書き: 要確認)', en: 'The whole extracted document (draft: to be reviewed)' },
    },
    series: { id: 'sogo-keikaku', title: { ja: `${municipality ?? ''}総合計画`, en: 'Comprehensive Plan (draft: to be reviewed)' } },
    plan: {
      id: `${editionKey}-sogo-keikaku`,
      // With neither a printed edition nor a period, the edition is left out: validation then asks the curator for it.
      ...(edition
        ? { edition: { number: Number(edition[1]!.normalize('NFKC')), text: edition[0] } }
        : years[0] !== undefined
          ? { edition: { firstFiscalYear: years[0], text: period![0].trim() } }
          : {}),
      version: draftMark ? { status: 'draft', text: draftMark[0] } : { status: 'published', text: titleLine },
      title: titleLine,
      titleEn: 'Comprehensive plan (draft title: to be reviewed)',
      ...(years.length >= 2 ? { period: { fromFiscalYear: years[0], toFiscalYear: years[years.length - 1], text: period![0].trim() } } : {}),
    },
    elements,
  };

  const sidecar = {
    extractorVersion: EXTRACTOR_VERSION,
    normalizationVersion: NORMALIZATION_VERSION,
    input: input.input,
    sourceFile: input.sourceFile,
    levelWords: outline.levelWords,
    elements: outline.elements.map((e, i) => ({
      id: ids[i],
      cue: e.cue,
      confidence: e.confidence,
      ...(e.level === undefined ? { note: 'the document prints no level word here: level is the generic name of the class' } : {}),
      ...(e.parent !== undefined && parents[i] !== e.parent ? { note: `drafted under ${ids[e.parent]}, a class ${e.cls} cannot sit under` } : {}),
      ...(e.unread ? { unread: e.unread.map((v) => `${v}: not drafted: no number with a year (年度, 年 or a date) was read from it`) } : {}),
      themeSuggestions: suggest(e),
    })),
    unplaced: outline.unplaced.map((u) => ({ offset: startCp(u.start), reason: u.reason, text: u.text.length > 80 ? u.text.slice(0, 80) + '…' : u.text })),
  };
  return { plan, sidecar };
};

const mostFrequent = (text: string, re: RegExp): string | undefined => {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(re)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
};
