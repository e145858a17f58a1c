// The nesting guard: { ( [ counted as a SPARQL lexer would see them, in one linear pass, before any parser runs.
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../src/server/lib/errors.ts';
import { checkNesting, findNestingExcess } from '../../../src/server/lib/query-nesting.ts';

const nested = (depth: number, open = '{', close = '}') => `SELECT * WHERE ${open.repeat(depth)} ?s ?p ?o ${close.repeat(depth)}`;

describe('findNestingExcess', () => {
  it('admits the limit and reports the bracket past it, by line and column', () => {
    expect(findNestingExcess(nested(64), 64)).toBeUndefined();
    expect(findNestingExcess(nested(65), 64)).toEqual({ line: 1, column: 'SELECT * WHERE '.length + 65 });
    // Mixed kinds count together; line ends are LF, CRLF or CR.
    expect(findNestingExcess('ASK {\r\n ?s <p> [ <q> (\r ( 1 ) ) ] }', 3)).toEqual({ line: 3, column: 2 });
  });

  it('does not count brackets in strings of all four forms, IRIs or comments', () => {
    const deep = '{'.repeat(100);
    // An IRI may hold ( and [ (not {).
    const inIri = '(['.repeat(50);
    const q = `SELECT * { ?s ?p "${deep}\\"${deep}", '${deep}\\'', """${deep}"
${deep}""", '''${deep}''${deep}''' . ?s <http://e/${inIri}> ?o # ${deep}
}`;
    expect(findNestingExcess(q, 2)).toBeUndefined();
  });

  it('counts what a parser would see, however the text tries to hide it', () => {
    const deep = `${'('.repeat(70)}?x${')'.repeat(70)}`;
    for (const q of [
      // < is less-than here, not an IRI: a space cannot be in an IRI.
      `SELECT * { ?s ?p ?x FILTER(?x < 1 && ${deep} > 0) }`,
      // ''' that never closes is an empty string '' and then a short one.
      `SELECT * { ?s ?p '''a' FILTER ${deep} }`,
      // A short string ends at the line end: the next line is read.
      `SELECT * { ?s ?p "a\nFILTER ${deep} }`,
      // An escaped # in a prefixed name is no comment, and a comment ends at CR.
      `PREFIX ex: <http://e/> SELECT * { ?s ex:a\\# ?x FILTER ${deep} }`,
      `SELECT * { # note\rFILTER ${deep} }`,
    ])
      expect(findNestingExcess(q, 64), q.slice(0, 50)).toBeDefined();
  });

  it('stays linear on text built to make a scanner backtrack', () => {
    const bytes = 64 * 1024;
    const started = Date.now();
    for (const unit of ["'''", "'\\'", '<a', '"""a"', '\\', '#\r(', '<<(']) findNestingExcess(unit.repeat(bytes / unit.length), 64);
    // Hang guard only: a quadratic scan of these takes minutes.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('checkNesting', () => {
  it('refuses with 400 query_too_complex, naming the limit and the place', () => {
    let error: HttpError | undefined;
    try {
      checkNesting(`ASK\n${'('.repeat(10)}`, 8);
    } catch (e) {
      error = e as HttpError;
    }
    expect(error?.status).toBe(400);
    expect(error?.code).toBe('query_too_complex');
    expect(error?.message).toMatch(/deeper than 8 levels .* line 2, column 9/);
    expect(error?.options).toMatchObject({ line: 2, column: 9 });
  });
});
