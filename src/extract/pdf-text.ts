// A PDF's text in reading order, from the positions and font sizes of its text items (pdfjs-dist): columns, tables, headings, running headers and footers.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ExtractError } from './errors.ts';
import { normalizeGlyphs } from './normalize.ts';

interface Fragment { text: string; x0: number; x1: number; size: number }
interface TextLine { y: number; size: number; fragments: Fragment[] }
interface Page { width: number; height: number; lines: TextLine[] }

/** A gap wider than this many font sizes separates two fragments of a line (columns, table cells). */
const CELL_GAP = 1.2;

const median = (xs: number[]) => (xs.length === 0 ? 0 : [...xs].sort((a, b) => a - b)[xs.length >> 1]!);
const lineText = (l: TextLine) => l.fragments.map((f) => f.text).join(' ');

const readPages = async (data: Uint8Array, file: string): Promise<Page[]> => {
  let doc;
  try {
    doc = await getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException') throw new ExtractError(file, 'the PDF is encrypted with a password; give a PDF that can be opened without one');
    throw new ExtractError(file, `not a readable PDF (${name ?? 'error'}: ${(e as Error).message})`);
  }
  const pages: Page[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [, , width, height] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    // Spaces are kept as items of their own: pdfjs returns an ideographic space (U+3000) as a separate " " item, one
    // font size wide per space, and the space between a number and its level word or between two words of a title
    // is the text's own (１　村の将来像, 出生数　現状値 …).
    const items = content.items
      .filter((it): it is typeof it & { str: string; transform: number[]; width: number } => 'str' in it && it.str.length > 0)
      .map((it) => ({ text: it.str, x: it.transform[4]!, y: it.transform[5]!, w: it.width, size: Math.hypot(it.transform[2]!, it.transform[3]!) || 10 }))
      .sort((a, b) => b.y - a.y || a.x - b.x);
    const lines: { y: number; size: number; items: typeof items }[] = [];
    for (const it of items) {
      const line = lines.find((l) => Math.abs(l.y - it.y) < 0.4 * Math.min(l.size, it.size));
      if (line) line.items.push(it);
      // A space joins the line of the text it stands in; alone it makes no line.
      else if (it.text.trim().length > 0) lines.push({ y: it.y, size: it.size, items: [it] });
    }
    pages.push({
      width,
      height,
      lines: lines
        .sort((a, b) => b.y - a.y)
        .map((l) => {
          const sorted = l.items.sort((a, b) => a.x - b.x);
          const fragments: Fragment[] = [];
          /** Width of the space items since the last text item: a font size or more is that many ideographic spaces. */
          let space = 0;
          for (const it of sorted) {
            if (it.text.trim().length === 0) {
              space += it.w;
              continue;
            }
            const last = fragments[fragments.length - 1];
            // The gap is measured between the texts: spaces, however wide, do not join two table cells.
            const gap = last ? it.x - last.x1 : Infinity;
            if (last && gap <= CELL_GAP * it.size) {
              const sep =
                space >= 0.75 * it.size ? '\u3000'.repeat(Math.max(1, Math.round(space / it.size)))
                : space > 0 || (gap > 0.25 * it.size && /[\x21-\x7e]$/.test(last.text)) ? ' '
                : '';
              last.text += sep + it.text;
              last.x1 = Math.max(last.x1, it.x + it.w);
            } else fragments.push({ text: it.text, x0: it.x, x1: it.x + it.w, size: it.size });
            space = 0;
          }
          const texts = l.items.filter((i) => i.text.trim().length > 0);
          return { y: l.y, size: Math.max(...texts.map((i) => i.size)), fragments: fragments.map((f) => ({ ...f, text: f.text.trim() })) };
        }),
    });
  }
  await doc.destroy();
  return pages;
};

/**
 * Lines at the top or bottom of pages that recur (digits aside) on several pages, and bare page numbers there. The
 * first page's occurrence stays when it is printed larger than all the others: a cover's title in the top tenth of
 * page 1, repeated in small type as the running header of the pages after it, is the document's title.
 */
