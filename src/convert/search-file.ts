// The build's search index (search.sqlite): each plan's search rows, read from its graph at conversion, written into
// one SQLite file plan by plan (one plan's rows in memory at a time), in manifest order so the bytes are reproducible.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Quad } from 'n3';
import { ELEMENT_CLASSES } from '../plan/index.ts';
import { siteUrls } from '../rdf/uris.ts';
import { DCTERMS, JPP, LABEL_PREDICATES, RDF, RDFS, SKOS } from '../rdf/vocab.ts';
import { searchFileWriter, shownElement, type SearchDocument } from '../search/index.ts';
import type { BuildFile, Manifest } from './dataset.ts';
import { sqliteFileEntry } from './sqlite-file.ts';
import { bytesOfBuildFile } from './temp-build-file.ts';

export const SEARCH_FILE = 'search.sqlite';

const P = {
  type: `${RDF}type`,
  label: `${RDFS}label`,
  title: `${DCTERMS}title`,
  description: `${DCTERMS}description`,
  identifier: `${DCTERMS}identifier`,
  isPartOf: `${DCTERMS}isPartOf`,
  subtitle: `${JPP}subtitle`,
  fieldName: `${JPP}fieldName`,
  levelName: `${JPP}levelName`,
  notation: `${SKOS}notation`,
  plan: `${JPP}plan`,
  municipality: `${JPP}municipality`,
};
const ELEMENT_TYPES: ReadonlySet<string> = new Set(ELEMENT_CLASSES.map((c) => `${JPP}${c}`));
const LABELS = [...LABEL_PREDICATES];

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** By group, then id: a plan's rows of one municipality stay together whatever else the plan holds. */
const byGroupAndId = (a: SearchDocument, b: SearchDocument) => cmp(a.group ?? '', b.group ?? '') || cmp(a.id, b.id);

/**
 * The search rows of one plan's graph: its municipality, the plan (and its parts) and every element, with the fields the documents layer
 * gives them (searchDocuments over the view index; tests/search/search-file.test.ts checks the two agree), sorted by group and id.
 * The convert layer cannot read the view index (it lies above), so the few properties are read here.
 */
export const planSearchRows = (quads: readonly Quad[], baseIri: string): SearchDocument[] => {
  const urls = siteUrls(baseIri);
  const graph = new Map<string, Map<string, Quad['object'][]>>();
  for (const q of quads) {
    if (q.subject.termType !== 'NamedNode') continue;
    const props = graph.get(q.subject.value) ?? graph.set(q.subject.value, new Map()).get(q.subject.value)!;
    (props.get(q.predicate.value) ?? props.set(q.predicate.value, []).get(q.predicate.value)!).push(q.object);
  }
  const objects = (s: string, p: string) => graph.get(s)?.get(p) ?? [];
  const one = (s: string, p: string, lang?: string) =>
    (lang === undefined ? objects(s, p)[0] : objects(s, p).find((t) => t.termType === 'Literal' && t.language === lang))?.value;
  const types = (s: string) => objects(s, P.type).map((t) => t.value);
  const code = (municipality: string | undefined) => (municipality === undefined ? undefined : one(municipality, P.identifier));
  const jaLabel = (s: string) => LABELS.map((p) => one(s, p, 'ja')).find((v) => v !== undefined);

  const rows: SearchDocument[] = [];
  for (const s of graph.keys()) {
    if (urls.pathOf(s) === undefined) continue;
    const t = types(s);
    // The municipality, found by its name (every plan of it makes this row: writeSearchBuildFile keeps the first).
    if (t.includes(`${JPP}Municipality`)) {
      const name = jaLabel(s);
      if (name !== undefined) rows.push({ id: s, group: code(s), fields: { title: name }, shown: { cls: 'Municipality', municipality: s } });
    }
    if (t.includes(`${JPP}Plan`)) {
      const partOf = one(s, P.isPartOf);
      const municipality = one(s, P.municipality) ?? (partOf ? one(partOf, P.municipality) : undefined);
      rows.push({
        id: s,
        group: code(municipality),
        // A plan's title seldom names its municipality (基本計画): the name is its field, which plans have none of.
        fields: { title: one(s, P.title, 'ja') ?? jaLabel(s), field: municipality === undefined ? undefined : jaLabel(municipality), text: one(s, P.description, 'ja') },
        shown: { cls: 'Plan', municipality: municipality ?? '' },
      });
    }
    const plan = one(s, P.plan);
    // The element's class as the view index picks it: the first of its types that is an element class.
    const cls = t.find((x) => ELEMENT_TYPES.has(x));
    if (plan !== undefined && cls !== undefined) {
      const text = one(s, P.description, 'ja');
      const label = one(s, P.label, 'ja') ?? s;
      const title = one(s, P.title, 'ja');
      const municipality = one(plan, P.municipality);
      rows.push({
        id: s,
        group: code(municipality),
        fields: { title: title ?? (text ? undefined : label), subtitle: one(s, P.subtitle, 'ja'), field: one(s, P.fieldName, 'ja'), text },
        shown: shownElement(cls.slice(JPP.length), one(s, P.levelName, 'ja') ?? '', one(s, P.notation), label, title !== undefined, municipality ?? ''),
      });
    }
  }
  return rows.sort(byGroupAndId);
};

type FileEntry = Manifest['files'][number];

/**
 * Writes search.sqlite into dir from each plan's rows, in the order given (the manifest's: municipality code, then
 * plan id, so that a municipality's rows are consecutive); returns its manifest entry. A municipality's row, which each
 * of its plans' rows hold, is written once.
 */
export const writeSearchBuildFile = (dir: string, plans: Iterable<readonly SearchDocument[]>): FileEntry => {
  const path = join(dir, SEARCH_FILE);
  rmSync(path, { force: true });
  const writer = searchFileWriter(path);
  const municipalities = new Set<string>();
  const first = (row: SearchDocument) => row.shown?.cls !== 'Municipality' || (!municipalities.has(row.id) && !!municipalities.add(row.id));
  for (const rows of plans) writer.add(rows.filter(first));
  writer.finish();
  return sqliteFileEntry(dir, SEARCH_FILE);
};

/** The search file of an in-memory conversion (convert()). */
export const searchBuildFile = (quads: readonly Quad[], graphs: Manifest['graphs'], baseIri: string): Promise<{ file: BuildFile; entry: FileEntry }> => {
  const byGraph = new Map<string, Quad[]>();
  for (const q of quads) (byGraph.get(q.graph.value) ?? byGraph.set(q.graph.value, []).get(q.graph.value)!).push(q);
  return bytesOfBuildFile((dir) =>
    writeSearchBuildFile(
      dir,
      graphs.filter((g) => g.plan).map((g) => planSearchRows(byGraph.get(g.iri) ?? [], baseIri)),
    ),
  );
};
