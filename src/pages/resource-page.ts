// Renders the HTML page of any described resource (choosing the element, plan, municipality, theme or generic page) and the error pages (404 and others).
import { DOCUMENT_EXTS, RDF_FORMATS } from '../documents/formats.ts';
import type { ResourceDocument } from '../documents/index.ts';
import type { SiteUrls } from '../rdf/uris.ts';
import { elementPage } from './element-page.ts';
import { genericPage } from './generic-page.ts';
import { html } from './html.ts';
import { messages } from './i18n.ts';
import { layout } from './layout.ts';
import { withParams, type Links } from './links.ts';
import type { PageContext, PageLink } from './page-parts.ts';
import { municipalityPage, planPage } from './plan-page.ts';
import { themePage, themeSchemePage } from './theme-page.ts';

/**
 * A resource whose document is made only if its page needs it: element, plan, municipality and theme pages render from
 * the view, only the generic page lists the document's triples.
 */
export interface LazyDocument {
  readonly iri: string;
  readonly path: string;
  load(): ResourceDocument;
}

/** The document at `path` in each RDF format, as a page links to it. */
export const documentAlternates = (urls: SiteUrls, path: string): PageLink[] =>
  DOCUMENT_EXTS.map((e) => ({ href: urls.data(path, e), type: RDF_FORMATS[e].mediaType, label: RDF_FORMATS[e].label }));

export interface ResourcePageInput {
  readonly ctx: PageContext;
  readonly doc: ResourceDocument | LazyDocument;
  /** The document in each RDF format. */
  readonly alternates: readonly PageLink[];
  /** The resource's own triples as JSON-LD, embedded as a data block. */
  readonly jsonld?: string;
  /** The schema.org Dataset (JSON-LD) of the dataset whose landing page this is. */
  readonly dataset?: string;
  /** A municipality code that narrows a theme page to one municipality (?m=); ignored elsewhere. */
  readonly only?: string;
}

export interface ErrorPageInput {
  /** The site's links in the page's language. */
  readonly links: Links;
  readonly status: number;
  readonly message: string;
  /** The URL asked for (for the language switch); the home when unknown. */
  readonly self?: string;
}

export const resourcePage = ({ ctx, doc, alternates, jsonld, dataset, only }: ResourcePageInput): string => {
  const { view } = ctx;
  const { urls } = ctx.links;
  const iri = doc.iri;
  const self = urls.page(doc.path);
  const element = view.elements.get(iri);
  if (element) return elementPage({ ctx, element, alternates, jsonld, dataset, self });
  const plan = view.plans.get(iri);
  if (plan) return planPage({ ctx, plan, alternates, jsonld, dataset, self });
  const municipality = view.municipalities.find((m) => m.iri === iri);
  if (municipality) return municipalityPage({ ctx, municipality, alternates, jsonld, dataset, self });
  const theme = view.themes.find((t) => t.iri === iri);
  if (theme) {
    const code = view.municipalities.some((m) => m.code === only) ? only : undefined;
    return themePage({ ctx, theme, only: code, alternates, jsonld, dataset, self: withParams(self, { m: code }) });
  }
  if (iri === urls.themeScheme()) return themeSchemePage({ ctx, iri, alternates, jsonld, dataset, self });
  return genericPage({ ctx, doc: 'load' in doc ? doc.load() : doc, alternates, jsonld, dataset, self });
};

/** The page of any error answered to a browser: its status and the same message the text and JSON answers carry. */
export const errorPage = ({ links, status, message, self = links.urls.home() }: ErrorPageInput): string => {
  const m = messages(links.lang);
  const title = status === 404 ? m.notFound : `${m.error} ${status}`;
  const body = html`<article class="not-found"><h1>${title}</h1>
<p class="note">${message}</p>
<p>${m.notFoundHint}</p>
<p><a class="button" href="${links.home()}">${m.navHome}</a> <a class="button" href="${links.search()}">${m.navSearch}</a></p>
</article>`;
  return layout({ links, title, body, self });
};
