// One document thread: a municipality's resource documents and pages made from the build's rows (documents.sqlite)
// and the vocabulary graph, one at a time, off the main thread; its Turtle documents read as the converter stored them,
// its pages as `npm run convert` rendered them ahead (pages.sqlite).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workerData } from 'node:worker_threads';
import { Parser } from 'n3';
// Each module from where it is defined, not from its layer's index: a thread loads only what it answers with (the
// indexes of convert and documents would load the whole converter, Oxigraph and the SHACL engine in every thread).
import { documentFromRows, vocabularyIndex } from '../../convert/document-bodies.ts';
import { openDocumentRows } from '../../convert/document-rows.ts';
import { buildReads, type BuildReads } from '../../publish/page-reads.ts';
import { openPageStore, PAGES_FILE } from '../../publish/page-store.ts';
import { ownJsonLd, rowPages, type PageRequest } from '../../publish/row-pages.ts';
import { compactQuads } from '../../rdf/owned-terms.ts';
import { siteUrls } from '../../rdf/uris.ts';
import { documentBody } from '../../rdf/document-body.ts';
import type { DocumentTask, DocumentThreadData } from './document-threads.ts';
import { HttpError } from './http-error.ts';
import { serveTasks } from './pool-thread.ts';

const data = workerData as DocumentThreadData;
// The Turtle the converter stored is served only when it states this server's licence (data/catalog.yaml).
const rows = openDocumentRows(data.documentsFile, data.baseIri, data.license);
const vocabularyQuads = compactQuads(new Parser({ format: 'N-Quads' }).parse(readFileSync(data.vocabularyFile, 'utf8')));
const vocabulary = vocabularyIndex(vocabularyQuads);
const urls = siteUrls(data.baseIri);
const facts = { urls, license: data.license };
const own = ownJsonLd(rows, vocabulary);
// The pages `npm run convert` rendered ahead, when they were made for this build by this code; else none is stored.
const stored = openPageStore(join(data.buildDir, PAGES_FILE), data.pagesMadeFor);

let rendered: { readonly render: ReturnType<typeof rowPages>; readonly build: BuildReads } | undefined;
/** Pages rendered here, set up on the first one not stored: a Linked Data client's documents never need it. */
const renderPage = (request: PageRequest): Promise<string | null> => {
  if (!rendered) {
    const shared = readFileSync(join(data.buildDir, data.sharedFile));
    // As a slice's read (slices.ts): a newer build swapped in is answered 503 until the reload takes it in.
    if (createHash('sha256').update(shared).digest('hex') !== data.sharedSha256)
      throw new HttpError('unavailable', `${data.sharedFile}: the build changed under the loaded one; it is being reloaded, try again shortly`);
    rendered = {
      render: rowPages({ rows, vocabularyQuads, vocabulary, urls, missing: (message) => new HttpError('not_found', message) }),
      build: buildReads({ ...data, dir: data.buildDir }, vocabularyQuads, shared),
    };
  }
  return rendered.render(request, rendered.build);
};

serveTasks(async (task: DocumentTask): Promise<Uint8Array | null> => {
  const { code, iri, path } = task;
  if (task.ext === 'own') return own(code, iri);
  // A municipality's Turtle is stored (convert/document-bodies.ts); a hub cut at the cap would be made (none is).
  const turtle = task.ext === 'ttl' && task.truncated === undefined ? rows.turtle(code, iri) : undefined;
  if (turtle) return turtle;
  if (task.ext !== 'page') {
    const doc = documentFromRows(iri, path, rows.slice(code), vocabulary);
    return doc ? documentBody(doc, task.ext, facts, task.truncated) : null;
  }
  // A dataset's landing page carries the catalog's schema.org markup, which no stored page has.
  const page = task.dataset === undefined ? stored?.page(code, iri, task.lang) : undefined;
  if (page) return page;
  const html = await renderPage({ code, iri, path, lang: task.lang, dataset: task.dataset });
  return html === null ? null : Buffer.from(html);
});
