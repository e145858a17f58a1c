// Level inference: walks the read lines with a stack of the document's own heading styles and drafts elements with parents.
import { yearLabels } from '../plan/codes.ts';
import { readHeading, readLine, learnLevelWords, repeatedLines, type LineKind } from './cues.ts';
import { canonicalNumber, readNumber } from './numbering.ts';
import { childClass, classOfLevelWord, DRAFT_PARENTS, parentClass, RANK, type ElementClass } from './level-words.ts';
import { FLAT_LINE, splitLines, type Line } from './lines.ts';
import { adoptByTheVision, pairBlocks, pairDetached, type Detached } from './repair.ts';


export type Cue = 'level word' | 'numbering' | 'level label' | 'table header' | 'layout';

/** The year a value is printed for: a fiscal year (年度), or a calendar year (年) or a date, each with its label as printed. */
export type YearDraft =
  | { readonly fiscalYear: number; readonly fiscalYearLabel: string; readonly year?: undefined; readonly yearLabel?: undefined }
  | { readonly year: number; readonly yearLabel: string; readonly fiscalYear?: undefined; readonly fiscalYearLabel?: undefined };

export type IndicatorValueDraft = { readonly value: number; readonly printed: string } & YearDraft;

export interface DraftElement {
  readonly cls: ElementClass;
  /** The plan's own level word; undefined when the document prints none for this level. */
  readonly level?: string;
  readonly number?: string;
  readonly title?: string;
  readonly subtitle?: string;
  readonly field?: string;
  text?: string;
  /** Index of the parent in the element list; undefined = the plan itself. */
  parent?: number;
  readonly cue: Cue;
  /** 0–1: how sure the extractor is that this is an element of this class at this place. */
  readonly confidence: number;
  /** UTF-16 offset of the line the element was read from. */
  readonly start: number;
  readonly unit?: string;
  readonly baseline?: IndicatorValueDraft;
  readonly target?: IndicatorValueDraft;
  /** Indicators: the cells of its row that were not read as a value (no number, or no year printed), for the curator. */
  readonly unread?: readonly string[];
}

export interface Unplaced {
  readonly start: number;
  readonly text: string;
  readonly reason: string;
}

export interface Outline {
  readonly elements: DraftElement[];
  readonly unplaced: Unplaced[];
  readonly levelWords: readonly string[];
}

interface Frame {
  readonly style: string;
  readonly element?: number;
  readonly label?: { readonly word: string; readonly cls: ElementClass };
  /** A bracketed section naming no class (【現状と課題】): what is printed under it is text, not elements. */
  readonly text?: true;
}

/** Classes a label lists several items of (主な取組 ①②, 指標 lines): their label never takes one sentence as its element. */
const LIST_CLASSES: ReadonlySet<ElementClass> = new Set(['Perspective', 'Indicator']);
/** Divisions of a document, largest first: a 第N章 sits inside a 第N編, a 第N節 inside a 第N章. */
const DIVISION_RANK: Readonly<Record<string, number>> = { 部: 0, 編: 1, 章: 2, 節: 3, 款: 4 };
/** An item marker inside a table cell starts an item only at the cell's start or after a space: 防災・防犯 is one item. */
const ITEM_MARKERS = /(?:^|[ 　]+)[○●◆◇・■□▶►◎][ 　]*/u;
/** A title line: short, and ending neither a sentence nor mid-sentence at a comma. */
const isShortTitle = (s: string) => s.length > 0 && s.length <= 40 && !/[。．、，]$/u.test(s);
/** A line of a title wrapped over several lines may end at a comma (多様な人が出会い、 / 支え合い、…). */
const isTitleLine = (s: string) => s.length > 0 && s.length <= 40 && !/[。．]$/u.test(s);
const isParagraph = (s: string) => s.length > 40 || /[。．]$/u.test(s);
const normKey = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
/** "越えてつながる越えてつながる" → "越えてつながる": text a PDF drew twice over itself comes out doubled. */
const undouble = (s: string) => {
  const h = s.length / 2;
  return Number.isInteger(h) && h >= 3 && s.slice(0, h) === s.slice(h) ? s.slice(0, h) : s;
};

/** The class a table header cell names (基本目標 → Goal), its gloss in brackets ignored. */
const headerClass = (c: string): ElementClass | undefined => (c.length === 0 ? undefined : classOfLevelWord(c.replace(/[（(][^）)]*[）)]/gu, '')));
/** A header row of a level table: two or more short cells naming classes (基本目標 | 施策). */
const isLevelHeader = (cells: readonly string[]): boolean => cells.map(headerClass).filter((c) => c !== undefined).length >= 2 && cells.every((c) => c.length <= 20);

/**
 * Reads a table cell "84.9%" into a value and a unit, with the year printed in the cell (４５％（R4）, １２０人（令和４年度）,
 * 12,000人（令和2年10月1日現在）) or else in its column's header (現状値（令和5年度）, 目標値（R11）, 現状値（令和2年）). With no
 * year, no value.
 */
