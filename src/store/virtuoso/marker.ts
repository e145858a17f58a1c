// The marker a completed load leaves in an instance: which build it holds, when it was loaded, and its row limit.
// It lives in a graph of its own that no client query can read (queries only ever see the build's graphs).
import { Endpoint } from './endpoint.ts';
import { StoreError } from '../store.ts';

export const MARKER_GRAPH = 'urn:x-jp-plan-lod:build';
/** Holds the RDF merge of the build's graphs when some triple is in more than one (Virtuoso's FROM list would repeat it). */
export const MERGE_GRAPH = 'urn:x-jp-plan-lod:default-graph';
/**
 * A Virtuoso graph group of every graph of the build: `FROM <group>` reads their union, which is their merge when no
 * triple is in two of them, in one short clause instead of one per graph (thousands in a national build).
 */
export const GRAPHS_GROUP = 'urn:x-jp-plan-lod:graphs';
const NS = 'urn:x-jp-plan-lod:';

export interface Marker {
  readonly version: string;
  readonly loadedAt: string;
  /** Virtuoso's ResultSetMaxRows: answers longer than this are cut by Virtuoso without a word. */
  readonly resultSetMaxRows: number;
  /** Triples in the default graph (the merge of all graphs). */
  readonly defaultGraphTriples: number;
  /** True when MERGE_GRAPH holds the default graph; otherwise the build's graphs share no triple. */
  readonly merged: boolean;
  /** True when GRAPHS_GROUP names the build's graphs (loads since national builds); otherwise FROM lists them. */
  readonly grouped: boolean;
  /** The build's graphs and their triple counts, as verified after the load. */
  readonly graphs: ReadonlyMap<string, number>;
}

/** The one graph IRI that reads as the default graph in an instance, if any (else FROM lists every graph). */
export const mergeGraphOf = (m: Marker): string | undefined => (m.merged ? MERGE_GRAPH : m.grouped ? GRAPHS_GROUP : undefined);

export const markerInsert = (m: Marker): string => {
  const s = `<${MARKER_GRAPH}>`;
  const graphs = [...m.graphs].map(([g, n], i) => `${s} <${NS}graph> <${NS}graph/${i}> . <${NS}graph/${i}> <${NS}iri> <${g}> ; <${NS}triples> ${n} .`);
  return (
    `SPARQL INSERT DATA { GRAPH <${MARKER_GRAPH}> { ${s} <${NS}version> "${m.version}" ; <${NS}loadedAt> "${m.loadedAt}" ; ` +
    `<${NS}resultSetMaxRows> ${m.resultSetMaxRows} ; <${NS}defaultGraphTriples> ${m.defaultGraphTriples} ; <${NS}merged> ${m.merged} ; <${NS}grouped> ${m.grouped} . ${graphs.join(' ')} } };\n`
  );
};

interface Row {
  readonly [k: string]: { readonly value: string } | undefined;
}

/** The marker of the instance behind `endpoint`, or undefined when it holds no completed load. */
export const readMarker = async (endpoint: Endpoint, timeoutMs: number): Promise<Marker | undefined> => {
  const s = `<${MARKER_GRAPH}>`;
  const query =
    `SELECT ?version ?loadedAt ?rows ?dg ?merged ?grouped ?g ?n FROM <${MARKER_GRAPH}> WHERE { ${s} <${NS}version> ?version ; <${NS}loadedAt> ?loadedAt ; ` +
    `<${NS}resultSetMaxRows> ?rows ; <${NS}defaultGraphTriples> ?dg ; <${NS}merged> ?merged . OPTIONAL { ${s} <${NS}grouped> ?grouped } ` +
    `OPTIONAL { ${s} <${NS}graph> ?e . ?e <${NS}iri> ?g ; <${NS}triples> ?n } }`;
  const { body } = await endpoint.request({ query, accept: 'application/sparql-results+json', timeoutMs });
  let rows: Row[];
  try {
    rows = (JSON.parse(body) as { results: { bindings: Row[] } }).results.bindings;
  } catch {
    throw new StoreError('unavailable', `the Virtuoso instance at ${endpoint.url} answered its marker query with something other than SPARQL JSON`);
  }
  const first = rows[0];
  if (!first) return undefined;
  const versions = new Set(rows.map((r) => r['version']?.value));
  if (versions.size !== 1) throw new StoreError('unavailable', `the Virtuoso instance at ${endpoint.url} has a damaged marker (${versions.size} versions)`);
  const graphs = new Map<string, number>();
  for (const r of rows) if (r['g'] && r['n']) graphs.set(r['g'].value, Number(r['n'].value));
  return {
    version: first['version']!.value,
    loadedAt: first['loadedAt']!.value,
    resultSetMaxRows: Number(first['rows']!.value),
    defaultGraphTriples: Number(first['dg']!.value),
    merged: /^(true|1)$/.test(first['merged']!.value),
    grouped: /^(true|1)$/.test(first['grouped']?.value ?? ''),
    graphs,
  };
};