const removeRunningLines = (pages: Page[]) => {
  const key = (l: TextLine) => lineText(l).replace(/[0-9０-９]+/g, '#');
  const edge = (p: Page, l: TextLine) => l.y > p.height * 0.9 || l.y < p.height * 0.1;
  const counts = new Map<string, number>();
  /** The largest size each recurring line is printed in after page 1. */
  const laterSize = new Map<string, number>();
  pages.forEach((p, n) => {
    const lines = p.lines.filter((l) => edge(p, l));
    for (const k of new Set(lines.map(key))) counts.set(k, (counts.get(k) ?? 0) + 1);
    if (n > 0) for (const l of lines) laterSize.set(key(l), Math.max(laterSize.get(key(l)) ?? 0, l.size));
  });
  const needed = Math.max(2, Math.ceil(pages.length / 2));
  const cover = (n: number, l: TextLine) => n === 0 && l.size > 1.2 * (laterSize.get(key(l)) ?? Infinity);
  pages.forEach((p, n) => {
    p.lines = p.lines.filter((l) => !(edge(p, l) && (((counts.get(key(l)) ?? 0) >= needed && !cover(n, l)) || /^[-–—\s]*[0-9０-９]{1,4}[-–—\s]*$/.test(lineText(l)))));
  });
};

/** The longest run of lines that no fragment crosses at some x in the middle of the page, with text on both sides. */
const findGutter = (lines: TextLine[], width: number): { from: number; to: number; x: number } | undefined => {
  let best: { from: number; to: number; x: number } | undefined;
  for (let x = width * 0.3; x <= width * 0.7; x += 2) {
    let from = 0;
    for (let i = 0; i <= lines.length; i++) {
      const crosses = i === lines.length || lines[i]!.fragments.some((f) => f.x0 < x && f.x1 > x);
      if (!crosses) continue;
      const run = lines.slice(from, i);
      const both = run.filter((l) => l.fragments.some((f) => f.x1 <= x) && l.fragments.some((f) => f.x0 >= x)).length;
      if (run.length >= 3 && both >= 2 && (!best || i - from > best.to - best.from)) best = { from, to: i, x };
      from = i + 1;
    }
  }
  return best;
};

/** Text of some lines in reading order: a gutter makes either two columns (read left, then right) or table rows. */
const readLines = (lines: TextLine[], page: Page, body: number, out: string[]) => {
  const gutter = findGutter(lines, page.width);
  if (!gutter) {
    emit(lines, body, out);
    return;
  }
  readLines(lines.slice(0, gutter.from), page, body, out);
  const run = lines.slice(gutter.from, gutter.to);
  const frags = run.flatMap((l) => l.fragments);
  const cells = run.filter((l) => l.fragments.length >= 2);
  // Table rows: most lines are split, and their cells are short; columns: long lines of running text on each side.
  const isTable = cells.some((l) => l.fragments.length >= 3) || median(frags.map((f) => f.text.length)) < 12;
  if (isTable) {
    // The columns start where the cells of the row with the most cells start; a row whose first cells are spanned
    // from the row above (printed empty) keeps them as empty cells, so each cell stays under its column's header.
    const columns = run.reduce((a, l) => (l.fragments.length > a.fragments.length ? l : a)).fragments.map((f) => f.x0);
    out.push('');
    for (const l of run) {
      const cells: string[] = [];
      for (const f of l.fragments) {
        const column = columns.reduce((c, x, k) => (x <= f.x0 + 0.5 * f.size ? k : c), 0);
        while (cells.length < column) cells.push('');
        cells.push(f.text);
      }
      out.push(cells.join('\t'));
    }
    out.push('');
  } else {
    const side = (left: boolean) => run.map((l) => ({ ...l, fragments: l.fragments.filter((f) => (f.x1 <= gutter.x) === left) })).filter((l) => l.fragments.length > 0);
    emit(side(true), body, out);
    out.push('');
    emit(side(false), body, out);
  }
  readLines(lines.slice(gutter.to), page, body, out);
};

/** Lines one under another: a wide vertical gap or a larger font starts a new block. */
const emit = (lines: TextLine[], body: number, out: string[]) => {
  lines.forEach((l, i) => {
    const prev = lines[i - 1];
    const heading = l.size >= body * 1.2;
    if (prev && (prev.y - l.y > 1.8 * l.size || heading || prev.size >= body * 1.2)) out.push('');
    out.push(l.fragments.map((f) => f.text).join('\t'));
  });
};

/** The text of a PDF in reading order, glyph-normalized (see normalize.ts), one line per text line, blocks separated by blank lines. */
export const pdfText = async (data: Uint8Array, file: string): Promise<string> => {
  const head = new TextDecoder('latin1').decode(data.subarray(0, 1024));
  if (!head.includes('%PDF-')) throw new ExtractError(file, 'not a PDF (no %PDF- header)');
  const pages = await readPages(data, file);
  removeRunningLines(pages);
  const body = median(pages.flatMap((p) => p.lines.flatMap((l) => l.fragments.flatMap((f) => Array<number>(f.text.length).fill(f.size)))));
  const out: string[] = [];
  for (const p of pages) {
    readLines(p.lines, p, body, out);
    out.push('');
  }
  return normalizeGlyphs(out.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n');
};
