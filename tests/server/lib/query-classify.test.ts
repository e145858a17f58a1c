// Query classification: forms, SERVICE endpoints at any depth, the outer LIMIT, updates and syntax errors.
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../src/server/lib/errors.ts';
import { checkServices, classifyQuery } from '../../../src/server/lib/query-classify.ts';
import { ServiceAllowlist } from '../../../src/store/index.ts';

const thrown = (f: () => unknown): HttpError => {
  try {
    f();
  } catch (e) {
    return e as HttpError;
  }
  throw new Error('expected a throw');
};

describe('classifyQuery', () => {
  it.each([
    ['SELECT * { ?s ?p ?o }', 'SELECT'],
    ['ASK { ?s ?p ?o }', 'ASK'],
    ['CONSTRUCT WHERE { ?s ?p ?o }', 'CONSTRUCT'],
    ['DESCRIBE <http://e/a>', 'DESCRIBE'],
  ])('%s is a %s', (query, form) => {
    expect(classifyQuery(query).form).toBe(form);
  });

  it('finds SERVICE IRIs at any depth, once each', () => {
    const q = `SELECT * {
      SERVICE <http://a/sparql> { ?s ?p ?o }
      OPTIONAL { SELECT * { MINUS { SERVICE SILENT <http://b/sparql> { ?s ?p ?o } } } }
      FILTER NOT EXISTS { SERVICE <http://a/sparql> { ?s ?p ?x } }
    }`;
    expect([...classifyQuery(q).services].sort()).toEqual(['http://a/sparql', 'http://b/sparql']);
  });

  it('tells the outer LIMIT and a trailing VALUES', () => {
    expect(classifyQuery('SELECT * { { SELECT * { ?s ?p ?o } LIMIT 3 } }')).toMatchObject({ limit: undefined, trailingValues: false });
    expect(classifyQuery('SELECT * { ?s ?p ?o } LIMIT 7 OFFSET 2')).toMatchObject({ limit: 7 });
    expect(classifyQuery('SELECT * { ?s ?p ?o } VALUES ?s { <http://e/a> }')).toMatchObject({ trailingValues: true });
  });

  it('refuses updates with 403 and a variable SERVICE with 400', () => {
    expect(thrown(() => classifyQuery('DELETE WHERE { ?s ?p ?o }')).status).toBe(403);
    expect(thrown(() => classifyQuery('SELECT * { SERVICE ?x { ?s ?p ?o } }')).status).toBe(400);
  });

  it('walks syntax trees of any depth: a 64 KB chain of || or + is classified, not a stack overflow', () => {
    const chain = (op: string, term: string) => Array.from({ length: 64 * 1024 / (term.length + op.length) }, () => term).join(op);
    expect(classifyQuery(`SELECT * { ?s ?p ?x FILTER(${chain('||', '?x')}) }`).form).toBe('SELECT');
    expect(classifyQuery(`SELECT * { SERVICE <http://a/sparql> { BIND(${chain('+', '1')} AS ?x) } }`).services).toEqual(['http://a/sparql']);
  });

  it('reports syntax errors with the parser message, line and column', () => {
    const e = thrown(() => classifyQuery('SELECT *\nWHERE { ?s ?p }'));
    expect(e.status).toBe(400);
    expect(e.options.line).toBe(2);
    expect(e.options.column).toBeGreaterThan(0);
    expect(e.message).toMatch(/^malformed query \(line 2, column \d+\): Parse error on line 2/);
  });
});

describe('checkServices', () => {
  it('accepts allowlisted endpoints and names the allowlist when refusing', () => {
    const allowlist = new ServiceAllowlist(['https://query.wikidata.org/sparql']);
    expect(() => checkServices(['https://query.wikidata.org/sparql'], allowlist)).not.toThrow();
    // Compared as URLs: host case and a default port do not matter; anything else (a query string, user information,
    // a fragment) is not exactly the allowlisted endpoint and is refused before anything is fetched.
    expect(() => checkServices(['https://QUERY.wikidata.org:443/sparql'], allowlist)).not.toThrow();
    for (const iri of ['https://query.wikidata.org/sparql?x=1', 'https://u:p@query.wikidata.org/sparql', 'https://query.wikidata.org/sparql#f'])
      expect(() => checkServices([iri], allowlist), iri).toThrow(/not allowed/);
    expect(() => checkServices(['https://query.wikidata.org/sparql/other'], allowlist)).toThrow(/not allowed/);
    const e = thrown(() => checkServices(['http://127.0.0.1:22/'], allowlist));
    expect(e.status).toBe(400);
    expect(e.message).toContain('https://query.wikidata.org/sparql');
  });
});
