// A resource document's body in one RDF syntax: its triples and the document's description of itself. Made by the
// converter for the Turtle of a municipality's resources (stored in documents.sqlite), by the server's document threads
// for their other syntaxes, and on the main thread for the shared slice's documents.
import { DataFactory, type Quad } from 'n3';
import { RDF_FORMATS, type RdfExt } from './formats.ts';
import type { ResourceDocument } from './resource-document.ts';
import { serializeQuads, type RdfMediaType } from './serialize.ts';
import { withParams, type SiteUrls } from './uris.ts';
import { DCTERMS, FOAF, RDF, RDFS, SD, VOID } from './vocab.ts';

export const VOID_PREFIXES = { void: VOID, sd: SD };

export interface DocumentFacts {
  readonly urls: SiteUrls;
  /** The dataset's licence (data/catalog.yaml). */
  readonly license: string;
}

/** A hub's inbound links as the converter cut them: `kept` (its cap, site.json) of `of` distinct. */
export interface Truncation {
  readonly kept: number;
  readonly of: number;
}

/**
 * The document's own description of itself: which resource it is about, under which licence, in which dataset; for a
 * hub cut at the converter's cap (`truncated`), that it was cut and where the full list is.
 */
export const aboutDocument = (doc: ResourceDocument, ext: RdfExt, facts: DocumentFacts, truncated?: Truncation): Quad[] => {
  const { urls } = facts;
  const self = DataFactory.namedNode(urls.data(doc.path, ext));
  const q = (p: string, o: string) => DataFactory.quad(self, DataFactory.namedNode(p), DataFactory.namedNode(o));
  const out = [q(`${RDF}type`, `${FOAF}Document`), q(`${FOAF}primaryTopic`, doc.iri), q(`${VOID}inDataset`, urls.dataset()), q(`${DCTERMS}license`, facts.license)];
  if (truncated !== undefined) {
    const query = `SELECT ?s ?p WHERE { ?s ?p <${doc.iri}> FILTER(?p != <${RDF}type>) } ORDER BY ?s ?p`;
    out.push(q(`${RDFS}seeAlso`, withParams(urls.sparql(), { query })));
    out.push(DataFactory.quad(self, DataFactory.namedNode(`${RDFS}comment`), DataFactory.literal(`${truncated.kept} of ${truncated.of} inbound links; the rdfs:seeAlso query lists them all`, 'en')));
  }
  return out;
};

// The document's parts go to serializeQuads as they are: it sorts and drops duplicates itself (documentTriples would
// key every triple once more first).
export const documentBody = async (doc: ResourceDocument, ext: RdfExt, facts: DocumentFacts, truncated?: Truncation): Promise<Buffer> =>
  Buffer.from(
    await serializeQuads([...aboutDocument(doc, ext, facts, truncated), ...doc.own, ...doc.inbound, ...doc.context], RDF_FORMATS[ext].mediaType as RdfMediaType, {
      prefixes: VOID_PREFIXES,
    }),
  );