const readValue = (printed: string, header: string): { value: IndicatorValueDraft; unit: string } | undefined => {
  const cell = /^(.*?)[ 　]*[（(]([^）)]{1,12})[）)]$/u.exec(printed.trim());
  const cellYear = cell ? readYear(cell[2]!) : undefined;
  const shown = cell && cellYear ? cell[1]! : printed.trim();
  const m = /^([+-]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)\s*(\S.*)?$/u.exec(shown);
  // The header's year: its bracket whole (現状値（令和6年3月31日現在）), else an era year in it (令和5年度現状値), as printed.
  const bracket = /[（(]([^）)]{1,12})[）)]/u.exec(header);
  const era = /(令和|平成|昭和)(元|[0-9０-９]+|[〇一二三四五六七八九十]+)年度?/u.exec(header);
  const year = cellYear ?? (bracket ? readYear(bracket[1]!) : undefined) ?? (era ? readYear(era[0]) : undefined);
  if (!m || !year) return undefined;
  const value = Number(m[1]!.normalize('NFKC').replace(/,/g, ''));
  return { value: { value, printed: shown, ...year }, unit: (m[2] ?? '').trim() };
};

/** Drafts the outline of `text`: its elements with classes, levels and parents, and the text it could not place. */
export const draftOutline = (text: string): Outline => {
  // First pass: the document's own level words and its page furniture, learned from all of its lines.
  const physical = text.split('\n').map((l) => l.trim());
  // In a line flattened from a web page, headings start after a sentence end or a space, not at the line's start.
  const starts = physical.flatMap((l) => (l.length > FLAT_LINE ? [l, ...Array.from(l.matchAll(/[。 　]+/gu), (m) => l.slice(m.index! + m[0].length))] : [l]));
  const levelWords = learnLevelWords(starts);
  const cue = (s: string) => readHeading(s, levelWords) !== undefined || /^[◆●■▶]/u.test(s);
  const lines: Line[] = joinWrappedRows(splitLines(text, cue));
  const repeated = repeatedLines(lines.map((l) => l.text));
  const kinds: LineKind[] = lines.map((l) => readLine(l.text, levelWords, repeated));
  markSpannedRows(kinds, lines);
  markTableOfContents(kinds, lines);
  // A recurring line that touches prose (no blank line between) is part of a wrapped title or sentence, not furniture.
  for (let changed = true; changed; ) {
    changed = false;
    kinds.forEach((k, i) => {
      const touches = (j: number) => kinds[j]?.kind === 'prose';
      if (k.kind === 'noise' && k.reason.startsWith('repeated line') && (touches(i - 1) || touches(i + 1))) {
        kinds[i] = { kind: 'prose', text: lines[i]!.text };
        changed = true;
      }
    });
  }

  const elements: DraftElement[] = [];
  const unplaced: Unplaced[] = [];
  const stack: Frame[] = [];
  const seen = new Set<string>();
  const headingLines = new Set<string>();
  /** The element each heading line and heading key (style, number, title) was drafted as. */
  const drafted = new Map<string, number>();
  /**
   * An element listed in an overview and printed again as the heading of its section is one element: the heading
   * re-opens it, so what follows hangs off it (政策Ⅰ listed in 第2章, then heading the 施策 of 第3章).
   */
  const reopen = (style: string, index: number) => {
    if (!popTo(style)) popRank(elements[index]!.cls);
    stack.push({ style, element: index });
  };
  let header: { classes: (ElementClass | undefined)[]; words: string[]; cells: string[]; indicator: boolean; last: (number | undefined)[] } | undefined;

  const detached: Detached[] = [];
  /** Label frame each label item was read under: items of one label occurrence form one group. */
  const groupOf = new Map<number, Frame>();
  const previousContent = (i: number): number | undefined => {
    for (let k = i - 1; k >= 0; k--) if (kinds[k]!.kind !== 'blank') return k;
    return undefined;
  };
  const nearestElement = (): number | undefined => {
    for (let k = stack.length - 1; k >= 0; k--) if (stack[k]!.element !== undefined) return stack[k]!.element;
    return undefined;
  };
  const labelFrame = (): Frame | undefined => {
    for (let k = stack.length - 1; k >= 0; k--) {
      if (stack[k]!.label) return stack[k];
      if (stack[k]!.element !== undefined) return undefined;
    }
    return undefined;
  };
  const activeLabel = () => {
    for (let k = stack.length - 1; k >= 0; k--) {
      if (stack[k]!.label) return stack[k]!.label;
      if (stack[k]!.element !== undefined) return undefined;
    }
    return undefined;
  };
  const popTo = (style: string): boolean => {
    const at = stack.findIndex((f) => f.style === style);
    if (at < 0) return false;
    stack.length = at;
    return true;
  };
  /**
   * A heading of a level word not yet on the stack closes the open elements of its rank or deeper (基本目標2 closes
   * 施策1-2 even when 基本目標1's heading was not read), with the labels and sections opened inside them.
   */
  const popRank = (cls: ElementClass) => {
    let cut = stack.length;
    for (let k = stack.length - 1; k >= 0; k--) {
      const e = stack[k]!.element;
      if (e === undefined) continue;
      if (RANK[elements[e]!.cls] < RANK[cls]) break;
      cut = k;
    }
    stack.length = cut;
  };
  /** Inside a text section (【現状と課題】) of the innermost element: numbered lines there are paragraphs. */
  const inTextSection = (): boolean => {
    for (let k = stack.length - 1; k >= 0; k--) {
      if (stack[k]!.text) return true;
      if (stack[k]!.element !== undefined || stack[k]!.label) return false;
    }
    return false;
  };
  const nextContent = (i: number): number | undefined => {
    for (let k = i + 1; k < kinds.length; k++) if (kinds[k]!.kind !== 'blank') return k;
    return undefined;
  };
  const paragraphAfter = (i: number): { text: string; last: number } | undefined => {
    const k = nextContent(i);
    if (k === undefined || kinds[k]!.kind !== 'prose') return undefined;
    let last = k;
    const parts = [lines[k]!.text];
    while (last + 1 < kinds.length && kinds[last + 1]!.kind === 'prose') parts.push(lines[++last]!.text);
    return { text: parts.join(''), last };
  };
  const add = (e: DraftElement): number => elements.push(e) - 1;
  /** Words already drafted as (part of) an element's title or text: printed again in a figure or a summary. */
  const isRepeat = (s: string) => elements.some((e) => normKey(e.title ?? '').includes(normKey(s)) || normKey(e.text ?? '').includes(normKey(s)));
  /**
   * The block of short lines starting at line `i` that stands between blank lines (or before a label or heading):
   * at most four lines, none a sentence, 60 characters in all, and not followed by a paragraph.
   */
  const shortBlock = (i: number): { lines: string[]; last: number } | undefined => {
    const out: string[] = [];
    let last = i;
    for (let k = i; k < kinds.length && kinds[k]!.kind === 'prose'; k++) {
      out.push(undouble(lines[k]!.text));
      last = k;
    }
    const after = nextContent(last);
    if (out.length > 4 || out.some((t) => !isTitleLine(t)) || !isShortTitle(out[out.length - 1]!) || out.join('').length > 60) return undefined;
    if (after !== undefined && kinds[after]!.kind === 'prose' && isParagraph(lines[after]!.text)) return undefined;
    return { lines: out, last };
  };
  /** The top class of a level table that is the next content after line `i`, if one is. */
  const levelTableAfter = (i: number): ElementClass | undefined => {
    const k = nextContent(i);
    const row = k === undefined ? undefined : kinds[k]!;
    return row?.kind === 'row' && isLevelHeader(row.cells) ? row.cells.map(headerClass).find((c) => c !== undefined) : undefined;
  };

  /**
   * Everything from heading `i` to its next sibling (a heading of its style) is numbered headings of other styles,
   * at least one, with no text, list, table or label: the heading opens a branch of an outline, not a section of prose.
   */
  const outlineUnder = (i: number, style: string): boolean => {
    let children = 0;
    for (let j = i + 1; j < kinds.length; j++) {
      const kj = kinds[j]!;
      if (kj.kind === 'blank' || (kj.kind === 'noise' && kj.reason === 'page number')) continue;
      if (kj.kind !== 'heading' || kj.cue !== 'numbering') return false;
      if (kj.style === style) break;
      if (kj.style.startsWith('number:chapter-')) break;
      children++;
    }
    return children > 0;
  };

  for (let i = 0; i < kinds.length; i++) {
    const k = kinds[i]!;
    const line = lines[i]!;
    // A table's rule line (|---|---|) sits between its header and its rows.
    if (k.kind !== 'row' && k.kind !== 'blank' && !(k.kind === 'noise' && k.reason === 'table rule')) header = undefined;
    switch (k.kind) {
      case 'blank':
        break;
      case 'noise':
        unplaced.push({ start: line.start, text: line.text, reason: k.reason });
        break;
      case 'section': {
        // A bracketed section label stays inside the element whose page it divides; the next one replaces it.
        popTo('section');
        const host = nearestElement();
        const hostCls = host === undefined ? undefined : elements[host]!.cls;
        let cls = k.cls;
        // A label naming a class that cannot sit under the element it is printed in (施策の方向 → 方向 in a 施策) names
        // that element's own directions: its items are the element's approaches, the schema's Perspective.
        if (cls !== undefined && hostCls !== undefined && !DRAFT_PARENTS[cls].includes(hostCls)) cls = DRAFT_PARENTS.Perspective.includes(hostCls) ? 'Perspective' : undefined;
        stack.push(cls === undefined ? { style: 'section', text: true } : { style: 'section', label: { word: k.word, cls } });
        unplaced.push({ start: line.start, text: line.text, reason: 'section label' });
        break;
      }
      case 'label': {
        if (!popTo(k.style)) popTo(`label:${k.word}`);
        // A label of a level that cannot sit under the open elements (基本理念 after the goals) closes them.
        while (stack.length > 0 && stack[stack.length - 1]!.element !== undefined && !DRAFT_PARENTS[k.cls].includes(elements[stack[stack.length - 1]!.element!]!.cls)) stack.pop();
        stack.push({ style: k.style, label: { word: k.word, cls: k.cls } });
        // A bare label of one element's level (めざす姿) followed by one sentence, then the next label or heading: the
        // sentence is that element, under the element the label is printed in. It takes the prose lines up to the next
        // label only, so the next label's content is never its text; each section's label gets its own.
        const para = k.style.startsWith('label:') && !LIST_CLASSES.has(k.cls) ? paragraphAfter(i) : undefined;
        const after = para === undefined ? undefined : nextContent(para.last);
        const closes = after === undefined || ['label', 'heading', 'section'].includes(kinds[after]!.kind);
        const host = nearestElement();
        if (para && /[。．]$/u.test(para.text) && closes && host !== undefined && DRAFT_PARENTS[k.cls].includes(elements[host]!.cls)) {
          add({ cls: k.cls, level: k.word, text: para.text, parent: host, cue: 'level label', confidence: 0.7, start: lines[nextContent(i)!]!.start });
          stack.pop();
          i = para.last;
        }
        break;
      }
      case 'heading': {
        // A heading line printed again (a diagram repeating the outline) is a repeat, whatever line follows it.
        const lineKey = normKey(line.text);
        if (headingLines.has(lineKey)) {
          unplaced.push({ start: line.start, text: line.text, reason: 'repeat of an earlier heading' });
          if (drafted.has(lineKey)) reopen(k.style, drafted.get(lineKey)!);
          break;
        }
        headingLines.add(lineKey);
        let title = k.title;
        let field: string | undefined;
        let consumed = i;
        const next = nextContent(i);
        const prev = previousContent(i);
        // Bare numbers in a run (重点政策❻ / 重点政策❶ / …) stand apart from their titles: none takes the next line.
        const bare = (j: number | undefined) => j !== undefined && kinds[j]!.kind === 'heading' && (kinds[j] as { title: string }).title === '' && (kinds[j] as { style: string }).style === k.style;
        const inRun = k.title === '' && (bare(prev) || bare(next));
        const nextText = next === undefined || inRun ? undefined : kinds[next]!.kind === 'prose' ? lines[next]!.text : undefined;
        // The title may stand on the next line; what the heading line holds beside the number is then the field (分野).
        // A bare number (方針7) takes a title line of up to 60 characters; beside a title, a line counts only when short.
        const fits = (t: string) => (title.length === 0 ? t.length <= 60 && !/[。．]$/u.test(t) : isShortTitle(t));
        if (nextText !== undefined && fits(nextText) && (title.length === 0 || (k.cue === 'level word' && title.length <= 20))) {
          field = title.length > 0 ? title : undefined;
          title = nextText;
          consumed = next!;
        }
        // A trailing gloss listing fields names the policy area, not the title: 地域の絆で支えあう(介護、保健福祉).
        const gloss = /^(.{4,}?)[ 　]*[(（]([^()（）]+[、・，][^()（）]+)[)）]$/u.exec(title);
        if (gloss && field === undefined) [title, field] = [gloss[1]!, gloss[2]!];
        const key = `${k.style}|${k.number.values.join('-')}|${normKey(title)}`;
        if (seen.has(key)) {
          unplaced.push({ start: line.start, text: line.text, reason: 'repeat of an earlier heading' });
          if (drafted.has(key)) reopen(k.style, drafted.get(key)!);
          i = consumed;
          break;
        }
        seen.add(key);
        const own = k.word === undefined ? undefined : classOfLevelWord(k.word);
        if (own === undefined && k.number.system.startsWith('chapter-')) {
          // A 第N章/第N編/第N節 heading with no level word divides the document (政策の展開, 序論, 計画の体系): it is
          // structure, not a plan element, and it closes what the previous division opened, except the larger
          // divisions it sits in (a 第N章 stays inside its 第N編).
          const unit = DIVISION_RANK[k.number.system.slice('chapter-'.length)] ?? 9;
          const keep = stack.findIndex((f) => !(f.style.startsWith('number:chapter-') && (DIVISION_RANK[f.style.slice('number:chapter-'.length)] ?? 9) < unit));
          if (keep >= 0) stack.length = keep;
          stack.push({ style: k.style });
          unplaced.push({ start: line.start, text: line.text, reason: 'section heading (no level word)' });
          i = consumed;
          break;
        }
        if (!popTo(k.style) && own) popRank(own);
        const label = activeLabel();
        let parent = nearestElement();
        // With no level word, no label and no element above it, a numbered heading heads an outline of the plan when
        // everything printed under it (up to its next sibling) is numbered headings of other styles, with no text:
        // levels marked by numbering alone (Ⅰ / 1 / (1)). Its class is the top of the unlabelled convention.
        const bareTop = own === undefined && label === undefined && parent === undefined && title.length > 0 && !inTextSection() && outlineUnder(i, k.style);
        const cls = own ?? label?.cls ?? (parent === undefined ? (bareTop ? childClass(undefined) : undefined) : childClass(elements[parent]!.cls));
        // A hierarchical number names its parent by its prefix (施策2-1 under 基本目標2, 1-2-3 under 1-2): the last
        // element of a higher level printed with that number, wherever the page layout left the stack.
        if (cls !== undefined && k.number.values.length >= 2) {
          const prefix = k.number.values.slice(0, -1).join('-');
          for (let e = elements.length - 1; e >= 0; e--)
            if (RANK[elements[e]!.cls] < RANK[cls] && canonicalNumber(elements[e]!.number) === prefix) { parent = e; break; }
        }
        if (own !== undefined && title.length === 0) {
          // Paired after the walk with the untitled items of its class printed before it (see pairDetached).
          detached.push({ at: elements.length, style: k.style, cls: own, number: k.number.printed });
          unplaced.push({ start: line.start, text: line.text, reason: 'number standing apart from its title' });
          break;
        }
        if (own === undefined && inTextSection()) {
          // In a text section (【現状と課題】) a numbered line heads a paragraph of the text, not an element.
          unplaced.push({ start: line.start, text: line.text, reason: 'numbered line in a text section' });
          break;
        }
        if (cls === undefined || title.length === 0) {
          // A numbered heading with no level word and nothing typed above it is a section of the document, not an element.
          stack.push({ style: k.style });
          unplaced.push({ start: line.start, text: line.text, reason: 'section heading (no level word)' });
          break;
        }
        const para = k.trailing !== undefined ? { text: k.trailing, last: consumed } : paragraphAfter(consumed);
        const index = add({
          cls,
          level: k.word ?? label?.word,
          number: k.number.printed,
          title,
          subtitle: k.subtitle,
          field,
          text: para?.text,
          parent,
          cue: k.cue,
          confidence: own ? 0.9 : label ? 0.8 : 0.5,
          start: line.start,
        });
        stack.push({ style: k.style, element: index });
        drafted.set(key, index);
        drafted.set(lineKey, index);
        i = para ? para.last : consumed;
        break;
      }
      case 'bullet': {
        const label = activeLabel();
        if (!label) {
          // With no label, a list whose levels differ only by marker and indent (◆ / 　○ / 　　・) is an outline:
          // each marker at each indent is one heading style, nested like numbering systems.
          if (isShortTitle(k.body) && /\p{L}/u.test(k.body)) {
            const style = `bullet:${/^[ 　\t]*/u.exec(line.raw)![0].replace(/\t/g, '    ').replace(/　/g, '  ').length}:${k.marker}`;
            popTo(style);
            const parent = nearestElement();
            const index = add({ cls: childClass(parent === undefined ? undefined : elements[parent]!.cls), title: k.body, parent, cue: 'layout', confidence: 0.4, start: line.start });
            stack.push({ style, element: index });
            break;
          }
          unplaced.push({ start: line.start, text: line.text, reason: 'list item outside any level' });
          break;
        }
        let body = k.body;
        let wrapped = false;
        for (;;) {
          if (i + 1 < kinds.length && kinds[i + 1]!.kind === 'prose' && (wrapped || !isShortTitle(body))) { body += lines[++i]!.text; continue; }
          // A sentence wrapped at the column's edge goes on after a blank line the layout put in it: the line
          // before the break is as long as the one after (both fill the column), and no sentence has ended.
          // A line recurring elsewhere (figure text repeated at the end) is still text when a sentence runs into it.
          const j = nextContent(i);
          const kj = j === undefined ? undefined : kinds[j]!;
          const text = kj?.kind === 'prose' || (kj?.kind === 'noise' && kj.reason.startsWith('repeated line'));
          if (j === undefined || !text || /[。．]$/u.test(body) || j - i > 2) break;
          // A line opening with kana or a comma (えている。 / れ、年齢) cannot start an item, and an item does not end at
          // a comma: the text goes on.
          // Otherwise both lines must fill the column alike, and the break fall in a phrase (kana or a comma before it)
          // or both lines be long: a short title followed by a sentence of like length (…の実現 / 上記の…) is not wrapped.
          const [a, b] = [Array.from(lines[i]!.text).length, Array.from(lines[j]!.text).length];
          const opensMidWord = /^[\p{Script=Hiragana}、，]/u.test(lines[j]!.text);
          const sameWidth = Math.abs(a - b) <= Math.max(2, 0.12 * b);
          const endsMidPhrase = /[\p{Script=Hiragana}\p{Script=Katakana}ー、，]$/u.test(lines[i]!.text);
          const endsAtComma = /[、，]$/u.test(body);
          if (!opensMidWord && !endsAtComma && !(sameWidth && (endsMidPhrase || Math.min(a, b) >= 20))) break;
          body += lines[j]!.text;
          i = j;
          wrapped = true;
        }
        const short = isShortTitle(body);
        groupOf.set(elements.length, labelFrame()!);
        add({ cls: label.cls, level: label.word, title: short ? body : undefined, text: short ? undefined : body, parent: nearestElement(), cue: 'level label', confidence: 0.7, start: line.start });
        break;
      }
      case 'row': {
        const cells = k.cells;
        const classes = cells.map(headerClass);
        const indicatorHeader = classes[0] === 'Indicator' && cells.slice(1).some((c) => /現状|現況|基準|目標|実績/u.test(c));
        if (indicatorHeader || isLevelHeader(cells)) {
          header = { classes, words: cells, cells, indicator: indicatorHeader, last: cells.map(() => undefined) };
          // A heading laid out over a level table is one level above the table's top column (将来像 over 基本目標 | 施策).
          const over = nearestElement();
          const top = classes.find((c) => c !== undefined);
          if (!indicatorHeader && over !== undefined && top && elements[over]!.cue === 'layout' && RANK[elements[over]!.cls] >= RANK[top]) {
            const cls = parentClass(top);
            elements[over] = { ...elements[over]!, cls, level: elements[over]!.level !== undefined && classOfLevelWord(elements[over]!.level!) === cls ? elements[over]!.level : undefined };
          }
          break;
        }
        if (header?.indicator) {
          draftIndicatorRow(cells, header.cells, line.start, nearestElement(), elements);
          break;
        }
        if (header) {
          let parent = nearestElement();
          cells.forEach((cell, c) => {
            const cls = header!.classes[c];
            if (!cls) return;
            // An empty cell is spanned from the row above: its item stays the parent of this row's next columns.
            if (cell.length === 0) {
              if (header!.last[c] !== undefined) parent = header!.last[c];
              return;
            }
            const items = cell.split(ITEM_MARKERS).map((s) => s.trim()).filter((s) => s.length > 0);
            let last: number | undefined;
            for (const item of items) {
              // A cell may open with the item's number (1 活力ある…, (2) 商工業…) and hold a title and its description.
              const num = readNumber(item);
              const numbered = num && /^[ 　.．、)）]/u.test(num.rest) ? num : undefined;
              const body = numbered ? numbered.rest.replace(/^[ 　.．、)）]+/u, '') : item;
              const m = /^(\S{2,40})[ 　]+(\S.{20,})$/u.exec(body);
              last = add({ cls, level: header!.words[c], number: numbered?.number.printed, title: m ? m[1] : body, text: m ? m[2] : undefined, parent, cue: 'table header', confidence: 0.8, start: line.start });
            }
            if (last !== undefined) {
              parent = last;
              header!.last[c] = last;
              header!.last.fill(undefined, c + 1);
            }
          });
          break;
        }
        const joined = cells.filter((c) => c.length > 0).join(' ');
        if (cells.filter((c) => c.length > 0).length === 2 && readHeading(joined, levelWords)) {
          kinds[i] = readLine(joined, levelWords, new Set());
          i--;
          break;
        }
        unplaced.push({ start: line.start, text: line.text, reason: 'table row with no level header' });
        break;
      }
      case 'prose': {
        // An indicator printed on one line (出生数　現状値 820人（R5）　目標値 850人（R11）) is an Indicator of the
        // element it is printed under, titled by its name alone.
        const inline = readInlineIndicator(k.text);
        if (inline && !inTextSection()) {
          const label = activeLabel();
          add({
            ...inline, cls: 'Indicator', level: label?.cls === 'Indicator' ? label.word : undefined, parent: nearestElement(),
            cue: label?.cls === 'Indicator' ? 'level label' : 'layout', confidence: inline.baseline || (inline.target && !inline.text) ? 0.8 : 0.6, start: line.start,
          });
          break;
        }
        const next = nextContent(i);
        if (isShortTitle(k.text) && next !== undefined && kinds[next]!.kind === 'prose' && isParagraph(lines[next]!.text)) {
          // A short line before a paragraph heads a block: an item of the active label, or the level above a level
          // table that follows the paragraph. A block heading replaces the previous one of its kind.
          const para = paragraphAfter(i)!;
          const table = levelTableAfter(para.last);
          const layoutAt = stack.findIndex((f) => f.style === 'layout');
          const saved = layoutAt >= 0 ? stack.splice(layoutAt) : [];
          const label = activeLabel();
          if ((label || table) && isRepeat(k.text)) {
            // Words of an earlier element printed again (figure text at the end of the document) are a repeat.
            stack.push(...saved);
            unplaced.push({ start: line.start, text: line.text, reason: 'repeat of an earlier element' });
            break;
          }
          if (label || table) {
            const parent = nearestElement();
            const cls = label?.cls ?? parentClass(table!);
            const index = add({ cls, level: label?.word, title: k.text, text: para.text, parent, cue: 'layout', confidence: 0.5, start: line.start });
            if (table) stack.push({ style: 'layout', element: index });
            i = para.last;
            break;
          }
          stack.push(...saved);
        }
        const label = activeLabel();
        // Under a level label, a block of short lines standing alone (no paragraph after it) is one item: a title
        // wrapped over lines in a figure (地域・産業と / 学びがつながる), or a single 基本理念 under its label.
        const block = label === undefined ? undefined : shortBlock(i);
        if (label && block) {
          const title = block.lines.join('');
          // A title printed before, or a piece of one (a figure repeating words of the vision), is a repeat.
          const following = kinds[block.last + 1];
          if (isRepeat(title)) {
            unplaced.push({ start: line.start, text: line.text, reason: 'repeat of an earlier title' });
          } else if (following?.kind === 'label') {
            // A title standing right on a lower label (…の充実 / めざす姿) heads that label's block: it is an item of
            // the nearest label above whose level is higher, and the parent of what the lower label lists.
            let at = stack.length - 1;
            while (at >= 0 && !(stack[at]!.label !== undefined && RANK[stack[at]!.label!.cls] < RANK[following.cls])) at--;
            if (at >= 0) {
              const upper = stack[at]!.label!;
              stack.length = at + 1;
              const index = add({ cls: upper.cls, level: upper.word, title, parent: nearestElement(), cue: 'layout', confidence: 0.4, start: line.start });
              stack.push({ style: 'layout', element: index });
            } else add({ cls: label.cls, level: label.word, title, parent: nearestElement(), cue: 'layout', confidence: 0.4, start: line.start });
          } else {
            groupOf.set(add({ cls: label.cls, level: label.word, title, parent: nearestElement(), cue: 'layout', confidence: 0.4, start: line.start }), labelFrame()!);
          }
          i = block.last;
          break;
        }
        unplaced.push({ start: line.start, text: line.text, reason: 'prose' });
        break;
      }
    }
  }
  pairDetached(elements, detached);
  pairBlocks(elements, groupOf);
  adoptByTheVision(elements);
  return { elements, unplaced, levelWords: [...levelWords].sort() };
};

