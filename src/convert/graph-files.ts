// Renders one named graph (a plan's, or the vocabulary) into the pieces the build is made of: its N-Quads, its block
// of the whole TriG and JSON-LD dumps, and its Turtle; the whole dumps are these pieces laid end to end in graph order.
import jsonld from 'jsonld';
import { Writer, type Quad } from 'n3';
import { compactedGraphEntry } from '../rdf/jsonld-graph.ts';
import { toNQuads, toTurtle, usedPrefixes } from '../rdf/serialize.ts';
import { PREFIXES } from '../rdf/vocab.ts';

export interface GraphPieces {
  /** Sorted N-Quads lines of the graph. */
  readonly nq: string;
  /** The graph's block of the whole TriG dump: `<graph> { … }` without prefix declarations. */
  readonly trig: string;
  /** The graph's entry of the whole JSON-LD dump's "@graph" array, indented as it stands there. */
  readonly jsonld: string;
  /** Turtle of the graph's triples (graph name dropped), with its own prefixes. */
  readonly turtle: string;
  /** Names of the PREFIXES the graph uses, so the whole dumps declare the union. */
  readonly prefixes: readonly string[];
}

type Prefixes = Readonly<Record<string, string>>;

const trig = (quads: readonly Quad[], prefixes: Prefixes): Promise<string> =>
  new Promise((resolve, reject) => {
    const writer = new Writer({ format: 'TriG', prefixes });
    for (const q of quads) writer.addQuad(q);
    writer.end((error, result: string) => (error ? reject(error) : resolve(result)));
  });

/** The prefix declarations a TriG dump of quads using `prefixes` starts with. */
export const trigHeader = (prefixes: Prefixes): Promise<string> => trig([], prefixes);

/**
 * The pieces of one graph, from its quads sorted as sortQuads sorts them. A prefix the graph does not use abbreviates
 * none of its IRIs, so its blocks are the same whichever other prefixes the whole dump declares.
 */
export const graphPieces = async (sorted: readonly Quad[]): Promise<GraphPieces> => {
  const prefixes = usedPrefixes(sorted);
  const nq = toNQuads(sorted);
  const header = await trigHeader(prefixes);
  const full = await trig(sorted, prefixes);
  const graph = compactedGraphEntry(sorted, prefixes) ?? (await jsonLdWithJsonld(nq, prefixes));
  return {
    nq,
    trig: full.slice(header.length),
    jsonld: indent(JSON.stringify(graph, null, 2), '    '),
    turtle: await toTurtle(sorted),
    prefixes: Object.keys(prefixes),
  };
};

/** The graph's entry as jsonld.js makes it: the reference, and the fallback for what compactedGraphEntry leaves to it. */
export const jsonLdWithJsonld = async (nq: string, prefixes: Prefixes): Promise<Record<string, unknown>> => {
  const expanded = await jsonld.fromRDF(nq, { format: 'application/n-quads' });
  const compacted = (await jsonld.compact(expanded, { '@context': prefixes } as jsonld.ContextDefinition)) as Record<string, unknown>;
  const { '@context': _context, ...graph } = compacted;
  return graph;
};

const indent = (text: string, by: string): string => text.split('\n').map((line) => by + line).join('\n');

/** The prefixes among PREFIXES whose names are listed, in PREFIXES' order (as usedPrefixes gives them). */
export const prefixesNamed = (names: ReadonlySet<string>): Record<string, string> =>
  Object.fromEntries(Object.entries(PREFIXES).filter(([name]) => names.has(name)));

/** How the whole JSON-LD dump begins, before the first graph's entry, and how it ends. */
export const jsonLdFrame = (prefixes: Prefixes): { readonly head: string; readonly separator: string; readonly tail: string } => ({
  head: `{\n  "@context": ${indent(JSON.stringify(prefixes, null, 2), '  ').trimStart()},\n  "@graph": [\n`,
  separator: ',\n',
  tail: '\n  ]\n}\n',
});
