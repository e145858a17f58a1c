// Virtuoso's SELECT and ASK answers as SPARQL JSON result objects, read from the SPARQL XML results format
// (https://www.w3.org/TR/rdf-sparql-XMLres/) with saxes as their text arrives, or from SPARQL JSON when the XML cannot
// carry an answer. One term mapping for both, so that either gives the same objects. Virtuoso's JSON writer costs it
// about twice the CPU of its XML writer (nationally, by hand: a 10,001-row answer of the 3-hop join 1.5–2.2 s against
// 0.7–0.8 s of its time; a label lookup 1.34 against 1.02 ms). The format's elements are few, so they are read here from saxes' events, without the streams and term
// objects of a general results parser: a lookup's answer costs 0.05 ms more than with JSON.parse, against 0.22 ms more
// through sparqlxml-parse (by hand, a loopback server answering the same ten rows).
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { RDF, XSD } from '../../rdf/vocab.ts';
import type { JsonBinding, JsonTerm, SparqlJson } from '../sparql-results.ts';
import { StoreError } from '../store.ts';

const SRX = 'http://www.w3.org/2005/sparql-results#';
/** Datatypes a plain or language-tagged literal has, which the results formats leave unsaid. */
const IMPLIED = new Set([`${XSD}string`, `${RDF}langString`]);

/**
 * An answer that is not a well-formed SPARQL XML answer of the form asked for. Virtuoso writes a literal's C0 control
 * characters as character references (`&#1;`), which XML 1.0 forbids: such an answer is asked for again in JSON.
 */
export class UnreadableXml extends Error {}

const attribute = (tag: SaxesTagNS, name: string): string | undefined => tag.attributes[name]?.value;

/**
 * A term in standard form from its kind (`uri`, `bnode`, anything else a literal: Virtuoso's JSON says
 * `typed-literal`), value, language and datatype; Virtuoso's blank node labels lose its "nodeID://" prefix.
 */
const termOf = (kind: string, value: string, lang: string | undefined, datatype: string | undefined): JsonTerm => {
  if (kind === 'uri') return { type: 'uri', value };
  if (kind === 'bnode') return { type: 'bnode', value: value.replace(/^nodeID:\/\//, '') };
  if (lang) return { type: 'literal', value, 'xml:lang': lang };
  return datatype && !IMPLIED.has(datatype) ? { type: 'literal', value, datatype } : { type: 'literal', value };
};

/** An answer in SPARQL JSON, as Virtuoso writes it (used when its XML cannot carry the answer). */
export const readJsonResults = (body: string): SparqlJson => {
  let raw: { head?: { vars?: string[] }; boolean?: boolean; results?: { bindings?: Record<string, Record<string, string>>[] } };
  try {
    raw = JSON.parse(body) as typeof raw;
  } catch {
    throw new StoreError('execution', 'the Virtuoso backend answered with something other than SPARQL JSON');
  }
  if (typeof raw.boolean === 'boolean') return { head: {}, boolean: raw.boolean };
  const bindings = (raw.results?.bindings ?? []).map(
    (b): JsonBinding => Object.fromEntries(Object.entries(b).map(([k, t]) => [k, termOf(t.type ?? '', t.value ?? '', t['xml:lang'], t.datatype)])),
  );
  return { head: { vars: raw.head?.vars ?? [] }, results: { bindings } };
};

/**
 * Reads an answer in the SPARQL XML results format, given as its text in chunks (a character never split), into
 * SPARQL JSON result objects; rejects with UnreadableXml when it is not a well-formed answer of the query's form, and
 * with the chunks' own error when they fail.
 */
export const readXmlResults = async (chunks: AsyncIterable<string>, form: 'SELECT' | 'ASK'): Promise<SparqlJson> => {
  const parser = new SaxesParser({ xmlns: true });
  const vars: string[] = [];
  const bindings: JsonBinding[] = [];
  let results = false;
  let boolean: boolean | undefined;
  let row: Record<string, JsonTerm> | undefined;
  let name = '';
  // The element whose text is being read: a term's (uri, bnode, literal) or the boolean's.
  let reading: { kind: string; lang?: string | undefined; datatype?: string | undefined } | undefined;
  let text = '';
  parser.on('opentag', (tag) => {
    if (tag.uri !== SRX) throw new UnreadableXml(`<${tag.name}> is not an element of the SPARQL XML results format`);
    switch (tag.local) {
      case 'variable':
        vars.push(attribute(tag, 'name') ?? '');
        break;
      case 'results':
        results = true;
        break;
      case 'result':
        row = {};
        break;
      case 'binding':
        name = attribute(tag, 'name') ?? '';
        break;
      case 'uri':
      case 'bnode':
      case 'literal':
      case 'boolean':
        reading = { kind: tag.local, lang: attribute(tag, 'xml:lang'), datatype: attribute(tag, 'datatype') };
        text = '';
        break;
      case 'triple':
        throw new UnreadableXml('a triple term in a SPARQL answer');
    }
  });
  const read = (t: string) => {
    if (reading) text += t;
  };
  parser.on('text', read);
  parser.on('cdata', read);
  parser.on('closetag', (tag) => {
    if (tag.local === 'result' && row) {
      bindings.push(row);
      row = undefined;
    } else if (reading && tag.local === reading.kind) {
      if (reading.kind === 'boolean') {
        if (text.trim() !== 'true' && text.trim() !== 'false') throw new UnreadableXml(`<boolean>${text}</boolean>`);
        boolean = text.trim() === 'true';
      } else {
        if (!row || !name) throw new UnreadableXml(`a <${reading.kind}> outside a named <binding> of a <result>`);
        row[name] = termOf(reading.kind, text, reading.lang, reading.datatype);
      }
      reading = undefined;
    }
  });
  const parse = (step: () => void) => {
    try {
      step();
    } catch (e) {
      throw e instanceof UnreadableXml ? e : new UnreadableXml((e as Error).message);
    }
  };
  // Virtuoso writes a literal's carriage returns as they are, which an XML parser must read as line ends (CR LF as LF):
  // as references they are kept. (Markup holding a CR would then not parse, and be asked for in JSON.)
  for await (const chunk of chunks) parse(() => parser.write(chunk.includes('\r') ? chunk.replaceAll('\r', '&#13;') : chunk));
  // Ending checks that every element was closed: an answer cut short is never taken as complete.
  parse(() => parser.close());
  if (form === 'ASK') {
    if (boolean === undefined) throw new UnreadableXml('an ASK answer without <boolean>');
    return { head: {}, boolean };
  }
  if (!results || boolean !== undefined) throw new UnreadableXml('a SELECT answer without <results>');
  return { head: { vars }, results: { bindings } };
};