/**
 * The year printed beside a value: a fiscal year (令和5年度, R5, H30年度, 2023年度: the abbreviations are read as the
 * 年度 plans mostly mean), or a calendar year (令和2年, 2020年) or a date (令和2年10月1日現在), which is no fiscal year.
 */
const readYear = (printed: string): YearDraft | undefined => {
  // One year label (as the validator reads it, codes.ts) and nothing else: a date may end in its day and 現在 / 時点.
  const t = printed.normalize('NFKC').replace(/\s+/gu, '');
  const [label, ...others] = yearLabels(t);
  if (!label || others.length > 0 || label.conflict || !t.startsWith(label.text)) return undefined;
  if (!/^(?:[0-9]{1,2}日)?(?:現在|時点)?$/u.test(t.slice(label.text.length))) return undefined;
  // 年度, or an abbreviation with no suffix (R5): a fiscal year. 年, or a date: a calendar year.
  return label.calendar || label.month !== undefined ? { year: label.year, yearLabel: printed } : { fiscalYear: label.fiscalYear, fiscalYearLabel: printed };
};

/**
 * What a plan prints for a value it does not have, a new indicator's baseline above all: a dash (―, －, -, —, ー) or
 * 新規 (new). Such a cell is no value and no value left unread: the draft has none, and nothing to warn about.
 */
