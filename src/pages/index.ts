// Entry point of the pages layer: every HTML page the server renders, each from a page context (the site's URLs in one language).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export { dumpsPage, type DumpEntry } from './dumps-page.ts';
export { homePage } from './home-page.ts';
export { messages } from './i18n.ts';
export { catalogHtmlPage, voidHtmlPage } from './metadata-pages.ts';
export { makeLinks, withParams, type Links } from './links.ts';
export { pageContext, type PageContext, type PageLink } from './page-parts.ts';
export { exampleName, queryPage, type ExampleQuery } from './query-page.ts';
export { documentAlternates, errorPage, resourcePage, type LazyDocument } from './resource-page.ts';
export { MAX_PAGE, MAX_QUERY_LENGTH, PAGE_SIZE, searchOptions, searchPage, searchResponse, type SearchResponse } from './search-page.ts';
export { sourcePage } from './source-page.ts';

/** The folder of the pages' own static files (stylesheet, icon, the query page's script). */
export const ASSETS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'assets');
