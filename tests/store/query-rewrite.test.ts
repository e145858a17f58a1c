// What Virtuoso is sent: the default graph as one IRI (the merge graph or the graph group), and the named graphs
// listed only for a query that reads named graphs (a national build has thousands of them).
import { describe, expect, it } from 'vitest';
import { classifyQuery } from '../../src/server/lib/query-classify.ts';
import { GRAPHS_GROUP } from '../../src/store/virtuoso/marker.ts';
import { NO_GRAPH, rewriteQuery } from '../../src/store/virtuoso/query-rewrite.ts';

const graphs = new Set(Array.from({ length: 2000 }, (_, i) => `http://localhost:3000/graph/${900000 + i}/p`));
const options = { graphs, defaultGraphs: [], namedGraphs: [], mergeGraph: GRAPHS_GROUP, rowLimit: 10_001 };
const rewrite = (query: string) => rewriteQuery(query, options);
const count = (text: string, clause: string) => text.split(clause).length - 1;

describe('rewriteQuery with a graph group', () => {
  it('reads the default graph through the one group IRI, without listing the named graphs', () => {
    const text = rewrite('SELECT ?s WHERE { ?s a ?c } LIMIT 5');
    expect(text).toContain(`FROM <${GRAPHS_GROUP}>`);
    expect(count(text, 'FROM NAMED')).toBe(0);
    expect(text.length).toBeLessThan(500);
  });

  it('lists every build graph as named for GRAPH, in a subquery or a FILTER EXISTS too', () => {
    for (const q of [
      'SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }',
      'SELECT ?s WHERE { { SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } } } }',
      'SELECT ?s WHERE { ?s ?p ?o FILTER EXISTS { GRAPH ?g { ?s ?p ?o } } }',
    ]) {
      const text = rewrite(q);
      expect(count(text, 'FROM NAMED'), q).toBe(graphs.size);
      expect(count(text, 'FROM <'), q).toBe(1);
      expect(text, q).toContain(`FROM <${GRAPHS_GROUP}>`);
    }
  });

  it('keeps a client from naming the group or any graph outside the build', () => {
    const text = rewrite(`SELECT * FROM <${GRAPHS_GROUP}> WHERE { ?s ?p ?o }`);
    expect(text).toContain(`FROM <${NO_GRAPH}>`);
    expect(text).not.toContain(`FROM <${GRAPHS_GROUP}>`);
  });
});

describe('rewriteQuery from the server parser thread\'s outline', () => {
  const QUERIES = [
    'SELECT * WHERE { ?s ?p ?o }',
    'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p HAVING (COUNT(*) > 2)',
    'SELECT ?s WHERE { { SELECT * WHERE { ?s ?p ?o } LIMIT 3 } } LIMIT 99999',
    'SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g OFFSET 4',
    'ASK FROM <http://localhost:3000/graph/900001/p> { ?s ?p ?o }',
    'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5',
    'DESCRIBE ?s WHERE { ?s a ?c } LIMIT 2',
    'PREFIX e: <http://e/> SELECT ?x WHERE { ?x e:p/e:q* "a" } VALUES ?x { e:a }',
  ];

  it('sends Virtuoso the same text from a structured clone of the outline as from the text, and leaves the outline unchanged', () => {
    for (const q of QUERIES) {
      const { outline } = classifyQuery(q);
      const clone = structuredClone(outline);
      const before = JSON.stringify(clone);
      expect(rewriteQuery(q, options, clone), q).toBe(rewriteQuery(q, options));
      // A memoized outline is shared by every request of its text.
      expect(JSON.stringify(clone), q).toBe(before);
    }
  });

  it('reads the outline it is given, not the text (no second parse)', () => {
    const text = rewriteQuery('ASK {}', options, classifyQuery('SELECT ?s WHERE { ?s ?p 1 }').outline);
    expect(text).toMatch(/^SELECT \?s/);
    expect(text).toContain('LIMIT 10001');
  });

  it('refuses DESCRIBE * whether parsed here or in a parser thread', () => {
    const q = 'DESCRIBE * WHERE { ?s ?p ?o }';
    for (const outline of [undefined, structuredClone(classifyQuery(q).outline)])
      expect(() => rewriteQuery(q, options, outline)).toThrow(/DESCRIBE \* is not supported/);
  });
});
