// Writes triples as RDF/XML in its plainest form (RDF 1.1 XML Syntax §2.2–2.10): one rdf:Description per subject, blank nodes by rdf:nodeID.
import type { Quad, Term } from 'n3';
import { UnrepresentableError } from './unrepresentable.ts';
import { RDF, XSD } from './vocab.ts';

/**
 * A graph RDF/XML cannot carry: a predicate IRI with no XML name at its end, an RDF/XML syntax term as predicate,
 * or a character XML 1.0 forbids. Thrown rather than writing a document that parsers would read differently.
 */
export class RdfXmlError extends UnrepresentableError {
  override readonly name = 'RdfXmlError';
}

// XML 1.0 (5th ed.) NameStartChar and NameChar, without ':' (an NCName, Namespaces in XML §3).
const NAME_START = 'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
/** The longest XML name at the end of an IRI: the local part of a property element. */
const LOCAL_NAME = new RegExp(`[${NAME_START}][${NAME_CHAR}]*$`, 'u');
/** Characters outside XML 1.0's Char production (lone surrogates included). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** The first character of `s` XML 1.0 forbids, as U+XXXX, or undefined when it has none. */
export const forbiddenXmlChar = (s: string): string | undefined => {
  const bad = NOT_XML_CHAR.exec(s);
  return bad ? `U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : undefined;
};

/** Names in the rdf: namespace that may not name a property element (RDF 1.1 XML Syntax §7.2.5 coreSyntaxTerms, oldTerms, rdf:li). */
const NOT_PROPERTIES = new Set(['RDF', 'ID', 'about', 'parseType', 'resource', 'nodeID', 'datatype', 'Description', 'li', 'aboutEach', 'aboutEachPrefix', 'bagID']);

const checked = (s: string, where: () => string): string => {
  const bad = forbiddenXmlChar(s);
  if (bad) throw new RdfXmlError(`RDF/XML cannot carry the character ${bad} (XML 1.0 forbids it) in ${where()}`);
  return s;
};
// Carriage returns and tabs are written as references: a parser would normalize them away (XML 1.0 §2.11, §3.3.3).
export const xmlText = (s: string): string => s.replace(/[&<>\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' })[c]!);
const attr = (s: string): string =>
  s.replace(/[&<>"\t\n\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' })[c]!);

/**
 * RDF/XML of triples given in subject order (graph names are ignored), with the given prefixes declared, and `ns1`,
 * `ns2`… for other namespaces of predicates. Blank nodes are renamed b0, b1… in order of first
 * appearance (their labels need not be XML names). The same triples in the same order give the same bytes.
 */
export const toRdfXml = (triples: readonly Quad[], prefixes: Readonly<Record<string, string>>): string => {
  // Every given prefix is declared (objects and datatypes use them too, and readers show them); a prefix must be an
  // NCName not starting with "xml" (Namespaces in XML §3), bound once.
  const declared = new Map<string, string>([[RDF, 'rdf']]);
  for (const [prefix, ns] of Object.entries(prefixes))
    if (!declared.has(ns) && LOCAL_NAME.exec(prefix)?.[0] === prefix && !/^xml/i.test(prefix) && ![...declared.values()].includes(prefix)) declared.set(ns, prefix);
  const bnodes = new Map<string, string>();
  const nodeId = (t: Term) => {
    let id = bnodes.get(t.value);
    if (id === undefined) bnodes.set(t.value, (id = `b${bnodes.size}`));
    return id;
  };
  const qname = (iri: string): string => {
    const local = LOCAL_NAME.exec(iri)?.[0];
    if (!local) throw new RdfXmlError(`RDF/XML cannot write the predicate <${iri}>: it does not end in an XML name`);
    const ns = iri.slice(0, iri.length - local.length);
    if (ns === RDF && NOT_PROPERTIES.has(local)) throw new RdfXmlError(`RDF/XML cannot write rdf:${local} as a predicate`);
    checked(ns, () => `the predicate <${iri}>`);
    let prefix = declared.get(ns);
    if (prefix === undefined) {
      const taken = new Set(declared.values());
      for (let n = 1; taken.has((prefix = `ns${n}`)); n++);
      declared.set(ns, prefix);
    }
    return `${prefix}:${local}`;
  };
  const node = (t: Term): string => (t.termType === 'BlankNode' ? `rdf:nodeID="${nodeId(t)}"` : `rdf:about="${attr(checked(t.value, () => `<${t.value}>`))}"`);

  const body: string[] = [];
  let subject: Term | undefined;
  for (const q of triples) {
    if (!subject || !subject.equals(q.subject)) {
      if (subject) body.push('  </rdf:Description>\n');
      subject = q.subject;
      body.push(`  <rdf:Description ${node(q.subject)}>\n`);
    }
    const name = qname(q.predicate.value);
    const o = q.object;
    if (o.termType === 'NamedNode') body.push(`    <${name} rdf:resource="${attr(checked(o.value, () => `<${o.value}>`))}"/>\n`);
    else if (o.termType === 'BlankNode') body.push(`    <${name} rdf:nodeID="${nodeId(o)}"/>\n`);
    else if (o.termType === 'Literal') {
      const value = xmlText(checked(o.value, () => `a literal of <${q.predicate.value}>`));
      const tag = o.language
        ? ` xml:lang="${attr(o.language)}"`
        : o.datatype.value === `${XSD}string`
          ? ''
          : ` rdf:datatype="${attr(checked(o.datatype.value, () => `<${o.datatype.value}>`))}"`;
      body.push(`    <${name}${tag}>${value}</${name}>\n`);
    } else throw new RdfXmlError(`RDF/XML cannot write a ${o.termType} as an object`);
  }
  if (subject) body.push('  </rdf:Description>\n');
  const xmlns = [...declared].map(([ns, prefix]) => `\n    xmlns:${prefix}="${attr(ns)}"`).join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF${xmlns}>\n${body.join('')}</rdf:RDF>\n`;
};
