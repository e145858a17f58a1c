// Measures how deeply a query nests { ( [ in one linear pass, before any parser sees it: parsers (traqula, the
// engine's) recurse per level and take superlinear time or overflow their stack on deep queries.
import { HttpError } from './http-error.ts';

const OPEN = new Set(['{', '(', '[']);
const CLOSE = new Set(['}', ')', ']']);
/** An IRIREF token from this `<` on (SPARQL 1.1 grammar [139]); otherwise `<` is the less-than operator. */
const IRIREF = /<[^<>"{}|^`\\\u0000-\u0020]*>/y;

export interface NestingExcess {
  /** 1-based position of the bracket that went past the limit. */
  readonly line: number;
  readonly column: number;
}

const isLineEnd = (ch: string | undefined) => ch === '\n' || ch === '\r';

/**
 * End (exclusive) of the string literal opening at `start`, as the parsers' longest-match lexers see it, or -1 when
 * no literal opens there (the quote is then scanned as an ordinary character: never counting less than a parser).
 * A long literal that never closes leaves `''` as an empty short one; after one such miss, long literals with that
 * quote are not tried again, which keeps the scan linear.
 */
const stringEnd = (text: string, start: number, quote: string, unclosedLong: Set<string>): number => {
  const triple = quote.repeat(3);
  if (!unclosedLong.has(quote) && text.startsWith(triple, start)) {
    for (let i = start + 3; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text.startsWith(triple, i)) return i + 3;
    }
    unclosedLong.add(quote);
  }
  // A short literal ends at its quote and may not cross a line end.
  for (let i = start + 1; i < text.length && !isLineEnd(text[i]); i++) {
    if (text[i] === '\\' && !isLineEnd(text[i + 1])) i++;
    else if (text[i] === quote) return i + 1;
  }
  return -1;
};

/**
 * Where the text first nests deeper than maxDepth, or undefined. String literals (all four quote forms, with
 * escapes), IRIs and # comments are skipped as a SPARQL lexer would; a backslash outside them (a prefixed name's
 * escape, as in ex:a\#) hides the next character from the count, as the lexer does.
 */
export const findNestingExcess = (text: string, maxDepth: number): NestingExcess | undefined => {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const unclosedLong = new Set<string>();
  // Lines end at LF, CR or CRLF, as the parsers count them.
  const isEol = (at: number) => text[at] === '\n' || (text[at] === '\r' && text[at + 1] !== '\n');
  const newline = (at: number) => {
    line++;
    lineStart = at + 1;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (isEol(i)) {
      newline(i);
      i++;
    } else if (c === '#') {
      // A comment runs to the end of the line (CR or LF); the line end itself is handled on the next turn.
      while (i < text.length && !isLineEnd(text[i])) i++;
    } else if (c === '<') {
      IRIREF.lastIndex = i;
      i = IRIREF.test(text) ? IRIREF.lastIndex : i + 1;
    } else if (c === '"' || c === "'") {
      const end = stringEnd(text, i, c, unclosedLong);
      if (end < 0) i++;
      else {
        for (let j = i; j < end; j++) if (isEol(j)) newline(j);
        i = end;
      }
    } else if (c === '\\') {
      i += isLineEnd(text[i + 1]) ? 1 : 2;
    } else {
      if (OPEN.has(c)) {
        depth++;
        if (depth > maxDepth) return { line, column: i - lineStart + 1 };
      } else if (CLOSE.has(c) && depth > 0) depth--;
      i++;
    }
  }
  return undefined;
};

/** Throws 400 query_too_complex, naming the limit and where it was passed, when the text nests deeper than maxDepth. */
export const checkNesting = (text: string, maxDepth: number): void => {
  const excess = findNestingExcess(text, maxDepth);
  if (excess)
    throw new HttpError(
      'query_too_complex',
      `the query nests { ( [ deeper than ${maxDepth} levels (the limit) at line ${excess.line}, column ${excess.column}; flatten it`,
      excess,
    );
};
