// Virtuoso's SPARQL answers read from its XML results format. Its JSON writer costs it twice the CPU of its XML writer
// (a 10,001-row answer of the 3-hop join nationally: 1.5–2.2 s against 0.7–0.8 s of Virtuoso's time; a label lookup:
// 1.34 against 1.02 ms), while reading XML costs us little more than JSON (60–80 ms for those 10,001 rows, read as they
// arrive; 0.07–0.1 ms for a lookup's 10; by hand, bench/NATIONAL.md).
import type { Readable } from 'node:stream';
import type * as RDF from '@rdfjs/types';
import { SparqlXmlParser } from 'sparqlxml-parse';
import type { JsonBinding, JsonTerm, SparqlJson } from '../sparql-results.ts';

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

/**
 * An answer that is not well-formed XML. Virtuoso writes a literal's C0 control characters as character references
 * (`&#1;`), which XML 1.0 forbids: such an answer is asked for again in JSON.
 */
export class UnreadableXml extends Error {}

const parser = new SparqlXmlParser();

/** A term as the SPARQL JSON results format has it; Virtuoso's blank node labels lose its "nodeID://" prefix. */
const jsonTerm = (t: RDF.Term): JsonTerm => {
  switch (t.termType) {
    case 'NamedNode':
      return { type: 'uri', value: t.value };
    case 'BlankNode':
      return { type: 'bnode', value: t.value.replace(/^nodeID:\/\//, '') };
    case 'Literal':
      if (t.language) return { type: 'literal', value: t.value, 'xml:lang': t.language };
      return t.datatype.value === XSD_STRING || t.datatype.value === RDF_LANG_STRING ? { type: 'literal', value: t.value } : { type: 'literal', value: t.value, datatype: t.datatype.value };
    default:
      throw new UnreadableXml(`a ${t.termType} term in a SPARQL answer`);
  }
};

/** A SELECT answer's variables and solutions, read from `body` (text) as it arrives. */
const solutions = (body: Readable): Promise<SparqlJson> =>
  new Promise((resolve, reject) => {
    // The parser reports no error for a document that stops short, so its end is checked here: the root's end tag.
    let tail = '';
    body.on('data', (chunk: string) => (tail = (tail + chunk).slice(-64)));
    let vars: string[] = [];
    const bindings: JsonBinding[] = [];
    let failed = false;
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      reject(new UnreadableXml(e.message));
    };
    const rows = parser.parseXmlResultsStream(body);
    rows.on('variables', (vs: RDF.Variable[]) => (vars = vs.map((v) => v.value)));
    rows.on('data', (b: Record<string, RDF.Term>) => {
      if (failed) return;
      try {
        bindings.push(Object.fromEntries(Object.entries(b).map(([name, term]) => [name, jsonTerm(term)])));
      } catch (e) {
        fail(e as Error);
      }
    });
    rows.on('error', fail);
    rows.on('end', () => {
      if (!/<\/(?:[\w.-]+:)?sparql>\s*$/.test(tail)) fail(new Error('the answer stops before its end'));
      if (!failed) resolve({ head: { vars }, results: { bindings } });
    });
  });

/**
 * Reads an answer in the SPARQL XML results format (`body`: a stream of its text) as SPARQL JSON result objects;
 * rejects with UnreadableXml when it is not well-formed or not of the query's form.
 */
export const readXmlResults = async (body: Readable, form: 'SELECT' | 'ASK'): Promise<SparqlJson> => {
  if (form === 'SELECT') return solutions(body);
  try {
    return { head: {}, boolean: await parser.parseXmlBooleanStream(body) };
  } catch (e) {
    throw new UnreadableXml((e as Error).message);
  }
};
