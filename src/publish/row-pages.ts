// A municipality's resource's HTML page made from the build's rows (documents.sqlite), its paths index and the
// vocabulary: what `npm run convert` renders ahead into pages.sqlite, and what the server's document threads render on
// request when the build has no stored page for it. One function for both, so that a stored page is the page.
import type { Quad } from 'n3';
import type { TripleIndex } from '../rdf/resource-document.ts';
import { documentFromRows } from '../convert/document-bodies.ts';
import type { DocumentRows } from '../convert/document-rows.ts';
import { rowsPageView, vocabularyView } from '../documents/element-view.ts';
import type { Lang } from '../documents/langs.ts';
import { ownFromRows, rowTriples } from '../documents/row-documents.ts';
import { pageLinks } from '../documents/slice-keys.ts';
import { makeLinks } from '../pages/links.ts';
import { pageContext } from '../pages/page-parts.ts';
import { documentAlternates, resourcePage } from '../pages/resource-page.ts';
import { distinctTriples } from '../rdf/resource-document.ts';
import { serializeQuads } from '../rdf/serialize.ts';
import type { SiteUrls } from '../rdf/uris.ts';
import type { BuildReads } from './page-reads.ts';

/** The JSON-LD of a resource's own triples (what its page embeds), or null when its slice's rows say nothing of it. */
export const ownJsonLd =
  (rows: DocumentRows, vocabulary: TripleIndex) =>
  async (code: string, iri: string): Promise<Buffer | null> => {
    // serializeQuads sorts the triples and drops repeats, as the document does.
    const quads = ownFromRows(iri, rows.slice(code), vocabulary);
    return quads ? Buffer.from(await serializeQuads(quads, 'application/ld+json')) : null;
  };

export interface RowPageInputs {
  readonly rows: DocumentRows;
  readonly vocabularyQuads: readonly Quad[];
  readonly vocabulary: TripleIndex;
  readonly urls: SiteUrls;
  /** The error for a resource whose view exists but whose document does not (a damaged build). */
  readonly missing: (message: string) => Error;
}

export interface PageRequest {
  /** The municipality code whose slice holds the resource. */
  readonly code: string;
  readonly iri: string;
  readonly path: string;
  readonly lang: Lang;
  /** The schema.org Dataset the page embeds, when it is a dataset's landing page. */
  readonly dataset?: string | undefined;
}

/**
 * Pages of a municipality's resources from its rows and what they read of the rest of the build (`build`): null for a
 * resource whose page needs its slice's whole view (a plan's, a part's: rowsPageView) or that the rows do not hold.
 */
export const rowPages = (inputs: RowPageInputs): ((request: PageRequest, build: BuildReads) => Promise<string | null>) => {
  const { rows, vocabulary, urls, missing } = inputs;
  const ofElements = vocabularyView(distinctTriples(inputs.vocabularyQuads), urls);
  const own = ownJsonLd(rows, vocabulary);
  return async ({ code, iri, path, lang, dataset }, build) => {
    const slice = rows.slice(code);
    const view = rowsPageView(iri, urls.municipality(code), rowTriples(slice, build.outside), ofElements, urls);
    if (!view) return null;
    const jsonld = await own(code, iri);
    if (!jsonld) throw missing(`no document at ${urls.local(urls.data(path, 'jsonld'))}`);
    const ctx = pageContext(makeLinks(urls, lang, pageLinks(code, build.sliceKey, build.has)), view);
    // A page renders from its view: its document is made only for a page that lists it.
    const load = () => documentFromRows(iri, path, slice, vocabulary) ?? throwing(missing(`no page at ${urls.local(urls.page(path))}`));
    return resourcePage({ ctx, doc: { iri, path, load }, alternates: documentAlternates(urls, path), jsonld: jsonld.toString('utf8'), dataset });
  };
};

const throwing = (e: Error): never => {
  throw e;
};
