// Splits a source text into lines with their offsets, undoing letter-spacing and splitting text flattened onto one line.

export interface Line {
  /** The line as it stands in the source (one physical line, or one piece of a flattened line). */
  readonly raw: string;
  /** The line with markdown list/table dressing kept, letter-spacing undone and outer spaces trimmed. */
  readonly text: string;
  /** UTF-16 offset of `raw` in the source text. */
  readonly start: number;
  /** Index of the physical line it came from. */
  readonly physical: number;
}

/** "基 本 理 念" → "基本理念": a line of single characters separated by spaces was letter-spaced for display. */
export const undoLetterSpacing = (s: string): string =>
  /^(?:\S[ 　]+){2,}\S$/u.test(s) && Array.from(s.replace(/[ 　]+/g, '')).length >= 3 ? s.replace(/[ 　]+/g, '') : s;

/** Lines longer than this are searched for headings inside them. */
export const FLAT_LINE = 240;

/**
 * Where to cut a line that holds many headings and paragraphs (text copied from a web page): before each heading cue
 * that follows a sentence end or a wide space. `cue` says whether a heading starts at a position of the line.
 */
const splitFlat = (raw: string, cue: (s: string) => boolean): number[] => {
  const cuts: number[] = [];
  const boundary = /[ 　]+|(?<=[。．！？」』)）])(?![ 　])/gu;
  for (const m of raw.matchAll(boundary)) {
    const at = m.index! + m[0].length;
    if (at > 0 && at < raw.length && cue(raw.slice(at))) cuts.push(at);
  }
  return cuts;
};

/** The lines of `text`; lines longer than FLAT_LINE are cut before each heading cue `cue` finds in them. */
export const splitLines = (text: string, cue: (s: string) => boolean): Line[] => {
  const out: Line[] = [];
  let offset = 0;
  text.split('\n').forEach((physicalLine, physical) => {
    const raw = physicalLine.replace(/\r$/, '');
    const cuts = raw.length > FLAT_LINE ? splitFlat(raw, cue) : [];
    const bounds = [0, ...cuts, raw.length];
    for (let k = 0; k + 1 < bounds.length; k++) {
      const piece = raw.slice(bounds[k], bounds[k + 1]);
      out.push({ raw: piece, text: undoLetterSpacing(piece.trim()), start: offset + bounds[k]!, physical });
    }
    offset += physicalLine.length + 1;
  });
  return out;
};
