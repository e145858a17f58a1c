// Rewrites a client's query for Virtuoso: its dataset made explicit (only the build's graphs), its row cap pushed down,
// and DESCRIBE spelled out as the same concise description the embedded store gives. Assembled from the query's outline
// (query-outline.ts): the client's tokens, restated only where these clauses go.
import { assemble, outlineQuery, type QueryOutline, type UpdateOutline } from '../query-outline.ts';
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

/** The graphs a query reads, restricted to the build's: Virtuoso's system graphs and unknown IRIs read as empty. */
const dataset = (q: QueryOutline, o: RewriteOptions): { default: string[]; named: string[] } => {
  const protocol = o.defaultGraphs.length + o.namedGraphs.length > 0;
  const own = q.from.default.length + q.from.named.length > 0;
  const wanted = protocol
    ? { default: [...o.defaultGraphs], named: [...o.namedGraphs] }
    : own
      ? { default: [...q.from.default], named: [...q.from.named] }
      : undefined;
  // The named graphs are listed only for a query that reads some (a national build has thousands).
  if (!wanted) return { default: o.mergeGraph ? [o.mergeGraph] : [...o.graphs], named: q.readsNamedGraphs ? [...o.graphs] : [] };
  const keep = (list: string[]) => {
    const known = [...new Set(list.filter((g) => o.graphs.has(g)))];
    return known.length > 0 ? known : [NO_GRAPH];
  };
  return { default: keep(wanted.default), named: keep(wanted.named) };
};

const fromClauses = (from: { default: string[]; named: string[] }): string =>
  [...from.default.map((g) => `FROM <${g}>`), ...from.named.map((g) => `FROM NAMED <${g}>`)].join(' ');

/**
 * DESCRIBE r1 … rn WHERE P as CONSTRUCT of every triple whose subject is a described resource (the data has no blank
 * nodes): each variable is what a subquery over P (and the query's modifiers) selects.
 */
const describeAsConstruct = (d: NonNullable<QueryOutline['describe']>, from: { default: string[]; named: string[] }): string => {
  if (d.targets.some((t) => t.kind === 'wildcard')) {
    throw new StoreError('unsupported', 'DESCRIBE * is not supported by the Virtuoso backend; name the variables to describe');
  }
  const parts = d.targets.map((t) =>
    t.kind === 'iri' ? `{ VALUES ?describe_r { ${t.text} } }` : `{ SELECT DISTINCT (${t.text} AS ?describe_r) ${d.body || '{ }'} }`,
  );
  return [d.prologue, 'CONSTRUCT { ?describe_r ?describe_p ?describe_o }', fromClauses(from), `WHERE { ${parts.join(' UNION ')} ?describe_r ?describe_p ?describe_o }`]
    .filter((p) => p !== '')
    .join('\n');
};

/** The query's outline; the server passes the one its parser thread made, so only callers without one read it here. */
const outline = (text: string, baseIri: string | undefined): QueryOutline | UpdateOutline => {
  try {
    return outlineQuery(text, baseIri);
  } catch (e) {
    if (e instanceof StoreError) throw new StoreError('syntax', e.message.split('\n')[0] ?? 'syntax error', e.position);
    throw e;
  }
};

/** The query Virtuoso runs in place of the client's (`q`: its outline, when the caller has it; its IRIs all absolute). */
export const rewriteQuery = (text: string, o: RewriteOptions, q: QueryOutline | UpdateOutline = outline(text, o.baseIri)): string => {
  if (q.type !== 'query') throw new StoreError('unsupported', 'updates are not accepted');
  const from = dataset(q, o);
  if (q.describe) return describeAsConstruct(q.describe, from);
  const capped = q.form === 'SELECT' && (q.limit === undefined || q.limit > o.rowLimit);
  const limitOffset = capped ? `LIMIT ${o.rowLimit}${q.offset !== undefined ? ` OFFSET ${q.offset}` : ''}` : q.pieces!.limitOffset;
  return assemble(q.pieces!, fromClauses(from), limitOffset);
};