const NO_VALUE_CELL = '[―—–－‐\\-ー]{1,3}|新規';
export const NO_VALUE = new RegExp(`^(?:${NO_VALUE_CELL})$`, 'u');

const INLINE_INDICATOR = new RegExp(
  `^(?<name>[^ 　]{2,40})[ 　]+(?:現状値|現況値|基準値|現状|現況|基準)[ 　:：]*(?:(?<b>[+-]?[0-9０-９][^ 　（(]*?)[ 　]*(?:[（(](?<by>[^）)]{1,12})[）)])?|(?<none>${NO_VALUE_CELL}))` +
    `[ 　]+(?:目標値|目標)[ 　:：]*(?<t>[+-]?[0-9０-９][^ 　（(]*?)[ 　]*(?:[（(](?<ty>[^）)]{1,12})[）)])?$`,
  'u',
);

/**
 * An indicator printed on one line: its name, then 現状値 (基準値, 現状) and 目標値 (目標) with their values, each with its
 * fiscal year in brackets when printed; a new indicator's 現状値 may be printed ― or 新規 (no baseline). A value is typed
 * only with its year (the schema needs the fiscal year; it is not guessed from the plan's period): with none printed,
 * the values stay in the element's text for the curator.
 */
export const readInlineIndicator = (text: string): Pick<DraftElement, 'title' | 'text' | 'unit' | 'baseline' | 'target'> | undefined => {
  const m = INLINE_INDICATOR.exec(text.trim());
  if (!m?.groups) return undefined;
  const g = m.groups;
  const value = (printed: string, year: string | undefined) => {
    const y = year === undefined ? undefined : readYear(year);
    const n = /^([+-]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)\s*(\S.*)?$/u.exec(printed);
    if (!n) return { typed: undefined, unit: undefined };
    const v = Number(n[1]!.normalize('NFKC').replace(/,/g, ''));
    return { typed: y && Number.isFinite(v) ? { value: v, printed, ...y } : undefined, unit: n[2]?.trim() || undefined };
  };
  const b = g.b === undefined ? { typed: undefined, unit: undefined } : value(g.b, g.by);
  const t = value(g.t!, g.ty);
  const untyped = (g.none === undefined && !b.typed) || !t.typed;
  return {
    title: g.name!,
    text: untyped ? text.trim().slice(g.name!.length).trim() : undefined,
    unit: b.unit ?? t.unit,
    baseline: b.typed,
    target: t.typed,
  };
};

