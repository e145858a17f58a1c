// The query page a browser gets at /sparql: YASGUI (served from /assets/) on our endpoint, with the research queries as examples.
import { html, jsonScript } from './html.ts';
import { messages, type Lang } from './i18n.ts';
import { layout } from './layout.ts';
import { makeLinks } from './links.ts';
import { siteUrls } from '../rdf/uris.ts';
import type { Localized } from '../plan/index.ts';
import { PREFIXES } from '../rdf/vocab.ts';

export interface ExampleQuery {
  /** File name under queries/. */
  readonly file: string;
  /** Its question, from the `# ja:` / `# en:` comment lines. */
  readonly name: Localized;
  readonly query: string;
}

export interface QueryPageInput {
  /** Path or IRI the no-script form submits to (relative to the page). */
  readonly endpoint: string;
  /** The endpoint's IRI, shown on the page; YASGUI queries it root-relative (from whatever host the page came). */
  readonly endpointUrl: string;
  /** The site's base IRI (for the shared header, the assets and the path YASGUI queries). */
  readonly base: string;
  readonly examples: readonly ExampleQuery[];
  /** Shown in the editor at first when there are no examples. */
  readonly exampleQuery: string;
  readonly lang?: Lang;
}

/** The name of a query file: its `# ja:` / `# en:` lines, else its first comment line, else the file name. */
export const exampleName = (file: string, text: string): ExampleQuery['name'] => {
  const comments = text.split('\n').filter((l) => l.startsWith('#'));
  const tagged = (lang: string) => comments.find((l) => l.startsWith(`# ${lang}:`))?.slice(lang.length + 3).trim();
  const first = comments[0]?.replace(/^#\s*/, '').trim() || file;
  return { ja: tagged('ja') ?? first, en: tagged('en') ?? tagged('ja') ?? first };
};

export const queryPage = ({ endpoint, endpointUrl, base, examples, exampleQuery, lang = 'ja' }: QueryPageInput): string => {
  const urls = siteUrls(base);
  const links = makeLinks(urls, lang, () => false);
  const m = messages(lang);
  // sparql-page.js resolves this against the page's own address: the page's origin is the one the CSP allows.
  const endpointPath = urls.local(urls.sparql());
  const data = JSON.stringify({
    endpoint: endpointPath,
    examples: examples.map((e) => ({ file: e.file, name: e.name[lang], query: e.query })),
    initial: examples[0]?.query ?? exampleQuery,
    // The result table shortens IRIs with these (and the query's own prefixes).
    prefixes: PREFIXES,
  });
  const body = html`<header class="page-head"><h1>${m.queryTitle}</h1><p class="subtitle">${m.queryIntro} <code>${endpointUrl}</code></p></header>
<div class="sparql-layout">
<aside class="examples" aria-labelledby="h-examples">
<h2 id="h-examples">${m.examples}</h2>
<p class="note">${m.examplesNote}</p>
<ol class="example-list">
${examples.map((e, i) => html`<li><button type="button" class="example" data-example="${i}" title="${e.file}">${e.name[lang]}</button></li>\n`)}</ol>
</aside>
<div class="editor">
<div id="yasgui" data-endpoint="${endpointPath}"></div>
<noscript><p>${m.noScript}</p>
<form method="get" action="${endpoint}">
<p><label for="query">SPARQL</label><br><textarea id="query" name="query" rows="14" cols="80">${examples[0]?.query ?? exampleQuery}</textarea></p>
<p><button type="submit">▶</button></p>
</form></noscript>
</div>
</div>
<script type="application/json" id="sparql-config">${jsonScript(data)}</script>`;
  return layout({
    links,
    title: m.queryTitle,
    body,
    self: urls.sparql(),
    active: 'sparql',
    bodyClass: 'wide sparql',
    styles: [links.asset('yasgui.min.css')],
    scripts: [links.asset('yasgui.min.js'), links.asset('sparql-page.js')],
  });
};
