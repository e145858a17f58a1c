// The Turtle document of every resource of a municipality's slice, made at convert time from the slice's rows and kept in
// documents.sqlite beside them: the representation Linked Data clients ask for most is then one indexed read for the
// server instead of a document made and serialized per request (nationally 0.6 of the 1.2 ms of server CPU a Turtle
// document took, by hand). A municipality's bodies are made once all its plans are converted, from the rows of all of
// them, on the converter's workers (makeSliceBodiesFile), and kept by the digest of its plans' inputs (cachedBodiesSource).
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Quad } from 'n3';
import { documentBody, type DocumentFacts } from '../rdf/document-body.ts';
import { parseLines } from '../rdf/line-syntax.ts';
import { describeResource, distinctTriples, indexTriples, isLabelTriple, type NameSource, type TripleIndex } from '../rdf/resource-document.ts';
import type { ResourceDocument } from '../rdf/resource-document.ts';
import { siteUrls } from '../rdf/uris.ts';
import { RDF } from '../rdf/vocab.ts';
import { keepFile, pruneEntries } from './abandoned.ts';
import { columnText, ownIris, packPlanBodies, rowsOfSlice, storedText, unpackPlanBodies, unpackPlanRows, type BodiesSource, type BodyRow, type PlanRows, type SliceBodies, type SliceRows } from './document-rows.ts';
import { PIECE_FILES, sha256 } from './plan-cache.ts';

const BODIES_EXT = '.json.deflate';

const TYPE = `${RDF}type`;

/** The vocabulary graph's triples, indexed as a slice's document index indexes them (made once per build). */
export const vocabularyIndex = (quads: readonly Quad[]): TripleIndex => indexTriples(distinctTriples(quads));

const parseText = (text: string): Quad[] => (text === '' ? [] : parseLines(text, 'N-Triples'));

/** The document of `iri` (at `path`) from its slice's rows, or undefined when the slice says nothing of it. */
export const documentFromRows = (iri: string, path: string, rows: SliceRows, vocabulary: TripleIndex): ResourceDocument | undefined => {
  const stored = rows.triples(iri);
  const own = [...(vocabulary.bySubject.get(iri) ?? []), ...parseText(stored.own)];
  const inbound = [...(vocabulary.byObject.get(iri) ?? []), ...parseText(stored.inbound)];
  if (own.length === 0 && inbound.length === 0) return undefined;
  const named = new Map<string, { labels: readonly Quad[]; types: readonly Quad[] }>();
  const namesOf = (m: string) => {
    let n = named.get(m);
    if (!n) {
      const text = rows.names(m);
      // Most names a document asks for are the vocabulary's alone (its predicates and classes), already distinct.
      if (text === '') n = { labels: vocabulary.names.labels(m), types: vocabulary.names.types(m) };
      else {
        const all = distinctTriples([...vocabulary.names.labels(m), ...vocabulary.names.types(m), ...parseText(text)]);
        n = { labels: all.filter(isLabelTriple), types: all.filter((t) => t.predicate.value === TYPE) };
      }
      named.set(m, n);
    }
    return n;
  };
  const names: NameSource = { labels: (m) => namesOf(m).labels, types: (m) => namesOf(m).types };
  return describeResource(iri, path, own, inbound, names);
};

/** A slice's rows held in memory (a plan's, or a municipality's merged), read as the build's file is read. */
export const sliceRowsOf = (rows: PlanRows): SliceRows => {
  const byIri = new Map(rows.map((r) => [r[0], r] as const));
  const column = (iri: string, i: 2 | 3) => columnText(byIri.get(iri)?.[i]);
  return {
    triples: (iri) => ({ own: column(iri, 2), inbound: column(iri, 3) }),
    own: (iri) => column(iri, 2),
    inbound: (iri) => column(iri, 3),
    names: (iri) => byIri.get(iri)?.[1] ?? '',
  };
};

/** What every body of a build is made with: the vocabulary graph, the base IRI and the dataset's licence. */
export interface BodyMaker {
  readonly vocabulary: TripleIndex;
  readonly facts: DocumentFacts;
}

/** A maker for the build of `baseIri` whose licence is `license`, with the vocabulary graph's quads. */
export const bodyMaker = (baseIri: string, license: string, vocabulary: readonly Quad[]): BodyMaker => ({
  vocabulary: vocabularyIndex(vocabulary),
  facts: { urls: siteUrls(baseIri), license },
});

/**
 * The Turtle document of every resource of the slice `code` that has one (its own IRIs and source texts: the rows of
 * other IRIs only name them), as the server would make it from the same rows.
 */
export const sliceBodies = async (code: string, rows: PlanRows, maker: BodyMaker): Promise<SliceBodies> => {
  const { urls } = maker.facts;
  const served = ownIris(urls.home(), code);
  const slice = sliceRowsOf(rows);
  const out: BodyRow[] = [];
  for (const [iri] of rows) {
    if (!served(iri)) continue;
    const path = urls.pathOf(iri);
    const doc = path === undefined ? undefined : documentFromRows(iri, path, slice, maker.vocabulary);
    if (doc) out.push([iri, storedText(await documentBody(doc, 'ttl', maker.facts))]);
  }
  return out;
};

/** The bodies of a build (documentRowsWriter): each slice's made from its rows with `maker`. */
export const bodiesSource = (maker: BodyMaker): BodiesSource => ({ license: maker.facts.license, made: (code, rows) => sliceBodies(code, rows(), maker) });

/**
 * The digest a municipality's bodies are kept under: of `shared` (what every piece depends on: base IRI, licence,
 * vocabulary, converter code) and of its plans' own inputs (PlanEntry.inputs). Its rows are a function of these, as the
 * plan cache's pieces are, so a kept body is found without reading the rows.
 */
export const sliceBodiesKey = (shared: string, planInputs: readonly string[]): string => sha256([shared, ...[...planInputs].sort()].join('\n'));

/** The file under the bodies cache that holds the bodies of municipality `code` kept under `key`. */
export const bodiesFile = (dir: string, code: string, key: string): string => join(dir, `${code}-${key}${BODIES_EXT}`);

/**
 * Makes the bodies of municipality `code` from the rows its plans' cache entries (`planDirs`) hold, and keeps them in
 * `file`: what a converter worker does for each municipality whose bodies are not kept yet.
 */
export const makeSliceBodiesFile = async (code: string, planDirs: readonly string[], file: string, maker: BodyMaker): Promise<void> => {
  const rows = rowsOfSlice(planDirs.map((d) => unpackPlanRows(readFileSync(join(d, PIECE_FILES.rows)))));
  keepFile(file, packPlanBodies(await sliceBodies(code, rows, maker)));
};

/**
 * A BodiesSource that reads each municipality's bodies from `dir`, under the key `keyOf` gives its code (kept there by
 * the converter's workers), and makes and keeps them from its rows when they are not there or cannot be read.
 * settle() removes what the build did not ask for.
 */
export const cachedBodiesSource = (maker: BodyMaker, dir: string, keyOf: (code: string) => string): BodiesSource => {
  const plain = bodiesSource(maker);
  const used = new Set<string>();
  return {
    license: plain.license,
    made: async (code, rows) => {
      const file = bodiesFile(dir, code, keyOf(code));
      used.add(basename(file));
      try {
        return unpackPlanBodies(readFileSync(file));
      } catch {
        // not kept, or unreadable: made again
      }
      const bodies = await plain.made(code, rows);
      keepFile(file, packPlanBodies(bodies));
      return bodies;
    },
    settle: () => {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return;
      }
      pruneEntries(dir, names, (name) => used.has(name));
    },
  };
};
