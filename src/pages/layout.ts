// The shell every HTML page shares: head, site header with navigation, search box and language switch, footer.
import { html, type SafeHtml } from './html.ts';
import { messages } from './i18n.ts';
import { LANGS, type Lang } from '../documents/langs.ts';
import { withParams, type Links } from './links.ts';

export type NavItem = 'home' | 'themes' | 'search' | 'sparql' | 'data';

export interface LayoutInput {
  readonly links: Links;
  /** The page's own title (the site name is appended). */
  readonly title: string;
  readonly body: SafeHtml;
  /** The page's absolute URL (the language switch and the hreflang alternates are made from it). */
  readonly self: string;
  readonly head?: SafeHtml;
  readonly active?: NavItem;
  /** The search box's current text. */
  readonly query?: string;
  /** Extra class on <body> (e.g. wide pages). */
  readonly bodyClass?: string;
  /** Extra stylesheets (root-relative URLs) before the site's own. */
  readonly styles?: readonly string[];
  /** Scripts (root-relative URLs) loaded at the end of <body>. */
  readonly scripts?: readonly string[];
}

const LANG_NAMES: Readonly<Record<Lang, string>> = { ja: '日本語', en: 'English' };

/** The URL of the same page in `lang`: always explicit, so it overrides Accept-Language. */
export const inLang = (self: string, lang: Lang): string => withParams(self, { lang });

export const layout = (input: LayoutInput): string => {
  const { links, title, body, self } = input;
  const { lang, urls } = links;
  const m = messages(lang);
  const nav = (item: NavItem, href: string, text: string) =>
    html`<a href="${href}"${input.active === item ? html` aria-current="page"` : ''}>${text}</a>`;
  // Links the browser follows or fetches are root-relative (Links); the hreflang alternates in <head> name the
  // page's language versions for crawlers, which want absolute URLs, and are never fetched by the browser.
  const page = html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} | ${m.siteName}</title>
${(input.styles ?? []).map((href) => html`<link rel="stylesheet" href="${href}">\n`)}<link rel="stylesheet" href="${links.asset('site.css')}">
<link rel="icon" href="${links.asset('favicon.svg')}" type="image/svg+xml">
${LANGS.map((l) => html`<link rel="alternate" hreflang="${l}" href="${inLang(self, l)}">\n`)}${input.head ?? ''}</head>
<body${input.bodyClass ? html` class="${input.bodyClass}"` : ''}>
<a class="skip" href="#main">${m.skip}</a>
<header class="site">
<div class="bar">
<a class="brand" href="${links.home()}"><span class="logo" aria-hidden="true">計</span>${m.siteName}</a>
<nav class="nav" aria-label="${m.siteName}">
${nav('home', links.home(), m.navHome)}
${nav('themes', links.href(urls.page('id/theme')), m.navThemes)}
${nav('search', links.search(), m.navSearch)}
${nav('sparql', links.href(urls.sparql()), m.navSparql)}
${nav('data', links.local(urls.dumps()), m.navData)}
</nav>
<form class="search-box" action="${links.local(urls.search())}" method="get" role="search">
<input type="search" name="q" value="${input.query ?? ''}" placeholder="${m.searchPlaceholder}" aria-label="${m.searchPlaceholder}" maxlength="100">
${lang === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}<button type="submit">${m.searchButton}</button>
</form>
<div class="langs" role="group" aria-label="${m.language}">
${LANGS.map((l) =>
  l === lang
    ? html`<span lang="${l}" aria-current="true">${LANG_NAMES[l]}</span>`
    : html`<a lang="${l}" hreflang="${l}" href="${links.local(inLang(self, l))}">${LANG_NAMES[l]}</a>`,
)}
</div>
</div>
</header>
<main id="main">
${body}
</main>
<footer class="site">
<p>${m.footerLicense}</p>
<p class="footer-links"><a href="${links.local(urls.catalog())}">${m.catalog}</a> <a href="${links.local(urls.voidDescription())}">${m.void}</a> <a href="${links.local(urls.dumps())}">${m.dumps}</a> <a href="${links.href(urls.sparql())}">${m.sparqlEndpoint}</a> <a href="${links.local(urls.sitemap())}">${m.sitemap}</a></p>
</footer>
${(input.scripts ?? []).map((src) => html`<script src="${src}"></script>\n`)}</body>
</html>
`;
  return page.value;
};
