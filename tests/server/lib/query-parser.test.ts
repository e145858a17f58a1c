// The server's query classifier: short, shallow texts parsed in place, the rest in a parser thread, with the same
// classification and the same errors either way.
import { afterAll, describe, expect, it } from 'vitest';
import { HttpError } from '../../../src/server/lib/errors.ts';
import { IN_PLACE_MAX_NESTING, IN_PLACE_MAX_TEXT, ParsePool, queryClassifier } from '../../../src/server/lib/query-parser.ts';

const BASE = 'http://localhost:3000/';
const pool = new ParsePool({ threads: 1, timeoutMs: 10_000, maxQueued: 8, baseIri: BASE });
afterAll(() => pool.close());

/** The pool, with the texts it was given recorded. */
const recorded = () => {
  const seen: string[] = [];
  const spy = Object.assign(Object.create(pool) as ParsePool, {
    parse: (text: string) => {
      seen.push(text);
      return pool.parse(text);
    },
  });
  return { seen, classify: queryClassifier({ pool: spy, maxNesting: 64, memoEntries: 0 }) };
};

const failure = async (p: Promise<unknown>) => {
  const e = (await p.catch((x: unknown) => x)) as HttpError;
  expect(e).toBeInstanceOf(HttpError);
  return { code: e.code, status: e.status, message: e.message, line: e.options.line, column: e.options.column };
};

/** `text` padded with spaces after its last brace to exactly `length` characters. */
const padded = (text: string, length: number) => text + ' '.repeat(length - text.length);

describe('queryClassifier', () => {
  it('parses a short, shallow text in place, with the classification the parser thread gives (relative IRIs read against the base)', async () => {
    const { seen, classify } = recorded();
    const texts = [
      'SELECT ?p ?o FROM <graph/a> WHERE { <id/x> ?p ?o } LIMIT 5',
      padded('PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ASK { ?s rdfs:label ?l FILTER(lang(?l) = "ja") }', IN_PLACE_MAX_TEXT),
      `SELECT * WHERE ${'{'.repeat(IN_PLACE_MAX_NESTING)} ?s ?p ?o ${'}'.repeat(IN_PLACE_MAX_NESTING)}`,
    ];
    for (const text of texts) expect(await classify(text), text).toEqual(await pool.parse(text));
    expect(seen).toEqual([]);
    expect((await classify(texts[0]!)).outline.from.default).toEqual([`${BASE}graph/a`]);
  });

  it('sends a text one character too long, or one level too deep, to a parser thread', async () => {
    const { seen, classify } = recorded();
    const long = padded('SELECT * WHERE { ?s ?p ?o }', IN_PLACE_MAX_TEXT + 1);
    const deep = `SELECT * WHERE ${'{'.repeat(IN_PLACE_MAX_NESTING + 1)} ?s ?p ?o ${'}'.repeat(IN_PLACE_MAX_NESTING + 1)}`;
    expect((await classify(long)).form).toBe('SELECT');
    expect((await classify(deep)).form).toBe('SELECT');
    expect(seen).toEqual([long, deep]);
  });

  it('refuses a malformed text parsed in place with the 400 and position a parser thread gives', async () => {
    const { seen, classify } = recorded();
    for (const text of ['SELECT * WHERE { ?s ?p }', 'SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(\n}', 'INSERT DATA { <a> <b> <c> }']) {
      const inPlace = await failure(classify(text));
      expect(inPlace.status, text).toBeGreaterThanOrEqual(400);
      expect(inPlace.status, text).toBeLessThan(500);
      expect(inPlace, text).toEqual(await failure(pool.parse(text)));
    }
    expect(seen).toEqual([]);
  });
});
