// Rewrites a client's query for Virtuoso: its dataset made explicit (only the build's graphs), its row cap pushed down,
// and DESCRIBE spelled out as the same concise description the embedded store gives.
import sparqljs from 'sparqljs';
import { StoreError } from '../store.ts';

/** A graph that never holds data: stands in for "no graph", since Virtuoso reads an absent FROM as "every graph". */
export const NO_GRAPH = 'urn:x-jp-plan-lod:no-graph';

export interface RewriteOptions {
  /** The build's named graphs: the only graphs a query may read, and together the default graph. */
  readonly graphs: ReadonlySet<string>;
  /** Protocol dataset (default-graph-uri / named-graph-uri); overrides the query's FROM / FROM NAMED. */
  readonly defaultGraphs: readonly string[];
  readonly namedGraphs: readonly string[];
  /** One IRI that reads as the merge of all graphs, when the instance has one (MERGE_GRAPH, or GRAPHS_GROUP). */
  readonly mergeGraph?: string | undefined;
  readonly baseIri?: string | undefined;
  /** SELECT answers are asked for at most this many rows (the cap plus one, so that a capped answer shows). */
  readonly rowLimit: number;
}

type Query = sparqljs.SparqlQuery & { from?: { default: sparqljs.IriTerm[]; named: sparqljs.IriTerm[] } };

const generator = new sparqljs.Generator({ allPrefixes: false });
const iri = (value: string) => ({ termType: 'NamedNode', value }) as sparqljs.IriTerm;

/** The graphs a query reads, restricted to the build's: Virtuoso's system graphs and unknown IRIs read as empty. */
const dataset = (q: Query, o: RewriteOptions): { default: string[]; named: string[] } => {
  const protocol = o.defaultGraphs.length + o.namedGraphs.length > 0;
  const own = q.from && q.from.default.length + q.from.named.length > 0;
  const all = [...o.graphs];
  const wanted = protocol
    ? { default: [...o.defaultGraphs], named: [...o.namedGraphs] }
    : own
      ? { default: q.from!.default.map((t) => t.value), named: q.from!.named.map((t) => t.value) }
      : undefined;
  // The named graphs are listed only for a query that reads some (a national build has thousands).
  if (!wanted) return { default: o.mergeGraph ? [o.mergeGraph] : all, named: readsNamedGraphs(q) ? all : [] };
  const keep = (list: string[]) => {
    const known = [...new Set(list.filter((g) => o.graphs.has(g)))];
    return known.length > 0 ? known : [NO_GRAPH];
  };
  return { default: keep(wanted.default), named: keep(wanted.named) };
};

/** True when a GRAPH pattern appears anywhere in the query (subqueries, EXISTS and SERVICE included). */
const readsNamedGraphs = (node: unknown): boolean => {
  if (Array.isArray(node)) return node.some(readsNamedGraphs);
  if (node === null || typeof node !== 'object') return false;
  if ((node as { type?: unknown }).type === 'graph') return true;
  return Object.values(node).some(readsNamedGraphs);
};

/** DESCRIBE r1 … rn WHERE P as CONSTRUCT of every triple whose subject is a described resource (the data has no blank nodes). */
const describeAsConstruct = (q: sparqljs.DescribeQuery, from: { default: string[]; named: string[] }): string => {
  if (q.variables.some((t) => (t as { termType?: string }).termType === 'Wildcard')) {
    throw new StoreError('unsupported', 'DESCRIBE * is not supported by the Virtuoso backend; name the variables to describe');
  }
  const { order, limit, offset } = q as sparqljs.DescribeQuery & Pick<sparqljs.SelectQuery, 'order' | 'limit' | 'offset'>;
  const parts = (q.variables as sparqljs.Term[]).map((t) => {
    if (t.termType === 'NamedNode') return `{ VALUES ?describe_r { <${t.value}> } }`;
    if (t.termType !== 'Variable') throw new StoreError('unsupported', `cannot DESCRIBE ${t.termType}`);
    const select: sparqljs.SelectQuery = {
      type: 'query',
      queryType: 'SELECT',
      prefixes: {},
      distinct: true,
      variables: [{ expression: t, variable: { termType: 'Variable', value: 'describe_r' } as sparqljs.VariableTerm }],
      where: q.where ?? [],
      ...(order ? { order } : {}),
      ...(limit !== undefined ? { limit } : {}),
      ...(offset !== undefined ? { offset } : {}),
    } as sparqljs.SelectQuery;
    return `{ ${generator.stringify(select)} }`;
  });
  const fromText = from.default.map((g) => `FROM <${g}>\n`).join('') + from.named.map((g) => `FROM NAMED <${g}>\n`).join('');
  return `CONSTRUCT { ?describe_r ?describe_p ?describe_o }\n${fromText}WHERE { ${parts.join(' UNION ')} ?describe_r ?describe_p ?describe_o }`;
};

/** The text's syntax tree; the server passes the one its parser thread made, so only callers without one parse here. */
const parse = (text: string, baseIri: string | undefined): sparqljs.SparqlQuery => {
  try {
    return new sparqljs.Parser(baseIri ? { baseIRI: baseIri } : {}).parse(text);
  } catch (e) {
    throw new StoreError('syntax', (e as Error).message.split('\n')[0] ?? 'syntax error');
  }
};

/** The query Virtuoso runs in place of the client's (`syntax`: its tree, when the caller has it; left unchanged). */
export const rewriteQuery = (text: string, o: RewriteOptions, syntax: sparqljs.SparqlQuery = parse(text, o.baseIri)): string => {
  const q = syntax as Query;
  if (q.type !== 'query') throw new StoreError('unsupported', 'updates are not accepted');
  const from = dataset(q, o);
  if (q.queryType === 'DESCRIBE') return describeAsConstruct(q, from);
  const capped = q.queryType === 'SELECT' && (q.limit === undefined || q.limit > o.rowLimit);
  return generator.stringify({ ...q, from: { default: from.default.map(iri), named: from.named.map(iri) }, ...(capped ? { limit: o.rowLimit } : {}) } as Query);
};
