// SPARQL result serializations: escaping in XML, CSV and TSV, and the row cap.
import { describe, expect, it } from 'vitest';
import { serializeResults, type SparqlJson } from '../../src/store/index.ts';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const result: SparqlJson = {
  head: { vars: ['s', 'o', 'missing'] },
  results: {
    bindings: [
      { s: { type: 'uri', value: 'http://e/a?x=1&y=<2>' }, o: { type: 'literal', value: 'say "hi", then\nbye\t!', 'xml:lang': 'en' } },
      { s: { type: 'bnode', value: 'b0' }, o: { type: 'literal', value: '42', datatype: `${XSD}integer` } },
      { s: { type: 'uri', value: 'http://e/c' }, o: { type: 'literal', value: '2021-04-01', datatype: `${XSD}date` } },
    ],
  },
};

describe('serializeResults', () => {
  it('writes escaped SPARQL XML with language and datatype', () => {
    const { body } = serializeResults(result, 'application/sparql-results+xml', 10);
    expect(body).toContain('<variable name="missing"/>');
    expect(body).toContain('<uri>http://e/a?x=1&amp;y=&lt;2&gt;</uri>');
    // Element content escapes what XML needs there (& and <); a quote needs no reference outside attributes.
    expect(body).toContain('<literal xml:lang="en">say "hi", then\nbye\t!</literal>');
    expect(body).toContain(`<literal datatype="${XSD}integer">42</literal>`);
    expect(body).toContain('<bnode>b0</bnode>');
  });

  it('writes CSV with quoting and empty unbound cells', () => {
    const { body } = serializeResults(result, 'text/csv', 10);
    expect(body).toBe('s,o,missing\r\nhttp://e/a?x=1&y=<2>,"say ""hi"", then\nbye\t!",\r\n_:b0,42,\r\nhttp://e/c,2021-04-01,\r\n');
  });

  it('writes TSV terms in Turtle syntax', () => {
    const { body } = serializeResults(result, 'text/tab-separated-values', 10);
    expect(body.split('\n')).toEqual([
      '?s\t?o\t?missing',
      '<http://e/a?x=1&y=<2>>\t"say \\"hi\\", then\\nbye\\t!"@en\t',
      '_:b0\t42\t',
      `<http://e/c>\t"2021-04-01"^^<${XSD}date>\t`,
      '',
    ]);
  });

  it('cuts to the cap and says so', () => {
    const capped = serializeResults(result, 'application/sparql-results+json', 2);
    expect(capped.capped).toBe(true);
    expect(capped.rows).toBe(2);
    expect((JSON.parse(capped.body) as SparqlJson).results?.bindings).toHaveLength(2);
    expect(serializeResults(result, 'text/csv', 3).capped).toBe(false);
  });

  it('orders the columns as columnOrder says, the ones it does not name after, and rewrites the raw JSON only then', () => {
    const raw = JSON.stringify(result);
    const moved = serializeResults(result, 'application/sparql-results+json', 10, raw, ['o', 's']);
    expect((JSON.parse(moved.body) as SparqlJson).head.vars).toEqual(['o', 's', 'missing']);
    expect((JSON.parse(moved.body) as SparqlJson).results?.bindings).toEqual(result.results?.bindings);
    expect(serializeResults(result, 'text/csv', 10, undefined, ['missing', 'o']).body.split('\r\n')[0]).toBe('missing,o,s');
    // In order already: the engine's own text is sent as it is.
    expect(serializeResults(result, 'application/sparql-results+json', 10, `${raw} `, ['s', 'o']).body).toBe(`${raw} `);
  });

  it('writes booleans', () => {
    const ask: SparqlJson = { head: {}, boolean: false };
    expect(serializeResults(ask, 'application/sparql-results+xml', 1).body).toContain('<boolean>false</boolean>');
    expect(serializeResults(ask, 'text/csv', 1).body).toBe('_askResult\r\nfalse\r\n');
    expect(serializeResults(ask, 'text/tab-separated-values', 1).body).toBe('?_askResult\nfalse\n');
    expect(JSON.parse(serializeResults(ask, 'application/sparql-results+json', 1).body)).toEqual(ask);
  });
});
