// Renders the /dumps/ index in the site's layout: every downloadable build file with its media type, size and SHA-256
// (styled by site.css: the page's CSP allows no inline style).
import { html, join } from './html.ts';
import { messages } from './i18n.ts';
import { layout } from './layout.ts';
import type { Links } from './links.ts';

export interface DumpEntry {
  readonly href: string;
  readonly path: string;
  readonly contentType: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** Every `href` is root-relative (the page works from any host). */
export const dumpsPage = (links: Links, entries: readonly DumpEntry[]): string => {
  const { urls, lang } = links;
  const m = messages(lang);
  const body = html`<h1>${m.dumpsTitle}</h1>
<p>${m.dumpsIntro} ${m.dumpsCatalogBefore}${lang === 'en' ? ' ' : ''}<a href="${links.local(urls.catalog())}">${m.catalog}</a>${m.dumpsCatalogAfter}</p>
<table class="dumps">
<thead><tr><th>${m.dumpsFile}</th><th>${m.dumpsMediaType}</th><th>${m.dumpsBytes}</th><th>SHA-256</th></tr></thead>
<tbody>
${join(
  entries.map((e) => html`<tr><td><a href="${e.href}">${e.path}</a></td><td>${e.contentType}</td><td class="n">${String(e.bytes)}</td><td><code>${e.sha256}</code></td></tr>`),
  '\n',
)}
</tbody>
</table>`;
  return layout({ links, title: m.dumpsTitle, body, self: urls.dumps(), active: 'data', bodyClass: 'wide' });
};
