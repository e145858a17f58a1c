// One prerender thread: a municipality's pages at a time, in every language, rendered from the staged build's rows and
// gzipped here, so that the rendering and the compression both use every core.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { Parser } from 'n3';
// Each module from where it is defined: a layer's index would load the whole converter in every thread.
import { vocabularyIndex } from '../convert/document-bodies.ts';
import { DOCUMENTS_FILE, openDocumentRows } from '../convert/document-rows.ts';
import { ELEMENT_TYPES } from '../documents/element-view.ts';
import { LANGS } from '../documents/langs.ts';
import { compactQuads } from '../rdf/owned-terms.ts';
import { siteUrls } from '../rdf/uris.ts';
import { RDF } from '../rdf/vocab.ts';
import { buildReads, readsFingerprint, recordingReads } from './page-reads.ts';
import type { RenderedSlice, StoredPage } from './page-store.ts';
import type { PrerenderReply, PrerenderThreadData } from './prerender.ts';
import { rowPages } from './row-pages.ts';

const data = workerData as PrerenderThreadData;
const at = (file: string) => join(data.dir, file);
const rows = openDocumentRows(at(DOCUMENTS_FILE), data.baseIri);
const vocabularyQuads = compactQuads(new Parser({ format: 'N-Quads' }).parse(readFileSync(at(data.vocabularyFile), 'utf8')));
const urls = siteUrls(data.baseIri);
const render = rowPages({ rows, vocabularyQuads, vocabulary: vocabularyIndex(vocabularyQuads), urls, missing: (message) => new Error(message) });
const build = buildReads(data, vocabularyQuads);
// The store's key order (code, IRI, language), in which its pages are inserted: the same pages give the same bytes
// only when they are inserted in the same order, whether rendered here or copied from the previous build.
const KEY_ORDER = [...LANGS].sort();
// Fixed settings, so that the same page gives the same bytes; level 9 costs little more here than 6 (a page is small).
const GZIP = { level: 9 } as const;

/** The end of an N-Triples line typing a resource as a plan element, one per element class. */
const ELEMENT_TYPE_LINES = [...ELEMENT_TYPES].map((type) => ` <${RDF}type> <${type}> .`);
/** Whether a municipality's resource is a plan element: its names (N-Triples lines) type it so. */
const isElement = (code: string, iri: string): boolean => {
  const names = rows.names(code, iri);
  return ELEMENT_TYPE_LINES.some((line) => names.includes(`<${iri}>${line}`));
};

/**
 * A municipality's pages: every plan element's (the resources the plans are made of, under id/{code}/, which have a
 * document and a page made from its rows). The nine in ten resources beneath them (values, quotes, selectors) are
 * rendered on request from their element's view: storing theirs would mean about ten times as many pages.
 */
const renderSlice = async (code: string): Promise<RenderedSlice> => {
  const under = `${urls.municipality(code)}/`;
  const { reads, view } = recordingReads(build, code);
  const pages: StoredPage[] = [];
  for (const iri of rows.iris(code)) {
    const path = urls.pathOf(iri);
    if (!iri.startsWith(under) || path === undefined || !build.has(path) || !isElement(code, iri)) continue;
    for (const lang of KEY_ORDER) {
      const html = await render({ code, iri, path, lang }, view);
      // Its own bytes, exactly: zlib's result is a view of a larger buffer, which a message would copy whole (a national
      // build's 489,248 pages took 8.7 GB of the converter's memory that way).
      if (html !== null) pages.push([iri, lang, new Uint8Array(gzipSync(html, GZIP))]);
    }
  }
  const sorted = [...reads].sort();
  return { pages, reads: sorted, readsHash: readsFingerprint(sorted, build) };
};

parentPort!.on('message', (code: string) => {
  renderSlice(code).then(
    (slice) =>
      parentPort!.postMessage(
        { code, slice } satisfies PrerenderReply,
        slice.pages.map(([, , gzip]) => gzip.buffer as ArrayBuffer),
      ),
    (e: unknown) => parentPort!.postMessage({ code, error: e instanceof Error ? e.message : String(e) } satisfies PrerenderReply),
  );
});
