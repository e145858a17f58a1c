// The outline a store reads a query by: absolute IRIs for graphs and SERVICE, the query's tokens cut where a store
// restates its dataset and LIMIT, and the parser's refusals with a position.
import sparqljs from 'sparqljs';
import { describe, expect, it } from 'vitest';
import { assemble, outlineQuery, type QueryOutline } from '../../src/store/query-outline.ts';
import { StoreError } from '../../src/store/store.ts';

const BASE = 'http://localhost:3000/';
const outline = (text: string, base = BASE): QueryOutline => {
  const o = outlineQuery(text, base);
  if (o.type !== 'query') throw new Error('not a query');
  return o;
};
/** The query as a store sends it with these clauses, parsed again by another parser (sparqljs). */
const reparsed = (o: QueryOutline, dataset: string, limitOffset: string) =>
  new sparqljs.Parser({ baseIRI: BASE }).parse(assemble(o.pieces!, dataset, limitOffset)) as sparqljs.Query;

describe('outlineQuery', () => {
  it('makes FROM, FROM NAMED and SERVICE IRIs absolute through PREFIX, BASE and the server base', () => {
    const o = outline(`BASE <http://e/a/>
      PREFIX g: <graphs/>
      SELECT * FROM g:one FROM <../two> FROM NAMED <three> WHERE { SERVICE g:svc { ?s ?p ?o } }`);
    expect(o.from).toEqual({ default: ['http://e/a/graphs/one', 'http://e/two'], named: ['http://e/a/three'] });
    expect(o.services).toEqual(['http://e/a/graphs/svc']);
    expect(outline('SELECT * FROM <graph/1> { SERVICE <sparql> { } }').from.default).toEqual([`${BASE}graph/1`]);
    expect(outline('SELECT * FROM <graph/1> { SERVICE <sparql> { } }').services).toEqual([`${BASE}sparql`]);
  });

  it('gives SELECT * the order its variables first appear in ($x and ?x alike), and no order to other forms', () => {
    expect(outline('SELECT * { ?zeta ?p $alpha . ?alpha ?q ?mid # ?comment\n FILTER(?p != "?str") }').columnOrder).toEqual(['zeta', 'p', 'alpha', 'q', 'mid']);
    expect(outline('SELECT ?b ?a { ?a ?p ?b }').columnOrder).toBeUndefined();
    expect(outline('ASK { ?a ?p ?b }').columnOrder).toBeUndefined();
  });

  it('tells a GRAPH pattern and a variable SERVICE at any depth', () => {
    expect(outline('SELECT * { ?s ?p ?o FILTER EXISTS { { SELECT * { GRAPH ?g { ?s ?p ?o } } } } }').readsNamedGraphs).toBe(true);
    expect(outline('SELECT * { ?s ?p ?o }').readsNamedGraphs).toBe(false);
    expect(outline('SELECT * { OPTIONAL { SERVICE ?e { ?s ?p ?o } } }').serviceVariable).toBe(true);
  });

  it('cuts the query where its dataset and outer LIMIT go, without comments or layout', () => {
    const o = outline(`PREFIX e: <http://e/> # a comment with WHERE { and LIMIT 3
      SELECT ?s
      WHERE { ?s e:p "a # not a comment WHERE {" . { SELECT ?s { ?s ?p ?o } LIMIT 2 } } # LIMIT 9
      ORDER BY ?s
      VALUES ?s { e:a }`);
    expect(o.pieces).toEqual({
      head: 'PREFIX e: <http://e/> SELECT ?s',
      dataset: '',
      middle: 'WHERE { ?s e:p "a # not a comment WHERE {" . { SELECT ?s { ?s ?p ?o } LIMIT 2 } } ORDER BY ?s',
      limitOffset: '',
      tail: 'VALUES ?s { e:a }',
    });
    const q = reparsed(o, 'FROM <http://g/>', 'LIMIT 7') as sparqljs.SelectQuery;
    expect(q.from?.default.map((t) => t.value)).toEqual(['http://g/']);
    expect(q.limit).toBe(7);
    expect(q.values).toHaveLength(1);
    expect(q.order).toHaveLength(1);
  });

  it('replaces the query\'s own dataset clauses and LIMIT / OFFSET in place', () => {
    const o = outline('SELECT * FROM <http://a/> FROM NAMED <http://b/> WHERE { ?s ?p ?o } OFFSET 4 LIMIT 9');
    expect(o.pieces).toMatchObject({ dataset: 'FROM <http://a/> FROM NAMED <http://b/>', limitOffset: 'OFFSET 4 LIMIT 9' });
    expect(o).toMatchObject({ limit: 9, offset: 4 });
    const q = reparsed(o, 'FROM <http://g/>', 'LIMIT 5 OFFSET 4') as sparqljs.SelectQuery;
    expect(q.from).toEqual({ default: [expect.objectContaining({ value: 'http://g/' })], named: [] });
    expect([q.limit, q.offset]).toEqual([5, 4]);
  });

  it('puts the dataset of CONSTRUCT WHERE and ASK where the grammar has it', () => {
    for (const text of ['CONSTRUCT WHERE { ?s ?p ?o }', 'CONSTRUCT { ?s ?p ?o } { ?s ?p ?o }', 'ASK { ?s ?p ?o }', 'ASK WHERE { ?s ?p ?o }']) {
      const q = reparsed(outline(text), 'FROM <http://g/>', '');
      expect(q.from?.default.map((t) => t.value), text).toEqual(['http://g/']);
    }
  });

  it('sends no relative IRI: each resolved against the base in force where it stands', () => {
    const o = outline('PREFIX p: <rel/> SELECT * { <id/x> p:y <../z> } # <comment/>');
    expect(o.pieces?.head).toBe(`PREFIX p: <${BASE}rel/> SELECT *`);
    // Dot segments above the root go, as RFC 3986 resolves them.
    expect(o.pieces?.middle).toBe(`{ <${BASE}id/x> p:y <${BASE}z> }`);
    const rebased = outline('BASE <sub/> SELECT * { <a> ?p ?o }');
    expect(rebased.pieces?.head).toBe(`BASE <${BASE}sub/> SELECT *`);
    expect(rebased.pieces?.middle).toBe(`{ <${BASE}sub/a> ?p ?o }`);
  });

  it('reads \\u escapes before anything else, as the grammar says', () => {
    const o = outline('SELECT * WHERE { ?s ?p "\\u00e9t\\u00E9" }');
    expect(o.pieces?.middle).toBe('WHERE { ?s ?p "été" }');
  });

  it('outlines DESCRIBE by its prologue, targets and body', () => {
    const o = outline('PREFIX e: <http://e/> DESCRIBE e:a ?x # c\n WHERE { ?x e:p ?y } ORDER BY ?y LIMIT 2');
    expect(o.describe).toEqual({
      prologue: 'PREFIX e: <http://e/>',
      targets: [
        { kind: 'iri', text: 'e:a' },
        { kind: 'variable', text: '?x' },
      ],
      body: '{ ?x e:p ?y } ORDER BY ?y LIMIT 2',
    });
    expect(outline('DESCRIBE *').describe?.targets).toEqual([{ kind: 'wildcard', text: '*' }]);
  });

  it('tells an update, and refuses what is not SPARQL with the line and column', () => {
    expect(outlineQuery('INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }').type).toBe('update');
    try {
      outlineQuery('SELECT *\nWHERE { ?s ?p }');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StoreError);
      expect((e as StoreError).code).toBe('syntax');
      expect((e as StoreError).position?.line).toBe(2);
      expect((e as StoreError).message).toMatch(/^Parse error on line 2/);
    }
    expect(() => outlineQuery('PREFIX a: <http://a/> SELECT * { b:x ?p ?o }')).toThrow(/Unknown prefix: b/);
  });

  it('reads decimals with no digit before the point, as grammar rules [147]-[153] allow', () => {
    for (const q of ['SELECT * WHERE { BIND(.5 AS ?c) }', 'SELECT * WHERE { BIND(-.5 AS ?c) FILTER(?c > +.5) }', 'SELECT * WHERE { ?s ?p .5 . ?s ?p 1.5 . }'])
      expect(outlineQuery(q).type, q).toBe('query');
    expect(outline('SELECT * WHERE { ?s ?p .5 . } LIMIT 2').pieces?.middle).toBe('WHERE { ?s ?p .5 . }');
    expect(() => outlineQuery('SELECT * WHERE { ?s ?p ?o .5 }')).toThrow(StoreError);
  });

  it('gives structured-clone-safe plain data', () => {
    const o = outline('PREFIX e: <http://e/> SELECT * FROM e:g WHERE { ?s ?p ?o } LIMIT 3');
    expect(structuredClone(o)).toEqual(o);
  });
});
