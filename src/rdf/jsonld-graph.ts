// A direct writer of one named graph's compacted JSON-LD: the object jsonld.js's fromRDF + compact (with a context of
// prefixes only, default options) makes of the graph, built without them. jsonld.js took ~2 s per synthetic plan of
// 15k triples; this takes a few ms. It covers what the converter emits (IRIs and literals, no blank nodes, no lists);
// for anything else it returns undefined and the caller uses jsonld.js, so the bytes never depend on which ran.
import type { Quad, Term } from 'n3';

type Prefixes = Readonly<Record<string, string>>;
type JsonValue = string | { readonly [key: string]: unknown };

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
/** Terms that make fromRDF build lists or JSON values: left to jsonld.js. */
const SPECIAL = new Set([`${RDF}nil`, `${RDF}first`, `${RDF}rest`, `${RDF}JSON`]);
/** JSON-LD 1.1: a term can prefix a compact IRI only if its IRI ends with a gen-delim. */
const GEN_DELIMS = /[:/?#[\]@]$/;

/**
 * jsonld.js's compactIri for an absolute IRI and a context of prefixes: the shortest, then least, usable CURIE with a
 * non-empty suffix; else the IRI itself. Undefined where jsonld.js would do more (an IRI that is a prefix's own IRI, in
 * vocabulary position; an IRI starting with "prefix:" or "//").
 */
const iriCompactor = (prefixes: Prefixes) => {
  const entries = Object.entries(prefixes).filter(([, ns]) => GEN_DELIMS.test(ns));
  const namespaces = new Set(Object.values(prefixes));
  const names = Object.keys(prefixes);
  const cache = new Map<string, string | undefined>();
  const compact = (iri: string, vocab: boolean): string | undefined => {
    const key = (vocab ? 'v' : 'i') + iri;
    if (cache.has(key)) return cache.get(key);
    let result: string | undefined;
    if (iri.startsWith('//') || names.some((n) => iri.startsWith(`${n}:`)) || (vocab && namespaces.has(iri))) result = undefined;
    else {
      let choice: string | undefined;
      for (const [name, ns] of entries) {
        if (iri.length <= ns.length || !iri.startsWith(ns)) continue;
        const curie = `${name}:${iri.slice(ns.length)}`;
        if (choice === undefined || curie.length < choice.length || (curie.length === choice.length && curie < choice)) choice = curie;
      }
      result = choice ?? iri;
    }
    cache.set(key, result);
    return result;
  };
  return compact;
};

class Unsupported extends Error {}

/**
 * The graph's entry of a compacted JSON-LD document ({"@graph": [nodes…], "@id": graph}) for quads of one named graph,
 * or undefined when the quads hold something this writer leaves to jsonld.js.
 */
export const compactedGraphEntry = (quads: readonly Quad[], prefixes: Prefixes): Record<string, unknown> | undefined => {
  if (quads.length === 0) return undefined;
  const compactIri = iriCompactor(prefixes);
  const iri = (t: Term, vocab: boolean): string => {
    if (t.termType !== 'NamedNode' || SPECIAL.has(t.value)) throw new Unsupported();
    const c = compactIri(t.value, vocab);
    if (c === undefined) throw new Unsupported();
    return c;
  };
  const graphName = quads[0]!.graph;
  // subject IRI → (expanded property IRI → values, in the quads' order); rdf:type objects go to "@type".
  const nodes = new Map<string, { types: string[]; properties: Map<string, JsonValue[]> }>();
  try {
    for (const q of quads) {
      if (!q.graph.equals(graphName) || q.subject.termType !== 'NamedNode' || q.predicate.termType !== 'NamedNode') throw new Unsupported();
      let node = nodes.get(q.subject.value);
      if (!node) nodes.set(q.subject.value, (node = { types: [], properties: new Map() }));
      const o = q.object;
      if (q.predicate.value === `${RDF}type` && o.termType === 'NamedNode') {
        node.types.push(iri(o, true));
        continue;
      }
      let value: JsonValue;
      if (o.termType === 'NamedNode') value = { '@id': iri(o, false) };
      else if (o.termType === 'Literal') {
        if (SPECIAL.has(o.datatype.value) || (o as { direction?: string }).direction) throw new Unsupported();
        if (o.language) value = { '@language': o.language, '@value': o.value };
        else if (o.datatype.value === XSD_STRING) value = o.value;
        else value = { '@type': iri(o.datatype, true), '@value': o.value };
      } else throw new Unsupported();
      const values = node.properties.get(q.predicate.value);
      if (values) values.push(value);
      else node.properties.set(q.predicate.value, [value]);
    }
    // fromRDF lists nodes by @id; compaction writes a node's keys by their expanded IRIs, sorted (@id, @type first).
    const graph = [...nodes.keys()].sort().map((subject) => {
      const node = nodes.get(subject)!;
      const out: Record<string, unknown> = { '@id': iri({ termType: 'NamedNode', value: subject } as Term, false) };
      if (node.types.length > 0) out['@type'] = node.types.length === 1 ? node.types[0] : node.types;
      for (const property of [...node.properties.keys()].sort()) {
        const values = node.properties.get(property)!;
        const key = iri({ termType: 'NamedNode', value: property } as Term, true);
        if (key.startsWith('@') || key in out) throw new Unsupported();
        out[key] = values.length === 1 ? values[0] : values;
      }
      return out;
    });
    // A graph of a single node is compacted differently enough (arrays, graph objects) to leave it to jsonld.js.
    if (graph.length < 2 || graphName.termType !== 'NamedNode') return undefined;
    return { '@graph': graph, '@id': iri(graphName, false) };
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
};
