// One document thread: a municipality's resource documents and pages made from the build's rows (documents.sqlite)
// and the vocabulary graph, one at a time, off the main thread; its Turtle documents read as the converter stored them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workerData } from 'node:worker_threads';
import { Parser, type Quad } from 'n3';
// Each module from where it is defined, not from its layer's index: a thread loads only what it answers with (the
// indexes of convert and documents would load the whole converter, Oxigraph and the SHACL engine in every thread).
import { documentFromRows, vocabularyIndex } from '../../convert/document-bodies.ts';
import { openDocumentRows } from '../../convert/document-rows.ts';
import { openPathsFile, type DocumentPaths } from '../../convert/paths-file.ts';
import { rowsPageView, vocabularyView, type VocabularyView } from '../../documents/element-view.ts';
import { outsideSubjects, ownFromRows, rowTriples } from '../../documents/row-documents.ts';
import { makeLinks } from '../../pages/links.ts';
import { pageContext } from '../../pages/page-parts.ts';
import { documentAlternates, resourcePage } from '../../pages/resource-page.ts';
import { compactQuads } from '../../rdf/owned-terms.ts';
import { distinctTriples } from '../../rdf/resource-document.ts';
import { serializeQuads } from '../../rdf/serialize.ts';
import { siteUrls } from '../../rdf/uris.ts';
import { documentBody } from '../../rdf/document-body.ts';
import type { DocumentTask, DocumentThreadData } from './document-threads.ts';
import { HttpError } from './http-error.ts';
import { serveTasks } from './pool-thread.ts';
import { pageLinks, sliceOf } from './slice-keys.ts';

const data = workerData as DocumentThreadData;
// The Turtle the converter stored is served only when it states this server's licence (data/catalog.yaml).
const rows = openDocumentRows(data.documentsFile, data.baseIri, data.license);
const vocabularyQuads = compactQuads(new Parser({ format: 'N-Quads' }).parse(readFileSync(data.vocabularyFile, 'utf8')));
const vocabulary = vocabularyIndex(vocabularyQuads);
const urls = siteUrls(data.baseIri);
const facts = { urls, license: data.license };

/** What only a page reads: the paths index (its links), the resources outside every municipality, the vocabulary's view. */
interface PageSources {
  readonly paths: DocumentPaths;
  readonly outside: (iri: string) => readonly Quad[];
  readonly ofElements: VocabularyView;
}
let pageSources: PageSources | undefined;
/** Opened on the first page: a Linked Data client's documents never need them. */
const forPages = (): PageSources => {
  if (pageSources) return pageSources;
  const shared = readFileSync(join(data.buildDir, data.sharedFile));
  // As a slice's read (slices.ts): a newer build swapped in is answered 503 until the reload takes it in.
  if (createHash('sha256').update(shared).digest('hex') !== data.sharedSha256)
    throw new HttpError('unavailable', `${data.sharedFile}: the build changed under the loaded one; it is being reloaded, try again shortly`);
  pageSources = {
    paths: openPathsFile(join(data.buildDir, data.pathsFile)),
    outside: outsideSubjects(shared, vocabularyQuads, urls),
    ofElements: vocabularyView(distinctTriples(vocabularyQuads), urls),
  };
  return pageSources;
};
const codes = new Set(data.codes);
const sliceKey = (path: string) => sliceOf(path, data, codes);

const own = async (iri: string, code: string): Promise<Buffer | null> => {
  // A page's JSON-LD needs the own triples alone: serializeQuads sorts them and drops repeats, as the document does.
  const quads = ownFromRows(iri, rows.slice(code), vocabulary);
  return quads ? Buffer.from(await serializeQuads(quads, 'application/ld+json')) : null;
};

serveTasks(async (task: DocumentTask): Promise<Uint8Array | null> => {
  const { code, iri, path } = task;
  if (task.ext === 'own') return own(iri, code);
  // A municipality's Turtle is stored (convert/document-bodies.ts); a hub cut at the cap would be made (none is).
  const stored = task.ext === 'ttl' && task.truncated === undefined ? rows.turtle(code, iri) : undefined;
  if (stored) return stored;
  if (task.ext !== 'page') {
    const doc = documentFromRows(iri, path, rows.slice(code), vocabulary);
    return doc ? documentBody(doc, task.ext, facts, task.truncated) : null;
  }
  const { paths, outside, ofElements } = forPages();
  const slice = rows.slice(code);
  const view = rowsPageView(iri, urls.municipality(code), rowTriples(slice, outside), ofElements, urls);
  if (!view) return null;
  const jsonld = await own(iri, code);
  if (!jsonld) throw new HttpError('not_found', `no document at ${urls.local(urls.data(path, 'jsonld'))}`);
  const ctx = pageContext(makeLinks(urls, task.lang, pageLinks(code, sliceKey, paths.has)), view);
  const load = () => {
    const doc = documentFromRows(iri, path, slice, vocabulary);
    if (!doc) throw new HttpError('not_found', `no page at ${urls.local(urls.page(path))}`);
    return doc;
  };
  return Buffer.from(resourcePage({ ctx, doc: { iri, path, load }, alternates: documentAlternates(urls, path), jsonld: jsonld.toString('utf8'), dataset: task.dataset }));
});
