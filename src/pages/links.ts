// The site's page URLs as the HTML pages link them: in English mode every internal page link carries ?lang=en.
import type { SiteUrls } from '../rdf/uris.ts';
import type { Lang } from './i18n.ts';

export interface Links {
  readonly lang: Lang;
  readonly urls: SiteUrls;
  /** Adds the language parameter (and any others) to a URL of ours. */
  href(url: string, params?: Readonly<Record<string, string | number | undefined>>): string;
  /** The HTML page of an IRI we describe, or undefined (external IRIs, or ours without a page). */
  page(iri: string): string | undefined;
  home(): string;
  search(q?: string, params?: Readonly<Record<string, string | number | undefined>>): string;
  /** The source viewer of a file, optionally at a quoted span. */
  source(file: string, anchor?: string): string;
  /** A theme's page, optionally filtered to one municipality (by code). */
  theme(themeIri: string, municipalityCode?: string): string;
  asset(name: string): string;
}

/** Appends query parameters to a URL that may already have some (a fragment stays last). */
export const withParams = (url: string, params: Readonly<Record<string, string | number | undefined>>): string => {
  const hash = url.indexOf('#');
  const [base, fragment] = hash < 0 ? [url, ''] : [url.slice(0, hash), url.slice(hash)];
  const query = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return query ? `${base}${base.includes('?') ? '&' : '?'}${query}${fragment}` : url;
};

/** `hasPage(path)` tells whether the site serves /page/<path>. */
export const makeLinks = (urls: SiteUrls, lang: Lang, hasPage: (path: string) => boolean): Links => {
  const langParam = lang === 'en' ? 'en' : undefined;
  const href: Links['href'] = (url, params = {}) => withParams(url, { ...params, lang: langParam });
  return {
    lang,
    urls,
    href,
    page: (iri) => {
      const path = urls.pathOf(iri);
      return path !== undefined && hasPage(path) ? href(urls.page(path)) : undefined;
    },
    home: () => href(urls.home()),
    search: (q, params = {}) => href(urls.search(), { q, ...params }),
    source: (file, anchor) => href(urls.sourceView(file)) + (anchor ? `#${anchor}` : ''),
    theme: (themeIri, code) => {
      const path = urls.pathOf(themeIri);
      return href(path === undefined ? themeIri : urls.page(path), { m: code });
    },
    // Assets are the same in both languages.
    asset: (name) => urls.asset(name),
  };
};