/** One row of an indicator table (指標 | 現状値 (令和元年度) | 目標値 (令和7年度)). */
const draftIndicatorRow = (cells: string[], header: string[], start: number, parent: number | undefined, elements: DraftElement[]) => {
  const column = (re: RegExp) => header.findIndex((h) => re.test(h));
  const b = column(/現状|現況|基準|実績/u);
  const t = column(/目標/u);
  const baseline = b >= 0 && cells[b] ? readValue(cells[b]!, header[b]!) : undefined;
  const target = t >= 0 && cells[t] ? readValue(cells[t]!, header[t]!) : undefined;
  const unit = baseline?.unit || target?.unit || undefined;
  // A new indicator's baseline cell printed empty, ― or 新規 holds no value: the row is read whole with its target.
  const empty = (k: number) => cells[k] === undefined || cells[k]!.trim() === '' || NO_VALUE.test(cells[k]!.trim());
  // A cell not read as a value (no number, or no year in it or its column's header) is named for the curator.
  const unread = [[b, baseline, '現状値'], [t, target, '目標値']].flatMap(([k, read, name]) => (k as number) >= 0 && !read && !empty(k as number) ? [`${name} ${cells[k as number]!.trim()}`] : []);
  elements.push({
    cls: 'Indicator', level: header[0], title: cells[0], parent, cue: 'table header', confidence: baseline || (b >= 0 && empty(b) && target) ? 0.8 : 0.5, start,
    unit, baseline: baseline?.value, target: target?.value, ...(unread.length > 0 ? { unread } : {}),
  });
};

