// What Virtuoso is sent: the default graph as one IRI (the merge graph or the graph group), and the named graphs
// listed only for a query that reads named graphs (a national build has thousands of them).
import { describe, expect, it } from 'vitest';
import { GRAPHS_GROUP } from '../../src/store/virtuoso/marker.ts';
import { NO_GRAPH, rewriteQuery } from '../../src/store/virtuoso/query-rewrite.ts';

const graphs = new Set(Array.from({ length: 2000 }, (_, i) => `http://localhost:3000/graph/${900000 + i}/p`));
const rewrite = (query: string) => rewriteQuery(query, { graphs, defaultGraphs: [], namedGraphs: [], mergeGraph: GRAPHS_GROUP, rowLimit: 10_001 });
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
