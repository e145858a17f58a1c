// The site's page URLs as the HTML pages link them: root-relative paths (so they work from any host the site is
// reached through), and in English mode every internal page link carries ?lang=en.
import { withParams, type SiteUrls } from '../rdf/uris.ts';

// Defined beside the site's URLs, where the converter's documents use it too.
export { withParams };
import type { Lang } from '../documents/index.ts';

/**
 * Every method returns what an `href`, `src` or `action` needs: a URL of ours as a root-relative path, others as they
 * are. IRIs shown as text, `<link rel=alternate>` targets and data blocks keep the absolute IRIs (`urls`).
 */
export interface Links {
  readonly lang: Lang;
  readonly urls: SiteUrls;
  /** Adds the language parameter (and any others) to a URL of ours. */
  href(url: string, params?: Readonly<Record<string, string | number | undefined>>): string;
  /** A URL of ours as it is (no language parameter), root-relative: documents, dumps, the catalog. */
  local(url: string): string;
  /** The HTML page of an IRI we describe, or undefined (external IRIs, or ours without a page). */
  page(iri: string): string | undefined;
  /** The same page as an absolute URL, for answers read by programs (the search's JSON). */
  pageUrl(iri: string): string | undefined;
  /** Where a link to an IRI goes: its page, else the IRI itself (root-relative when it is ours). */
  to(iri: string): string;
  home(): string;
  search(q?: string, params?: Readonly<Record<string, string | number | undefined>>): string;
  /** The source viewer of a file, optionally at a quoted span. */
  source(file: string, anchor?: string): string;
  /** A theme's page, optionally filtered to one municipality (by code). */
  theme(themeIri: string, municipalityCode?: string): string;
  asset(name: string): string;
}

/** `hasPage(path)` tells whether the site serves /page/<path>. */
export const makeLinks = (urls: SiteUrls, lang: Lang, hasPage: (path: string) => boolean): Links => {
  const langParam = lang === 'en' ? 'en' : undefined;
  const absolute = (url: string, params: Readonly<Record<string, string | number | undefined>> = {}) => withParams(url, { ...params, lang: langParam });
  const href: Links['href'] = (url, params) => urls.local(absolute(url, params));
  const pageUrl = (iri: string) => {
    const path = urls.pathOf(iri);
    return path !== undefined && hasPage(path) ? absolute(urls.page(path)) : undefined;
  };
  const page = (iri: string) => {
    const url = pageUrl(iri);
    return url === undefined ? undefined : urls.local(url);
  };
  return {
    lang,
    urls,
    href,
    local: urls.local,
    page,
    pageUrl,
    to: (iri) => page(iri) ?? urls.local(iri),
    home: () => href(urls.home()),
    search: (q, params = {}) => href(urls.search(), { q, ...params }),
    source: (file, anchor) => href(urls.sourceView(file)) + (anchor ? `#${anchor}` : ''),
    theme: (themeIri, code) => {
      const path = urls.pathOf(themeIri);
      return href(path === undefined ? themeIri : urls.page(path), { m: code });
    },
    // Assets are the same in both languages.
    asset: (name) => urls.local(urls.asset(name)),
  };
};
