// Loads a build's N-Quads into one Virtuoso slot with the bulk loader, verifies it graph by graph, then marks it loaded.
// The marker is removed first and written last: a failed or interrupted load leaves a slot no store will pick.
import { copyFileSync, createReadStream, createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataFactory, StreamParser, StreamWriter, type Quad } from 'n3';
import { StoreError } from '../store.ts';
import { runSql, sqlString } from './isql.ts';
import { GRAPHS_GROUP, MARKER_GRAPH, MERGE_GRAPH, markerInsert, type Marker } from './marker.ts';
import type { Slot } from './slots.ts';
import { NO_GRAPH } from './query-rewrite.ts';

/** Virtuoso's own graph of RDF views: kept, everything else in the instance is replaced by a load. */
const SYSTEM_GRAPH = 'http://www.openlinksw.com/schemas/virtrdf#';

/** Roles that let the anonymous SPARQL user make Virtuoso fetch from the network (sponger, SERVICE) or write. */
const NETWORK_ROLES = ['SPARQL_SPONGE', 'SPARQL_LOAD_SERVICE_DATA', 'SPARQL_UPDATE'];

/** Takes from the SPARQL user every role that would let a query fetch or write; idempotent. */
export const secureSlot = async (slot: Slot): Promise<void> => {
  const revoke = NETWORK_ROLES.map((r) => `revoke "${r}" from "SPARQL";\n`).join('');
  await runSql(slot.sql, revoke, /does not have granted role/);
};

const FILE = 'dataset.nq';
const MERGE_FILE = 'merge.nt';

/**
 * Writes the triples of the N-Quads (their graphs left out) as N-Triples to `path`, streaming; resolves with whether a
 * blank node was seen. Loaded into MERGE_GRAPH, they are the RDF merge of the graphs (a graph holds a triple once).
 */
