// Search results: the documented JSON shape ({ query, total, results: [...] }) and the HTML page with highlighted snippets.
import { JPP } from '../rdf/vocab.ts';
import { highlightsOf, normalize, runs, snippetOf, type SearchOptions, type SearchResult, type Snippet } from '../search/index.ts';
import type { ViewIndex } from '../documents/index.ts';
import { html, join, type SafeHtml } from './html.ts';
import { layout } from './layout.ts';
import { withParams } from './links.ts';
import { classLabel, levelText, nameOf, short, type PageContext } from './page-parts.ts';

export const PAGE_SIZE = 20;
/** The last page served: the first 1,000 results are listed, however many match. */
export const MAX_PAGE = 50;
/** Result headings longer than this (texts standing in for a title) are cut; the snippet shows the text. */
const TITLE_LENGTH = 50;
/** Longest query accepted, in code points. */
export const MAX_QUERY_LENGTH = 100;

export interface SearchResultItem {
  readonly iri: string;
  /** The resource's HTML page. */
  readonly page: string;
  readonly label: string;
  /** Class label in the response language (e.g. 施策 / Measure). */
  readonly type: string;
  /** The plan's own level name and number (e.g. 施策 12), empty for plans. */
  readonly level: string;
  /** Municipality name in the response language. */
  readonly municipality: string;
  readonly snippet: string;
  /** [start, end) code point ranges of `snippet` that match. */
  readonly highlights: readonly (readonly [number, number])[];
  readonly score: number;
}

export interface SearchResponse {
  readonly query: string;
  /** Municipality code the results are limited to, if any. */
  readonly municipality?: string;
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  readonly results: readonly SearchResultItem[];
}

export interface SearchRequest {
  readonly q: string;
  /** 1-based page number. */
  readonly page: number;
  readonly municipality?: string;
}

const offsetOf = (req: SearchRequest): number => (Math.max(1, req.page) - 1) * PAGE_SIZE;

/** What a search request asks the index for: its page of results, in its municipality if any. */
export const searchOptions = (req: SearchRequest): SearchOptions => ({
  offset: offsetOf(req),
  limit: PAGE_SIZE,
  ...(req.municipality ? { group: req.municipality } : {}),
});

/** The index's answer to a request, shaped (labels in the page's language, snippets from the text or the title). */
export const searchResponse = (ctx: PageContext, req: SearchRequest, found: SearchResult): SearchResponse => {
  const { links } = ctx;
  const offset = offsetOf(req);
  // Each hit carries what its line shows (search-index.ts SearchShown): listing results reads no slice.
  const results = found.hits.map((hit): SearchResultItem => {
    const shown = hit.shown;
    const label = shown?.label ?? nameOf(ctx, hit.id);
    const text = hit.fields.text ?? '';
    const snip: Snippet = text && (hit.matched.includes('text') || !shown?.titled) ? snippetOf(text, found.terms) : snippetOf(hit.fields.subtitle ?? label, found.terms);
    return {
      iri: hit.id,
      page: links.pageUrl(hit.id) ?? hit.id,
      label,
      type: classLabel(ctx, shown?.cls ?? 'Plan', JPP) ?? '',
      level: shown?.level ?? '',
      municipality: nameOf(ctx, shown?.municipality ?? ''),
      snippet: snip.text,
      highlights: snip.highlights,
      score: hit.score,
    };
  });
  return { query: req.q, ...(req.municipality ? { municipality: req.municipality } : {}), total: found.total, offset, limit: PAGE_SIZE, results };
};

/** Text with its highlighted ranges wrapped in <mark>, everything escaped. */
export const marked = (s: Snippet): SafeHtml => {
  const chars = Array.from(s.text);
  const parts: SafeHtml[] = [];
  let pos = 0;
  for (const [a, b] of s.highlights) {
    parts.push(html`${chars.slice(pos, a).join('')}<mark>${chars.slice(a, b).join('')}</mark>`);
    pos = b;
  }
  parts.push(html`${chars.slice(pos).join('')}`);
  return join(parts);
};

export interface SearchPageInput {
  readonly ctx: PageContext;
  readonly response: SearchResponse;
  /** Shown instead of results (e.g. the query is too long). */
  readonly error?: string;
}

export const searchPage = ({ ctx, response, error }: SearchPageInput): string => {
  const { m, view, links } = ctx;
  const { query, total, offset, results } = response;
  const terms = runs(normalize(query).chars).map((r) => r.join(''));
  const pageNo = Math.floor(offset / PAGE_SIZE) + 1;
  // The pager stops at the last page served, so it never links to a page that is refused.
  const pages = Math.min(Math.ceil(total / PAGE_SIZE), MAX_PAGE);
  const capped = total > MAX_PAGE * PAGE_SIZE;
  const at = (p: number) => links.search(query, { m: response.municipality, page: p > 1 ? p : undefined });
  const body = html`<header class="page-head"><h1>${m.searchTitle}</h1><p class="subtitle">${m.searchIntro}</p></header>
<form class="search-form" action="${links.local(links.urls.search())}" method="get" role="search">
<input type="search" name="q" value="${query}" aria-label="${m.searchPlaceholder}" placeholder="${m.searchPlaceholder}" maxlength="${MAX_QUERY_LENGTH}">
<select name="m" aria-label="${m.municipality}"><option value="">${m.allMunicipalities}</option>${view.municipalities.map(
    (mu) => html`<option value="${mu.code}"${response.municipality === mu.code ? ' selected' : ''}>${nameOf(ctx, mu.iri)}</option>`,
  )}</select>
${links.lang === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}<button type="submit">${m.searchButton}</button>
</form>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
${!error && query.trim()
  ? html`<p class="summary" role="status"><strong>${total}</strong> ${m.results}${pages > 1 ? html` (${pageNo}/${pages})` : ''}</p>
${capped ? html`<p class="note">${m.resultsCapped.replace('{n}', String(MAX_PAGE * PAGE_SIZE))}</p>` : ''}
${total === 0 ? html`<p class="empty">${m.noResults}</p>` : ''}
<ol class="results" start="${offset + 1}">
${results.map(
  (r) => html`<li class="result"><p class="meta"><span class="cls">${r.type}</span>${r.level ? html` <span class="level" lang="ja">${r.level}</span>` : ''} · ${r.municipality}</p>
<h2><a href="${links.local(r.page)}" lang="ja">${marked(highlightsOf(short(r.label, TITLE_LENGTH), terms))}</a></h2>
${r.snippet === r.label ? '' : html`<p class="snippet" lang="ja">${marked({ text: r.snippet, highlights: r.highlights })}</p>`}</li>`,
)}
</ol>
${pages > 1
  ? html`<nav class="pager" aria-label="${m.pages}">${pageNo > 1 ? html`<a rel="prev" href="${at(pageNo - 1)}">← ${m.previous}</a>` : ''} ${
      pageNo < pages ? html`<a rel="next" href="${at(pageNo + 1)}">${m.next} →</a>` : ''
    }</nav>`
  : ''}`
  : ''}`;
  return layout({
    links,
    title: query.trim() ? `${query} — ${m.searchTitle}` : m.searchTitle,
    body,
    // The language switch keeps the search, its municipality filter and its page.
    self: withParams(links.urls.search(), { q: query, m: response.municipality, page: pageNo > 1 ? pageNo : undefined }),
    active: 'search',
    query,
  });
};
