// The home page: the municipalities and their plans (cards with element counts per class, or a directory when there
// are too many for cards), the theme × municipality matrix, developer links.
import { JPP_ONTOLOGY } from '../rdf/vocab.ts';
import { MATRIX_COLUMNS_MAX, themeMatrix } from './heatmap.ts';
import { html } from './html.ts';
import { layout } from './layout.ts';
import { jsonLdScript, nameOf, type PageContext } from './page-parts.ts';
import { countList, replacedMark } from './plan-page.ts';

export interface HomePageInput {
  readonly ctx: PageContext;
  /** The schema.org Dataset (JSON-LD) of the whole dataset, whose landing page the home page is. */
  readonly dataset?: string;
}

export const homePage = ({ ctx, dataset }: HomePageInput): string => {
  const { m, view, links } = ctx;
  const { urls } = links;
  const body = html`<section class="hero">
<h1>${m.siteName}</h1>
<p class="lead">${m.homeIntro.replace('{n}', String(view.municipalities.length))}</p>
<form class="search-hero" action="${links.local(urls.search())}" method="get" role="search">
<input type="search" name="q" placeholder="${m.searchPlaceholder}" aria-label="${m.searchPlaceholder}" maxlength="100">
${links.lang === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}<button type="submit">${m.searchButton}</button>
</form>
</section>
<section aria-labelledby="h-plans">
<h2 id="h-plans">${m.municipalitiesAndPlans}</h2>
${view.municipalities.length <= MATRIX_COLUMNS_MAX ? cards(ctx) : directory(ctx)}
</section>
<section aria-labelledby="h-matrix">
<h2 id="h-matrix">${m.matrix}</h2>
${themeMatrix(ctx, 'home-heatmap')}
</section>
<section aria-labelledby="h-dev" class="dev">
<h2 id="h-dev">${m.forDevelopers}</h2>
<ul class="dev-links">
<li><a href="${links.href(urls.sparql())}">${m.sparqlEndpoint}</a> <code>${urls.sparql()}</code></li>
<li><a href="${links.local(urls.catalog())}">${m.catalog}</a> <code>${urls.catalog()}</code></li>
<li><a href="${links.local(urls.dumps())}">${m.dumps}</a> <code>${urls.dumps()}</code></li>
<li><a href="${links.local(urls.voidDescription())}">${m.void}</a> <code>${urls.voidDescription()}</code></li>
<li><a href="${links.search()}">${m.searchTitle}</a> <code>${urls.search()}?q=…</code></li>
<li><a href="${links.page(JPP_ONTOLOGY) ?? links.local(urls.ontology())}">${nameOf(ctx, JPP_ONTOLOGY)}</a> <code>${urls.ontology()}</code></li>
<li><a href="${links.local(urls.sitemap())}">${m.sitemap}</a> <code>${urls.sitemap()}</code></li>
</ul>
</section>`;
  return layout({ links, title: m.navHome, body, self: urls.home(), active: 'home', head: jsonLdScript(dataset) });
};

const cards = (ctx: PageContext) => {
  const { m, view, links } = ctx;
  return html`<div class="cards">
${view.municipalities.map(
  (mu) => html`<section class="card municipality-card" aria-labelledby="h-mu-${mu.code}">
<h3 id="h-mu-${mu.code}"><a href="${links.to(mu.iri)}">${nameOf(ctx, mu.iri)}</a> <span class="code">${mu.code}</span></h3>
${mu.plans.map(
  (p) => html`<p class="plan-link"><a href="${links.to(p.iri)}">${nameOf(ctx, p.iri)}</a>${replacedMark(ctx, p)}</p>
${countList(ctx, p.iri)}`,
)}
<p class="more">${mu.sources.map((f) => html`<a href="${links.source(f)}">${m.source}: ${f}</a> `)}</p>
</section>`,
)}
</div>`;
};

/** One line per municipality, its plans linked: what a national list can be and stay a page (cards would be MBs). */
const directory = (ctx: PageContext) => {
  const { view, links } = ctx;
  return html`<ul class="directory">
${view.municipalities.map(
  (mu) => html`<li><a href="${links.to(mu.iri)}">${nameOf(ctx, mu.iri)}</a> <span class="code">${mu.code}</span>${mu.plans.map((p) => html` · <a href="${links.to(p.iri)}">${nameOf(ctx, p.iri)}</a>${replacedMark(ctx, p)}`)}</li>`,
)}
</ul>`;
};