/**
 * A markdown table row whose cell wraps onto the next lines (| 施策19 | 人権・平和 / の尊重 |) is one row: a line that
 * opens with | and does not close joins the following lines up to the one that closes it.
 */
const joinWrappedRows = (lines: readonly Line[]): Line[] => {
  const out: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!/^[|｜]/u.test(l.text) || /[|｜]$/u.test(l.text)) { out.push(l); continue; }
    let end = i + 1;
    while (end < lines.length && end - i <= 3 && lines[end]!.text.length > 0 && !/^[|｜]/u.test(lines[end]!.text) && !/[|｜]$/u.test(lines[end]!.text)) end++;
    if (end >= lines.length || end - i > 3 || !/[|｜]$/u.test(lines[end]!.text) || /^[|｜]/u.test(lines[end]!.text)) { out.push(l); continue; }
    // Japanese wraps inside words: the pieces join with no space; Latin words keep one.
    const text = lines.slice(i, end + 1).map((x) => x.text).reduce((a, b) => (/[\x21-\x7e]$/.test(a) && /^[\x21-\x7e]/.test(b) ? `${a} ${b}` : a + b));
    out.push({ ...l, text });
    i = end;
  }
  return out;
};

/**
 * Rows of a table whose first cells are spanned from the row above (left empty: a tab-separated line opening with a
 * tab, a markdown row opening with an empty cell) keep their empty cells, so that each cell stays under its column's
 * header; after a row, such a line is a row even with one cell filled (\t\t②　食育の推進).
 */