const writeMergeTriples = async (data: LoadData, path: string): Promise<boolean> => {
  let blank = false;
  const source = 'file' in data ? createReadStream(data.file) : Readable.from([data.text]);
  await pipeline(
    source,
    new StreamParser({ format: 'N-Quads' }),
    async function* (quads: AsyncIterable<Quad>) {
      for await (const q of quads) {
        if (q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode') blank = true;
        yield DataFactory.quad(q.subject, q.predicate, q.object);
      }
    },
    new StreamWriter({ format: 'N-Triples' }),
    createWriteStream(path),
  );
  return blank;
};

/**
 * A SPARQL SELECT run through isql, as dba: the load's own checks count every triple of the build, which at national
 * size takes longer than the endpoint lets any query run (its MaxQueryExecutionTime, a backstop for the public
 * endpoint; a 26M-quad load failed on it, measured). Its rows are read from lines `tag=…` the query projects.
 */
const sparqlLines = async (slot: Slot, query: string, tag: string, timeoutMs: number): Promise<string[]> => {
  const out = await runSql(slot.sql, `SPARQL ${query};\n`, undefined, timeoutMs);
  return [...out.matchAll(new RegExp(`^\\s*${tag}=(.*?)\\s*$`, 'gm'))].map((m) => m[1]!);
};

/** Triples per graph in the slot, of the graphs asked for (in SPARQL: a SQL scan grouped by graph was slower nationally). */
export const liveCounts = async (slot: Slot, graphs: readonly string[], timeoutMs: number): Promise<Map<string, number>> => {
  const from = graphs.map((g) => `FROM NAMED <${g}>`).join(' ');
  const rows = await sparqlLines(slot, `SELECT (CONCAT("G=", STR(COUNT(*)), " ", STR(?g)) AS ?row) ${from} WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g`, 'G', timeoutMs);
  return new Map(rows.map((r) => {
    const [n, g] = r.split(' ') as [string, string];
    return [g, Number(n)];
  }));
};

/** The number a `SELECT (COUNT(*) …)`-shaped query `where` counts, e.g. `FROM <g> WHERE { ?s ?p ?o }`. */
const countOf = async (slot: Slot, where: string, timeoutMs: number): Promise<number> => {
  const [n] = await sparqlLines(slot, `SELECT (CONCAT("N=", STR(COUNT(*))) AS ?n) ${where}`, 'N', timeoutMs);
  if (n === undefined || !/^\d+$/.test(n)) throw new StoreError('unavailable', `Virtuoso ${slot.name}: no count in the answer to ${where.slice(0, 200)}`);
  return Number(n);
};

/** A number a SQL statement projects as `tag=<n>`. */
const sqlCount = async (slot: Slot, tag: string, sql: string, timeoutMs: number): Promise<number> => {
  const n = new RegExp(`${tag}=(\\d+)`).exec(await runSql(slot.sql, `SELECT '${tag}=' || (${sql});\n`, undefined, timeoutMs))?.[1];
  if (n === undefined) throw new StoreError('unavailable', `Virtuoso ${slot.name}: no count in the answer to ${sql.slice(0, 200)}`);
  return Number(n);
};

/**
 * Every quad the instance holds: an unfiltered count, which Virtuoso answers from its index in about a second at 52M
 * quads, where counting one graph scans the whole index (minutes; measured). A load's additions are told by differences.
 */
const quadsHeld = (slot: Slot, timeoutMs: number) => sqlCount(slot, 'QUADS', 'SELECT COUNT(*) FROM DB.DBA.RDF_QUAD', timeoutMs);

/** Describes how `live` differs from `wanted`, or undefined when they agree. */
export const countsDiffer = (wanted: ReadonlyMap<string, number>, live: ReadonlyMap<string, number>): string | undefined => {
  for (const [g, n] of wanted) if ((live.get(g) ?? 0) !== n) return `graph <${g}> holds ${live.get(g) ?? 0} triples, the build has ${n}`;
  for (const g of live.keys()) if (!wanted.has(g)) return `graph <${g}> is not in the build`;
  return undefined;
};

/** The N-Quads to load: a text, or a file (copied as it is: a national build's does not fit in one JS string). */
export type LoadData = { readonly text: string } | { readonly file: string };

/** What a loaded slot must hold. */
export interface LoadCounts {
  /** Distinct triples of each named graph. */
  readonly graphs: ReadonlyMap<string, number>;
  /**
   * Distinct triples of the merge of every graph as the build counted them (by 64-bit hashes: never more than there
   * are). When absent, the load finds out itself whether any triple is in two graphs, reading the data once more.
   */
  readonly merge?: number;
}

export const loadIntoSlot = async (slot: Slot, data: LoadData, version: string, expected: LoadCounts, timeoutMs: number): Promise<Marker> => {
  const counts = expected.graphs;
  const failed = (why: string) => new StoreError('unavailable', `loading dataset ${version} into Virtuoso ${slot.name} (${slot.endpoint.url}) failed: ${why}`);
  const graphs = [...counts.keys()];
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (expected.merge !== undefined && expected.merge > total) throw failed(`the build counts ${expected.merge} triples in the merge of its graphs, more than the ${total} of the graphs`);
  await secureSlot(slot);
  // Unmark first: from here until the marker is written again, no store takes this slot.
  await runSql(slot.sql, `SPARQL CLEAR GRAPH <${MARKER_GRAPH}>;\ncheckpoint;\n`);
  await runSql(
    slot.sql,
    `log_enable(3,1);\nDELETE FROM DB.DBA.RDF_QUAD WHERE G <> iri_to_id(${sqlString(SYSTEM_GRAPH)});\nDELETE FROM DB.DBA.load_list;\ncheckpoint;\n`,
  );
  rmSync(slot.loadDir, { recursive: true, force: true });
  mkdirSync(slot.loadDir, { recursive: true });
  try {
    // What is left: Virtuoso's own graph of RDF views. Everything the load adds is counted above it.
    const base = await quadsHeld(slot, timeoutMs);
    if ('file' in data) copyFileSync(data.file, join(slot.loadDir, FILE));
    else writeFileSync(join(slot.loadDir, FILE), data.text);
    // A build that counts as many triples in the merge as in its graphs (a count that can only fall short) has no triple
    // in two graphs: the graphs read together are the merge, and no copy of it is made (minutes at national size).
    const needsMerge = expected.merge === undefined || expected.merge < total;
    const mergeFile = join(slot.loadDir, MERGE_FILE);
    // Blank nodes are file-scoped for the loader: loaded from a second file they would be new nodes, so data with any
    // gets its merge by a SPARQL INSERT instead (row by row, much slower than the loader at national size).
    const byLoader =
      needsMerge &&
      !(await writeMergeTriples(data, mergeFile).catch((e: Error) => {
        throw failed(`the N-Quads do not parse: ${e.message}`);
      }));
    if (needsMerge && !byLoader) rmSync(mergeFile);
    // The graphs first, counted before the merge is loaded (at national size the count by graph took about two minutes
    // over the 26M quads, more than ten over 52M with the merge beside them), one loader at a time (two in parallel left
    // a national graph one triple short; measured).
    /** Bulk-loads one file of the load directory into `graph` (N-Quads: their own graphs), failing on a loader error. */
    const loadFile = async (file: string, graph: string) => {
      await runSql(slot.sql, `ld_dir(${sqlString(slot.loadDir)}, ${sqlString(file)}, ${sqlString(graph)});\nrdf_loader_run();\ncheckpoint;\n`, undefined, timeoutMs);
      const errors = await runSql(slot.sql, `SELECT 'LOADERROR=' || ll_error FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;\n`);
      const loadError = /LOADERROR=(.*)/.exec(errors)?.[1];
      if (loadError) throw failed(loadError.trim());
    };
    await loadFile(FILE, NO_GRAPH);
    // The total catches quads in graphs the build does not name, which the count by graph cannot see.
    const loaded = (await quadsHeld(slot, timeoutMs)) - base;
    if (loaded !== total) throw failed(`the slot took ${loaded} quads, the build's graphs hold ${total}`);
    const differ = countsDiffer(counts, await liveCounts(slot, graphs, timeoutMs));
    if (differ) throw failed(differ);
    if (byLoader) await loadFile(MERGE_FILE, MERGE_GRAPH);
    // Virtuoso reads several FROM graphs as a concatenation, not a merge: when some triple is in two graphs, the
    // default graph is MERGE_GRAPH, which holds the merge (a set), as the embedded store's default graph is.
    const from = graphs.map((g) => `FROM <${g}>`).join(' ');
    let distinct = total;
    if (byLoader) {
      distinct = (await quadsHeld(slot, timeoutMs)) - base - total;
      if (distinct > total) throw failed(`the merge of the graphs holds ${distinct} triples, more than the ${total} of the graphs`);
      if (distinct < (expected.merge ?? 0)) throw failed(`the merge of the graphs holds ${distinct} triples, the build counts ${expected.merge}`);
    } else if (needsMerge) {
      distinct = await countOf(slot, `${from} WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }`, timeoutMs);
      if (distinct !== total) {
        // Row autocommit: one transaction of the whole merge outgrows TransactionAfterImageLimit near 1M triples (SR325).
        await runSql(slot.sql, `log_enable(3,1);\nSPARQL INSERT { GRAPH <${MERGE_GRAPH}> { ?s ?p ?o } } WHERE { SELECT DISTINCT ?s ?p ?o ${from} WHERE { ?s ?p ?o } };\ncheckpoint;\n`, undefined, timeoutMs);
        const held = (await quadsHeld(slot, timeoutMs)) - base - total;
        if (held !== distinct) throw failed(`the default graph holds ${held} triples, the merge of the graphs has ${distinct}`);
      }
    }
    const merged = distinct !== total;
    // When no triple is in two graphs the graph group reads as the merge, and the copy is dropped.
    if (byLoader && !merged) await runSql(slot.sql, `log_enable(3,1);\nDELETE FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id(${sqlString(MERGE_GRAPH)});\ncheckpoint;\n`, undefined, timeoutMs);
    // The group is made anew for each load: a group outlives the triples of the graphs it names.
    const inserts = graphs.map((g) => `DB.DBA.RDF_GRAPH_GROUP_INS(${sqlString(GRAPHS_GROUP)}, ${sqlString(g)});\n`).join('');
    await runSql(slot.sql, `DB.DBA.RDF_GRAPH_GROUP_DROP(${sqlString(GRAPHS_GROUP)}, 1);\nDB.DBA.RDF_GRAPH_GROUP_CREATE(${sqlString(GRAPHS_GROUP)}, 1);\n${inserts}`);
    // Its members, not its triples, are counted: a count through the group scans the whole index (minutes nationally).
    const members = await sqlCount(slot, 'MEMBERS', `SELECT COUNT(*) FROM DB.DBA.RDF_GRAPH_GROUP_MEMBER WHERE RGGM_GROUP_IID = iri_to_id(${sqlString(GRAPHS_GROUP)})`, timeoutMs);
    const grouped = members === graphs.length;
    if (!grouped) throw failed(`the graph group ${GRAPHS_GROUP} has ${members} members, the build ${graphs.length} graphs`);
    const limitOut = await runSql(slot.sql, `SELECT 'ROWS=' || cfg_item_value(virtuoso_ini_path(), 'SPARQL', 'ResultSetMaxRows');\n`);
    const resultSetMaxRows = Number(/ROWS=(\d+)/.exec(limitOut)?.[1] ?? 0);
    const marker: Marker = { version, loadedAt: new Date().toISOString(), resultSetMaxRows, defaultGraphTriples: distinct, merged, grouped, graphs: counts };
    await runSql(slot.sql, `${markerInsert(marker)}checkpoint;\n`);
    return marker;
  } finally {
    rmSync(slot.loadDir, { recursive: true, force: true });
  }
};
