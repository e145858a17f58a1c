// Reads what each line is: a heading with its cue (level word, numbering), a level label, a list item, a table row, prose or noise.
import { classOfLevelWord, type ElementClass } from './level-words.ts';
import { readNumber, type PrintedNumber } from './numbering.ts';

export type LineKind =
  | { kind: 'blank' }
  | { kind: 'noise'; reason: string }
  | { kind: 'heading'; cue: 'level word' | 'numbering'; word?: string; number: PrintedNumber; title: string; subtitle?: string; trailing?: string; style: string }
  | { kind: 'label'; word: string; cls: ElementClass; style: string }
  | { kind: 'section'; word: string; cls?: ElementClass }
  | { kind: 'bullet'; marker: string; body: string }
  | { kind: 'row'; cells: string[] }
  | { kind: 'prose'; text: string };

const WORD = '[\\p{Script=Han}\\p{Script=Katakana}\\p{Script=Hiragana}ー・]{1,14}?';
const LEVEL_WORD = new RegExp(`^(?:[-■□◆◇●○]\\s*)?(?<word>${WORD})[ 　]*(?=[0-9０-９①-⑳❶-❿➊-➓Ⅰ-ⅫIVX(（])`, 'u');
/**
 * Numbers followed by these are counts, dates or quantities, not headings: 6つ, 12年, 84.9%. A counter must touch its
 * number: in 施策19 人権・平和 the 人 after a space starts the title.
 */
const NOT_A_HEADING_NUMBER = /^(?:[つ年月日%％か箇ヶ人件回時分歳倍円]|[ 　]*(?:\d|[.．]\d))/u;
const BULLET = /^(?:[-*][ 　]+)?(?<marker>[▶▷►▸◆◇○●■□・◎☆★])[ 　]*(?<body>\S.*)$/u;
const MD_BULLET = /^[-*][ 　]+(?<body>\S.*)$/u;
const LEADER = /(?:[・.．…‥·⋯][ 　]*){3,}[ 　]*[0-9０-９]{1,4}[ 　]*$/u;
const PAGE_NUMBER = /^[-–—－ 　]*(?:[pP]\.?\s*)?[0-9０-９]{1,4}[-–—－ 　]*$|^[-–—－]\s*[0-9０-９]{1,4}\s*[-–—－]$/u;
const TITLE_MAX = 60;

const stripDressing = (s: string) => s.replace(/^[■□◆◇●○]\s*/u, '').replace(/^[-*]\s+/, '');
/** A level label may carry a parenthesized gloss: 基本目標(目指すべき将来像). */
const stripGloss = (s: string) => s.replace(/[（(][^）)]*[）)]$/u, '');
const isTitleLike = (s: string) => s.length > 0 && s.length <= TITLE_MAX && !/[。．]$/u.test(s) && !/^[、。，．）)」]/u.test(s);
const cleanTitle = (s: string) => s.replace(/^[ 　]*(?:[…‥・.．:：]{2,}|[:：、.．]|[-–—])[ 　]*/u, '').trim();

/** A level label: a short line that is only a level word (めざす姿, 3 将来像, - 取組方針), no title. */
const asLabel = (text: string): { word: string; cls: ElementClass; number?: PrintedNumber } | undefined => {
  let body = stripDressing(text);
  const num = readNumber(body);
  let number: PrintedNumber | undefined;
  if (num && /^[ 　.．]/u.test(num.rest)) {
    number = num.number;
    body = num.rest.trim().replace(/^[.．]\s*/u, '');
  }
  const word = stripGloss(body.replace(/\s+/g, ''));
  if (word.length === 0 || word.length > 20 || /[、。，「」『』]/u.test(word)) return undefined;
  const cls = classOfLevelWord(word, true);
  return cls ? { word: body.trim(), cls, number } : undefined;
};

/** Words printed before numbers (基本目標 1, 施策 1 2, 方針1) at least twice with different numbers: the document's own level words. */
export const learnLevelWords = (texts: readonly string[]): Set<string> => {
  const numbers = new Map<string, Set<string>>();
  for (const t of texts) {
    const m = LEVEL_WORD.exec(stripDressing(t.trim()));
    if (!m?.groups) continue;
    const word = m.groups.word!;
    const num = readNumber(t.trim().slice(t.trim().indexOf(word) + word.length).trimStart());
    if (!num || NOT_A_HEADING_NUMBER.test(num.rest) || /^(?:令和|平成|昭和|西暦|約|第)$/u.test(word)) continue;
    if (!numbers.has(word)) numbers.set(word, new Set());
    numbers.get(word)!.add(num.number.values.join('-'));
  }
  return new Set([...numbers].filter(([, n]) => n.size >= 2).map(([w]) => w));
};

/** A heading cue at the start of `text`: a learned level word with a number, or a number with a short title. */
export const readHeading = (text: string, levelWords: ReadonlySet<string>): Extract<LineKind, { kind: 'heading' }> | undefined => {
  const body = stripDressing(text);
  const m = LEVEL_WORD.exec(body);
  if (m?.groups && levelWords.has(m.groups.word!)) {
    const word = m.groups.word!;
    const num = readNumber(body.slice(m[0].length));
    if (num && !NOT_A_HEADING_NUMBER.test(num.rest)) {
      const { title: head, trailing } = splitTrailing(cleanTitle(num.rest));
      const [title, subtitle] = splitSubtitle(head);
      if (title.length === 0 || isTitleLike(title))
        return { kind: 'heading', cue: 'level word', word, number: num.number, title, subtitle, trailing, style: `word:${word}` };
    }
  }
  const num = readNumber(body);
  if (!num || NOT_A_HEADING_NUMBER.test(num.rest)) return undefined;
  // A bare number needs a space or a delimiter before its title (1 計画期間, 1. 総論, (1) 方針); 第2章 and ① need none.
  const delimited = /^[ 　.．、)）:：]/u.test(num.rest) || /^(?:chapter|paren|circled|neg-circled|roman)/.test(num.number.system) || num.number.system.includes('×');
  const { title: head, trailing } = splitTrailing(cleanTitle(num.rest.replace(/^[.．、)）]/u, '')));
  const [title, subtitle] = splitSubtitle(head);
  if (!delimited || !isTitleLike(title)) return undefined;
  return { kind: 'heading', cue: 'numbering', number: num.number, title, subtitle, trailing, style: `number:${num.number.system}` };
};

