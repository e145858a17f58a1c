// Numbering systems of plan headings: recognizes a printed number (1, 1-2, ①, ❶, Ⅱ, (1), 第2章, 5-①, ア) and names its system.
import { kanjiNumber } from '../plan/codes.ts';

/** A printed number as it stands, the system it is written in and its components as integers. */
export interface PrintedNumber {
  /** As printed, with spaces that extraction put between digits removed ("施策 1 2" → "12"). */
  readonly printed: string;
  /** The numbering system and depth, e.g. "arabic", "arabic×2" (1-2), "circled", "chapter"; one level of the outline each. */
  readonly system: string;
  readonly values: readonly number[];
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const NEG_CIRCLED = '❶❷❸❹❺❻❼❽❾❿';
const NEG_CIRCLED_SANS = '➊➋➌➍➎➏➐➑➒➓';
const ROMAN = 'ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ';
const ROMAN_ASCII = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const KANJI_DIGITS = '〇一二三四五六七八九十';
/** Katakana in gojūon order, the numbering of items below (1) in administrative documents (ア, イ, ウ …). */
const KANA = 'アイウエオカキクケコサシスセソタチツテト';

const toAscii = (s: string): string => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

const symbolValue = (ch: string): { system: string; value: number } | undefined => {
  for (const [set, system] of [[CIRCLED, 'circled'], [NEG_CIRCLED, 'neg-circled'], [NEG_CIRCLED_SANS, 'neg-circled'], [ROMAN, 'roman']] as const) {
    const i = set.indexOf(ch);
    if (i >= 0) return { system, value: i + 1 };
  }
  return undefined;
};

// Alternatives, longest first; each leaves the rest of the line in `rest`.
const DIGITS = '[0-9０-９]+';
const SPLIT_DIGITS = '[0-9０-９](?: [0-9０-９])+(?![0-9０-９])';
const SYMBOL = `[${CIRCLED}${NEG_CIRCLED}${NEG_CIRCLED_SANS}${ROMAN}]`;
const SEP = '[-－‐‑–—.．・]';
const PATTERN = new RegExp(
  '^(?:' +
    `(?<chapter>第\\s*(?:${DIGITS}|[${KANJI_DIGITS}]+)\\s*(?<unit>[章節編部款]))` +
    `|(?<paren>[(（]\\s*(?:${DIGITS}|${SYMBOL}|[${KANJI_DIGITS}]+)\\s*[)）])` +
    `|(?<dotted>${DIGITS}(?:${SEP}(?:${DIGITS}|${SYMBOL}))+)` +
    `|(?<split>${SPLIT_DIGITS})` +
    `|(?<arabic>${DIGITS})` +
    `|(?<symbol>${SYMBOL})` +
    `|(?<romanAscii>(?:VIII|VII|III|IX|IV|VI|II|X|V|I)(?=[\\s　]))` +
    `|(?<kana>[${KANA}](?=[ 　]))` +
    ')',
  'u',
);

/** Reads a printed number at the start of `text`; undefined when the text does not start with one. */
export const readNumber = (text: string): { number: PrintedNumber; rest: string } | undefined => {
  const m = PATTERN.exec(text);
  if (!m?.groups) return undefined;
  const g = m.groups;
  const rest = text.slice(m[0].length);
  const make = (printed: string, system: string, values: number[]) => ({ number: { printed, system, values }, rest });
  if (g.chapter) {
    const inner = g.chapter.replace(/^第\s*|\s*[章節編部款]$/g, '');
    const value = /\d|[０-９]/.test(inner) ? Number(toAscii(inner)) : kanjiNumber(inner);
    return make(g.chapter.replace(/\s+/g, ''), `chapter-${g.unit}`, [value]);
  }
  if (g.paren) {
    const inner = g.paren.slice(1, -1).trim();
    const sym = symbolValue(inner);
    const value = sym ? sym.value : /\d|[０-９]/.test(inner) ? Number(toAscii(inner)) : kanjiNumber(inner);
    return make(g.paren.replace(/\s+/g, ''), 'paren', [value]);
  }
  if (g.dotted) {
    const parts = g.dotted.split(new RegExp(SEP, 'u'));
    const values = parts.map((p) => symbolValue(p)?.value ?? Number(toAscii(p)));
    const kinds = parts.map((p) => symbolValue(p)?.system ?? 'arabic');
    return make(g.dotted, `${kinds.join('-')}×${parts.length}`, values);
  }
  // Extraction splits two-digit numbers into single digits ("施策 1 2"); they are one number.
  if (g.split) return make(g.split.replace(/ /g, ''), 'arabic', [Number(toAscii(g.split.replace(/ /g, '')))]);
  if (g.arabic) return make(g.arabic, 'arabic', [Number(toAscii(g.arabic))]);
  if (g.symbol) {
    const sym = symbolValue(g.symbol)!;
    return make(g.symbol, sym.system, [sym.value]);
  }
  if (g.kana) return make(g.kana, 'katakana', [KANA.indexOf(g.kana) + 1]);
  if (g.romanAscii) return make(g.romanAscii, 'roman', [ROMAN_ASCII.indexOf(g.romanAscii) + 1]);
  return undefined;
};

/** A number in a canonical form for comparison: systems erased, components joined by "-" (Ⅱ → 2, 5-① → 5-1). */
export const canonicalNumber = (printed: string | undefined): string => {
  if (printed === undefined) return '';
  const read = readNumber(printed.trim() + ' ');
  return read ? read.number.values.join('-') : printed.normalize('NFKC').replace(/\s+/g, '');
};
