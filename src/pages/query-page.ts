// The query page a browser gets at /sparql: YASGUI (served from /assets/) on our endpoint, with the research queries as examples.
import { html, jsonScript } from './html.ts';
import { messages } from './i18n.ts';
import { layout } from './layout.ts';
import type { Links } from './links.ts';
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
  /** The site's links in the page's language; the endpoint is the site's (urls.sparql()). */
  readonly links: Links;
  readonly examples: readonly ExampleQuery[];
  /** Shown in the editor at first when there are no examples. */
  readonly exampleQuery: string;
}

/** The name of a query file: its `# ja:` / `# en:` lines, else its first comment line, else the file name. */
export const exampleName = (file: string, text: string): ExampleQuery['name'] => {
  const comments = text.split('\n').filter((l) => l.startsWith('#'));
  const tagged = (lang: string) => comments.find((l) => l.startsWith(`# ${lang}:`))?.slice(lang.length + 3).trim();
  const first = comments[0]?.replace(/^#\s*/, '').trim() || file;
  return { ja: tagged('ja') ?? first, en: tagged('en') ?? tagged('ja') ?? first };
};

export const queryPage = ({ links, examples, exampleQuery }: QueryPageInput): string => {
  const { urls, lang } = links;
  const m = messages(lang);
  const endpointUrl = urls.sparql();
  // sparql-page.js resolves this against the page's own address: the page's origin is the one the CSP allows.
  const endpointPath = urls.local(endpointUrl);
  // The page is the endpoint: the no-script form submits to its own last path segment, relative like the page.
  const endpoint = endpointPath.slice(endpointPath.lastIndexOf('/') + 1);
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
    self: endpointUrl,
    active: 'sparql',
    bodyClass: 'wide sparql',
    styles: [links.asset('yasgui.min.css')],
    scripts: [links.asset('yasgui.min.js'), links.asset('sparql-page.js')],
  });
};
