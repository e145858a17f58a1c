// One document thread: a municipality's resource documents made from the build's rows (documents.sqlite) and the
// vocabulary graph, serialized, one at a time, off the main thread.
import { readFileSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { Parser } from 'n3';
import { openDocumentRows } from '../../convert/document-rows.ts';
import { documentFromRows, ownFromRows, vocabularyIndex } from '../../documents/row-documents.ts';
import { compactQuads } from '../../rdf/owned-terms.ts';
import { serializeQuads } from '../../rdf/serialize.ts';
import { siteUrls } from '../../rdf/uris.ts';
import { documentBody } from './document-body.ts';
import type { DocumentTask, DocumentThreadData } from './document-threads.ts';
import { serveTasks } from './pool-thread.ts';

const data = workerData as DocumentThreadData;
const rows = openDocumentRows(data.documentsFile);
const vocabulary = vocabularyIndex(compactQuads(new Parser({ format: 'N-Quads' }).parse(readFileSync(data.vocabularyFile, 'utf8'))));
const facts = { urls: siteUrls(data.baseIri), license: data.license, inboundCap: data.inboundCap };

serveTasks(async ({ code, iri, path, ext, truncated }: DocumentTask): Promise<Uint8Array | null> => {
  // A page's JSON-LD needs the own triples alone: serializeQuads sorts them and drops repeats, as the document does.
  if (ext === 'own') {
    const own = ownFromRows(iri, rows.slice(code), vocabulary);
    return own ? Buffer.from(await serializeQuads(own, 'application/ld+json')) : null;
  }
  const doc = documentFromRows(iri, path, rows.slice(code), vocabulary);
  return doc ? documentBody(doc, ext, facts, truncated) : null;
});