/** In text flattened onto one line a heading's title is followed by its sentences: "防災体制の強化 地域の防災力を…。". */
const splitTrailing = (s: string): { title: string; trailing?: string } => {
  if (isTitleLike(s)) return { title: s };
  const m = /^(\S{2,40})[ 　]+(\S.*[。．])[ 　]*$/u.exec(s);
  return m ? { title: m[1]!, trailing: m[2]! } : { title: s };
};

/** "ひとづくり — 人が育ち… —" → title and subtitle. */
const splitSubtitle = (s: string): [string, string | undefined] => {
  const m = /^(.+?)[ 　]*[—―－~〜][ 　]*(.+?)[ 　]*[—―－~〜]?$/u.exec(s);
  return m && m[1]!.length >= 2 ? [m[1]!.trim(), m[2]!.trim()] : [s.trim(), undefined];
};

const ERA_YEAR = '(?:令和|平成|昭和)?\\s*(?:元|[0-9０-９]{1,4})\\s*年度?';
const PERIOD = new RegExp(`(?:令和|平成|昭和|[0-9０-９]{4})[^～〜~－―]{0,8}[～〜~－―][ 　]*${ERA_YEAR}`, 'u');
/** A title line of the document: it names a plan (計画) and a period of years, and is not a sentence. */
const isDocumentTitle = (text: string): boolean => text.length <= 60 && /計画/u.test(text) && PERIOD.test(text) && !/[。．、]/u.test(text);

/** What one line is. `repeated` holds short lines that recur so often they are page furniture. */
export const readLine = (text: string, levelWords: ReadonlySet<string>, repeated: ReadonlySet<string>): LineKind => {
  if (text.length === 0) return { kind: 'blank' };
  if (/^[|｜]?[-:| ]+[|｜]?$/.test(text) && text.includes('-') && text.includes('|')) return { kind: 'noise', reason: 'table rule' };
  if (text.includes('\t') || /^\|.*\|$/.test(text)) {
    const cells = (text.startsWith('|') ? text.slice(1, -1).split('|') : text.split('\t')).map((c) => c.trim());
    if (cells.filter((c) => c.length > 0).length >= 2) return { kind: 'row', cells };
  }
  if (/^[※＊*]/u.test(text) && !/^\*\s/.test(text)) return { kind: 'noise', reason: 'footnote' };
  if (LEADER.test(text)) return { kind: 'noise', reason: 'table of contents' };
  if (PAGE_NUMBER.test(text)) return { kind: 'noise', reason: 'page number' };
  // A line that is only a level word (3 将来像, めざす姿) labels the items below it; it is read before headings so that
  // its number does not make it a titled heading.
  // A bracketed line (【現状と課題】, ［主な取組］) labels a section of the page it is printed on: it names what the items
  // below it are (成果指標 → indicators) or, naming no class, that what follows is text. It is never an element.
  const bracket = /^(?:[【［〔]([^【】［］〔〕]{1,20})[】］〕]|\[([^[\]]{1,20})\])$/u.exec(text);
  if (bracket) {
    const word = (bracket[1] ?? bracket[2]!).trim();
    return { kind: 'section', word, cls: classOfLevelWord(stripGloss(word.replace(/\s+/g, '')), true) };
  }
  // A line naming a plan (…計画) with its period (令和6年度～令和10年度) is the document's title: the plan itself, read by
  // draft-plan.ts for the plan's title and period, never an element of it.
  if (isDocumentTitle(text)) return { kind: 'noise', reason: 'document title' };
  const label = asLabel(text);
  if (label) return { kind: 'label', word: label.word, cls: label.cls, style: label.number ? `number:${label.number.system}` : `label:${label.word}` };
  const heading = readHeading(text, levelWords);
  if (heading) return heading;
  if (repeated.has(text)) return { kind: 'noise', reason: 'repeated line (page header, footer or figure text)' };
  // Columns set apart by runs of spaces (指標名　　　現状値　　　目標値): three or more cells are a table row. One space
  // never splits: it stands between a number and its title, or inside a title.
  const spaced = text.split(/[ 　]{2,}/u);
  if (spaced.length >= 3 && /　/u.test(text)) return { kind: 'row', cells: spaced };
  const bullet = BULLET.exec(text) ?? MD_BULLET.exec(text);
  if (bullet?.groups) return { kind: 'bullet', marker: bullet.groups.marker ?? '-', body: bullet.groups.body!.trim() };
  return { kind: 'prose', text };
};

/** Short lines that occur three times or more: running headers, footers and figure text repeated on every page. */
export const repeatedLines = (texts: readonly string[]): Set<string> => {
  const counts = new Map<string, number>();
  for (const t of texts) if (t.length > 0 && t.length <= 40) counts.set(t, (counts.get(t) ?? 0) + 1);
  return new Set([...counts].filter(([, n]) => n >= 3).map(([t]) => t));
};