const markSpannedRows = (kinds: LineKind[], lines: readonly Line[]) => {
  let previous: LineKind | undefined;
  kinds.forEach((k, i) => {
    const raw = lines[i]!.raw.replace(/\r$/, '');
    const afterRow = previous?.kind === 'row';
    if (/^[ 　]*\t/u.test(raw) && raw.trim().length > 0 && (k.kind === 'row' || afterRow)) kinds[i] = { kind: 'row', cells: raw.split('\t').map((c) => c.trim()) };
    else if (/^[|｜].*[|｜]$/u.test(lines[i]!.text) && k.kind !== 'row' && k.kind !== 'noise' && afterRow) kinds[i] = { kind: 'row', cells: lines[i]!.text.slice(1, -1).split(/[|｜]/u).map((c) => c.trim()) };
    if (kinds[i]!.kind !== 'blank') previous = kinds[i];
  });
};

/** A run of three or more headings with nothing between them, most of which recur later, is a table of contents. */
const markTableOfContents = (kinds: LineKind[], lines: readonly Line[]) => {
  const headingText = (k: LineKind, l: Line) => (k.kind === 'heading' || k.kind === 'label' ? normKey(l.text.replace(/^[-*]\s+/, '')) : undefined);
  const later = (from: number, key: string) => {
    for (let j = from; j < kinds.length; j++) if (headingText(kinds[j]!, lines[j]!) === key) return true;
    return false;
  };
  let i = 0;
  while (i < kinds.length) {
    if (headingText(kinds[i]!, lines[i]!) === undefined) { i++; continue; }
    const run: number[] = [];
    let j = i;
    const keys = new Set<string>();
    for (; j < kinds.length; j++) {
      if (kinds[j]!.kind === 'blank') continue;
      const key = headingText(kinds[j]!, lines[j]!);
      // A table of contents lists each heading once: a heading printed again (基本目標1 after an overview listing
      // 基本目標1–3) is where the body starts.
      if (key === undefined || keys.has(key)) break;
      keys.add(key);
      run.push(j);
    }
    // A bare label (めざす姿, 主な取組) is printed in every section by nature: its recurring is no sign of a table of
    // contents, so only headings and numbered labels count.
    const recurs = run.map((r) => later(j, headingText(kinds[r]!, lines[r]!)!));
    const recurring = run.filter((r, n) => !(kinds[r]!.kind === 'label' && (kinds[r] as { style: string }).style.startsWith('label:')) && recurs[n]).length;
    // Only the entries printed again later are the contents' entries: one that is not (基本目標３ listed in the
    // 基本構想, with no section of its own in the 基本計画) is printed here alone, and is drafted here.
    if (run.length >= 3 && recurring >= 2) run.forEach((r, n) => { if (recurs[n]) kinds[r] = { kind: 'noise', reason: 'table of contents' }; });
    i = j;
  }
};

