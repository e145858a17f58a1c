// The build's per-resource rows (documents.sqlite): for every resource of a municipality's slice, the N-Triples its
// document is made of (own triples, inbound triples) and the lines that name it (labels, types), so that a server makes
// one document from a few indexed reads instead of parsing and indexing the whole slice (70–410 ms for one synthetic
// municipality on a loaded machine, measured with bench/slice-heap.ts).
// Rows are per slice: a document holds what its slice's graphs say, exactly as the slice's document index would.
// Beside them, each resource's Turtle document as the converter made it from them (document-bodies.ts), which a server
// serves in one read.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Quad } from 'n3';
import { tripleLine } from '../rdf/serialize.ts';
import { LABEL_PREDICATES, RDF } from '../rdf/vocab.ts';
import type { Manifest } from './dataset.ts';
import { createSqliteFile, openSqliteFile, sqliteFileEntry } from './sqlite-file.ts';

export const DOCUMENTS_FILE = 'documents.sqlite';
// Fixed, so that the same rows give the same bytes; 16 KiB keeps a row of a few kB in its leaf page (the same rows
// took 35.8 MB in 4 KiB pages, mostly overflow pages, and 10.1 MB in 16 KiB pages, measured).
const PAGE_SIZE = 16384;
const TYPE = `${RDF}type`;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A row per resource of a slice: `names`, its label and type lines as text (read for every resource a document
 * mentions, so kept plain); `own` and `inbound`, its own lines and the lines that point at it, each as text when short,
 * else deflated (a blob). They are apart because a page reads the own lines of resources whose inbound lines it never
 * needs: a plan's are every element's link to it (41 kB of a synthetic plan's 43, inflated on every page of the plan).
 * A deflate costs more to start than to run on a few kB, and small windows start faster (measured).
 */
const DEFLATE = { level: 4, memLevel: 4, windowBits: 12 } as const;
const DEFLATE_ABOVE = 2048;
const sorted = (lines: ReadonlySet<string> | undefined): string => (lines ? [...lines].sort(cmp).join('\n') : '');
/** A column as stored (own and inbound lines, a Turtle body): null when none, text when short, else deflated. */
export type Column = string | Buffer | null;
/** A column's text (or its UTF-8 bytes) as stored: itself when short, else deflated. */
export const storedText = (text: string | Buffer): string | Buffer =>
  Buffer.byteLength(text) > DEFLATE_ABOVE ? deflateRawSync(text, DEFLATE) : typeof text === 'string' ? text : text.toString('utf8');
const stored = (lines: ReadonlySet<string> | undefined): Column => (lines ? storedText(sorted(lines)) : null);
/** A stored column's text ('' when none). */
export const columnText = (column: Column | undefined): string =>
  column == null ? '' : typeof column === 'string' ? column : inflateRawSync(column).toString('utf8');
const text = columnText;

/**
 * Whether `iri` is under a slice's own IRIs (id/{code}, or a source text): the resources whose rows it holds. A synthetic
 * document names ~14 resources, 11.6 of them predicates, classes and other publishers' IRIs that no slice has a row
 * for: the file lists every other IRI some slice names (`named_elsewhere`: fiscal years, say), so that a reader asks
 * for the names of these two kinds only.
 */
export const ownIris = (baseIri: string, code: string) => {
  const id = `${baseIri}id/${code}`;
  const sources = `${baseIri}sources/`;
  return (iri: string) => iri.startsWith(sources) || (iri.startsWith(id) && (iri.length === id.length || iri[id.length] === '/'));
};

/** One resource's row of a slice: IRI, names, own lines, inbound lines. */
export type ResourceRow = readonly [iri: string, names: string | null, own: Column, inbound: Column];
/** A plan graph's share of its municipality's rows, sorted by IRI: what its cache entry keeps (packPlanRows). */
export type PlanRows = readonly ResourceRow[];
/** A resource's Turtle document (document-bodies.ts): IRI, body (stored as a column is). */
export type BodyRow = readonly [iri: string, body: Column];
/** The Turtle bodies of a slice's resources, sorted by IRI. */
export type SliceBodies = readonly BodyRow[];

/**
 * The rows one plan graph gives its municipality's slice (`code`): made once per plan, where it is converted, so that
 * a build takes them from the cache instead of reading every quad again (rowsOfSlice merges a municipality's plans).
 */
export const planRows = (baseIri: string, code: string, quads: readonly Quad[]): PlanRows => {
  // The resources whose documents this slice serves: its own under id/{code}, and source texts (sliceOf decides which).
  const served = ownIris(baseIri, code);
  const columns = new Map<string, Partial<Record<'names' | 'own' | 'inbound', Set<string>>>>();
  const put = (iri: string, column: 'names' | 'own' | 'inbound', line: string) => {
    const row = columns.get(iri) ?? columns.set(iri, {}).get(iri)!;
    (row[column] ??= new Set()).add(line);
  };
  for (const q of quads) {
    // The document index leaves out triples whose subject is not an IRI (build-index.ts).
    if (q.subject.termType !== 'NamedNode') continue;
    const line = tripleLine(q);
    const s = q.subject.value;
    if (served(s)) put(s, 'own', line);
    if (q.predicate.value === TYPE || (LABEL_PREDICATES.has(q.predicate.value) && q.object.termType === 'Literal')) put(s, 'names', line);
    if (q.object.termType === 'NamedNode' && q.predicate.value !== TYPE && served(q.object.value)) put(q.object.value, 'inbound', line);
  }
  return [...columns.keys()].sort(cmp).map((iri): ResourceRow => {
    const row = columns.get(iri)!;
    return [iri, row.names ? sorted(row.names) : null, stored(row.own), stored(row.inbound)];
  });
};

/** The union of one resource's rows from several plan graphs of a slice, as planRows would make it from all their quads. */
const mergedRow = (parts: readonly ResourceRow[]): ResourceRow => {
  if (parts.length === 1) return parts[0]!;
  const union = (column: 1 | 2 | 3): Set<string> | undefined => {
    const present = parts.filter((r) => r[column] !== null);
    return present.length === 0 ? undefined : new Set(present.flatMap((r) => text(r[column]).split('\n')));
  };
  const names = union(1);
  return [parts[0]![0], names ? sorted(names) : null, stored(union(2)), stored(union(3))];
};

/** A municipality's rows, sorted by IRI, from the rows of each of its plan graphs. */
export const rowsOfSlice = (plans: readonly PlanRows[]): PlanRows => {
  if (plans.length === 1) return plans[0]!;
  const byIri = new Map<string, ResourceRow[]>();
  for (const rows of plans) for (const r of rows) (byIri.get(r[0]) ?? byIri.set(r[0], []).get(r[0])!).push(r);
  return [...byIri.keys()].sort(cmp).map((iri) => mergedRow(byIri.get(iri)!));
};

/**
 * A plan's rows as its cache entry keeps them: JSON (a deflated column as {"z": base64}), deflated at level 1, which
 * makes them 8 times smaller (5.3 MB → 0.63 MB for the largest synthetic plan), since most columns are short text.
 */
const pack = (rows: readonly (readonly (string | Column)[])[]): Buffer =>
  deflateRawSync(JSON.stringify(rows.map((r) => r.map((c) => (Buffer.isBuffer(c) ? { z: c.toString('base64') } : c)))), { level: 1 });
export const packPlanRows = (rows: PlanRows): Buffer => pack(rows);
/** A plan's Turtle bodies as its cache entry keeps them: packed as its rows are. */
export const packPlanBodies = (bodies: SliceBodies): Buffer => pack(bodies);

const unpack = (packed: Buffer): Column[][] =>
  (JSON.parse(inflateRawSync(packed).toString('utf8')) as (string | { z: string } | null)[][]).map((r) =>
    r.map((c) => (c !== null && typeof c === 'object' ? Buffer.from(c.z, 'base64') : c)),
  );
export const unpackPlanRows = (packed: Buffer): PlanRows => unpack(packed) as unknown as PlanRows;
export const unpackPlanBodies = (packed: Buffer): SliceBodies => unpack(packed) as unknown as SliceBodies;

export interface DocumentRowsWriter {
  /** One plan graph's rows (planRows); a municipality's graphs come together (manifest order: code, then plan id). */
  add(code: string, rows: PlanRows): void;
  /** Adds every municipality's bodies, completes the file and returns its manifest entry. */
  finish(): Promise<Manifest['files'][number]>;
}

/**
 * What the bodies are made with: `made`, a slice's bodies from its rows (read only when they are made, not when they are
 * kept: sorted as planRows sorts them); `license`, the licence they state.
 */
export interface BodiesSource {
  readonly license: string;
  readonly made: (code: string, rows: () => PlanRows) => Promise<SliceBodies>;
  /** Called once every municipality's bodies are in the file: a source that keeps bodies lets go of the unused. */
  readonly settle?: () => void;
}

/**
 * The file's rows, then every municipality's Turtle bodies in code order, from `bodiesOf` (made from its rows as written,
 * or kept), so that a build gives the same bytes whatever its cache held. The licence is kept beside them: a server
 * serves them only under the same one.
 */
export const documentRowsWriter = (dir: string, baseIri: string, bodiesOf: BodiesSource): DocumentRowsWriter => {
  // In the order they are read most: a read of a column stops there, so a long inbound column is never read for names
  // or own lines.
  const db = createSqliteFile(
    dir,
    DOCUMENTS_FILE,
    PAGE_SIZE,
    'CREATE TABLE resource (code TEXT NOT NULL, iri TEXT NOT NULL, names TEXT, own BLOB, inbound BLOB, PRIMARY KEY (code, iri)) WITHOUT ROWID;' +
      'CREATE TABLE named_elsewhere (iri TEXT PRIMARY KEY) WITHOUT ROWID;' +
      'CREATE TABLE turtle (code TEXT NOT NULL, iri TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (code, iri)) WITHOUT ROWID;' +
      'CREATE TABLE made_with (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID',
  );
  const insert = db.prepare('INSERT INTO resource (code, iri, names, own, inbound) VALUES (?, ?, ?, ?, ?)');
  const insertBody = db.prepare('INSERT INTO turtle (code, iri, body) VALUES (?, ?, ?)');
  const elsewhere = new Set<string>();
  const insertAll = db.transaction((code: string, rows: PlanRows) => {
    const own = ownIris(baseIri, code);
    for (const r of rows) {
      insert.run(code, ...r);
      if (r[1] !== null && !own(r[0])) elsewhere.add(r[0]);
    }
  });
  const insertBodies = db.transaction((code: string, bodies: SliceBodies) => {
    for (const [iri, body] of bodies) insertBody.run(code, iri, body);
  });
  const insertElsewhere = db.transaction(() => {
    const put = db.prepare('INSERT INTO named_elsewhere (iri) VALUES (?)');
    for (const iri of [...elsewhere].sort(cmp)) put.run(iri);
  });

  /** Each municipality, in order. */
  const codes: string[] = [];
  const done = new Set<string>();
  let code: string | undefined;
  let plans: PlanRows[] = [];

  const flush = () => {
    if (code === undefined) return;
    insertAll(code, rowsOfSlice(plans));
    codes.push(code);
    done.add(code);
    plans = [];
  };
  const readRows = db.prepare('SELECT iri, names, own, inbound FROM resource WHERE code = ?').raw();
  // In planRows' order (SQLite's would be its bytes', which differs from it beyond U+FFFF), as a worker makes them.
  const rowsOf = (c: string) => (readRows.all(c) as unknown as ResourceRow[]).sort((a, b) => cmp(a[0], b[0]));

  return {
    add: (c, rows) => {
      if (c !== code) {
        flush();
        if (done.has(c)) throw new Error(`document rows: the graphs of ${c} came apart (they must come together, in manifest order)`);
        code = c;
      }
      plans.push(rows);
    },
    finish: async () => {
      try {
        // Rows go in key order (codes in manifest order, IRIs sorted), so pages are filled as they are written: no
        // VACUUM, which would copy a national file (GBs) once more.
        flush();
        for (const c of codes) insertBodies(c, await bodiesOf.made(c, () => rowsOf(c)));
        bodiesOf.settle?.();
        insertElsewhere();
        db.prepare('INSERT INTO made_with (name, value) VALUES (?, ?)').run('license', bodiesOf.license);
      } finally {
        db.close();
      }
      return sqliteFileEntry(dir, DOCUMENTS_FILE);
    },
  };
};

/** One slice's rows of a resource, as N-Triples text ('' when none). */
export interface SliceRows {
  /** Triples with the resource as subject, and with it as object (rdf:type left out). */
  triples(iri: string): { readonly own: string; readonly inbound: string };
  /** Triples with the resource as subject alone (a read that never touches its inbound lines). */
  own(iri: string): string;
  /** Triples with the resource as object alone (rdf:type left out). */
  inbound(iri: string): string;
  /** Its labels and types ('' without a read for an IRI that no row of the slice can name). */
  names(iri: string): string;
}

/** A resource's lines in one slice, as N-Triples text ('' when none). */
export interface DocumentRows {
  /** Triples with the resource as subject, and with it as object (rdf:type left out). */
  triples(code: string, iri: string): { readonly own: string; readonly inbound: string };
  /** Its labels and types. */
  names(code: string, iri: string): string;
  /** One slice's rows: the same reads with the code given. */
  slice(code: string): SliceRows;
  /**
   * The stored Turtle document of a municipality's resource, as bytes; undefined when there is none, or when the file's
   * bodies state another licence than the one asked for (or it has none: an older converter's).
   */
  turtle(code: string, iri: string): Buffer | undefined;
  /** Every resource a slice has a row for, sorted: its own, and those it only names or points at. */
  iris(code: string): string[];
  close(): void;
}

/** Opens a build's document rows read-only (`baseIri`: the build's; `license`: the one its stored documents must state). */
export const openDocumentRows = (file: string, baseIri: string, license?: string): DocumentRows => {
  const db = openSqliteFile(file);
  const prepare = (columns: string) => {
    try {
      return db.prepare(`SELECT ${columns} FROM resource WHERE code = ? AND iri = ?`);
    } catch (e) {
      db.close();
      // A file of an older converter (one column of own and inbound lines) is rebuilt, not misread.
      throw new Error(`${file}: not the document rows this server reads (${(e as Error).message}); rebuild with npm run convert`);
    }
  };
  const both = prepare('own, inbound').raw();
  const rowIris = db.prepare('SELECT iri FROM resource WHERE code = ? ORDER BY iri').pluck();
  const [names, own, inbound] = [prepare('names').pluck(), prepare('own').pluck(), prepare('inbound').pluck()];
  const triplesOf = (code: string, iri: string) => {
    const row = both.get(code, iri) as [string | Buffer | null, string | Buffer | null] | undefined;
    return { own: text(row?.[0]), inbound: text(row?.[1]) };
  };
  const ownOf = (code: string, iri: string) => text(own.get(code, iri) as string | Buffer | null | undefined);
  const inboundOf = (code: string, iri: string) => text(inbound.get(code, iri) as string | Buffer | null | undefined);
  const namesOf = (code: string, iri: string) => (names.get(code, iri) as string | null | undefined) ?? '';
  // A file without the list (an older converter's) is read for every name.
  const has = (table: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table) !== undefined;
  const listed = has('named_elsewhere');
  const elsewhere = listed ? new Set(db.prepare('SELECT iri FROM named_elsewhere').pluck().all() as string[]) : undefined;
  const namedIn = (code: string) => {
    if (!elsewhere) return (iri: string) => namesOf(code, iri);
    const own = ownIris(baseIri, code);
    return (iri: string) => (own(iri) || elsewhere.has(iri) ? namesOf(code, iri) : '');
  };
  const madeWith = has('made_with') ? (db.prepare("SELECT value FROM made_with WHERE name = 'license'").pluck().get() as string | undefined) : undefined;
  const body = license !== undefined && madeWith === license && has('turtle') ? db.prepare('SELECT body FROM turtle WHERE code = ? AND iri = ?').pluck() : undefined;
  return {
    triples: triplesOf,
    names: (code, iri) => namedIn(code)(iri),
    turtle: (code, iri) => {
      const stored = body?.get(code, iri) as string | Buffer | undefined;
      return stored === undefined ? undefined : typeof stored === 'string' ? Buffer.from(stored) : inflateRawSync(stored);
    },
    iris: (code) => rowIris.all(code) as string[],
    slice: (code) => ({
      triples: (iri) => triplesOf(code, iri),
      own: (iri) => ownOf(code, iri),
      inbound: (iri) => inboundOf(code, iri),
      names: namedIn(code),
    }),
    close: () => db.close(),
  };
};
