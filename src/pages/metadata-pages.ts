// The HTML representations of the two metadata documents, for browsers: the DCAT catalog (/catalog, one page of its
// datasets at a time) and the VoID description (/.well-known/void). Both render from the same triples the RDF
// formats are written from, so a reader sees what a harvester gets.
import type { Quad, Term } from 'n3';
import { DCAT, DCTERMS, FOAF, HYDRA, RDF, RDFS, VOID } from '../rdf/vocab.ts';
import { html, type SafeHtml } from './html.ts';
import type { Messages } from './i18n.ts';
import { layout } from './layout.ts';
import { breadcrumbs, compactIri, dataLinks, iriLink, nameOf, resourceHead, row, type PageContext, type PageLink } from './page-parts.ts';

/** Triples by subject, with the look-ups the pages need. */
class Graph {
  readonly #bySubject = new Map<string, Quad[]>();
  constructor(quads: readonly Quad[]) {
    for (const q of quads) (this.#bySubject.get(q.subject.value) ?? this.#bySubject.set(q.subject.value, []).get(q.subject.value)!).push(q);
  }
  objects(s: string, p: string): Term[] {
    return (this.#bySubject.get(s) ?? []).filter((q) => q.predicate.value === p).map((q) => q.object);
  }
  iris(s: string, p: string): string[] {
    return this.objects(s, p).filter((o) => o.termType === 'NamedNode').map((o) => o.value);
  }
  iri(s: string, p: string): string | undefined {
    return this.iris(s, p)[0];
  }
  /** A literal in `lang`, else the first one (an untagged or other-language one). */
  text(s: string, p: string, lang: string): string | undefined {
    const literals = this.objects(s, p).filter((o) => o.termType === 'Literal');
    return (literals.find((o) => o.language === lang) ?? literals[0])?.value;
  }
  count(s: string, p: string): number | undefined {
    const v = this.text(s, p, '');
    return v === undefined ? undefined : Number(v);
  }
  hasType(s: string, type: string): boolean {
    return this.iris(s, `${RDF}type`).includes(type);
  }
}

const NUMBER = new Intl.NumberFormat('en-US');
const number = (n: number | undefined): string | undefined => (n === undefined || Number.isNaN(n) ? undefined : NUMBER.format(n));

/** A resource's title in the page's language from the metadata itself, else the name the site knows it by. */
const titleOf = (ctx: PageContext, g: Graph, iri: string): string => g.text(iri, `${DCTERMS}title`, ctx.lang) ?? g.text(iri, `${FOAF}name`, ctx.lang) ?? nameOf(ctx, iri);

/** A link to a resource of the metadata, shown by its title. */
const titled = (ctx: PageContext, g: Graph, iri: string): SafeHtml => iriLink(ctx, iri, undefined, titleOf(ctx, g, iri));

/** A download link, shown by the file's name under /dumps/ (its whole URL for another site's). */
const download = (ctx: PageContext, url: string, bytes?: number): SafeHtml => {
  const dumps = ctx.links.urls.dumps();
  const name = url.startsWith(dumps) ? url.slice(dumps.length) : url;
  return html`<a href="${ctx.links.local(url)}">${name}</a>${bytes === undefined ? '' : html` <span class="tag">${number(bytes)} ${ctx.m.bytes}</span>`}`;
};

const list = (items: readonly SafeHtml[]): SafeHtml | undefined => (items.length ? html`<ul class="inline">${items.map((i) => html`<li>${i}</li>`)}</ul>` : undefined);

/** The previous/next links of a paged list, as the search page has them. */
const pager = (m: Messages, page: number, pages: number, at: (n: number) => string): SafeHtml =>
  pages > 1
    ? html`<nav class="pager" aria-label="${m.pages}">${page > 1 ? html`<a rel="prev" href="${at(page - 1)}">← ${m.previous}</a>` : ''} <span>${m.pageOf.replace('{n}', String(page)).replace('{m}', String(pages))}</span> ${
        page < pages ? html`<a rel="next" href="${at(page + 1)}">${m.next} →</a>` : ''
      }</nav>`
    : html``;

export interface CatalogPageInput {
  readonly ctx: PageContext;
  /** The catalog with this page's datasets (src/documents/catalog-views.ts catalogPage). */
  readonly quads: readonly Quad[];
  readonly catalog: string;
  /** The page shown (1-based) and how many there are. */
  readonly page: number;
  readonly pages: number;
  /** This page in each RDF format. */
  readonly alternates: readonly PageLink[];
  /** The page's absolute URL (its language versions are made from it). */
  readonly self: string;
}

export const catalogHtmlPage = ({ ctx, quads, catalog, page, pages, alternates, self }: CatalogPageInput): string => {
  const { m, links, lang } = ctx;
  const g = new Graph(quads);
  const title = titleOf(ctx, g, catalog);
  const description = g.text(catalog, `${DCTERMS}description`, lang);
  const datasets = g.iris(catalog, `${DCAT}dataset`);
  const total = g.count(catalog, `${HYDRA}totalItems`) ?? datasets.length;
  // The services by their endpoints, which is what a reader wants to reach (their descriptions are a link away).
  const endpoints = g.iris(catalog, `${DCAT}service`).flatMap((s) => g.iris(s, `${DCAT}endpointURL`).map((e) => html`<a href="${links.href(e)}">${titleOf(ctx, g, s)}</a>`));
  const at = (n: number) => links.href(links.urls.catalogPage(n));
  const rows = datasets.map((d) => {
    const distributions = g.iris(d, `${DCAT}distribution`).flatMap((dist) => {
      const url = g.iri(dist, `${DCAT}downloadURL`);
      return url ? [download(ctx, url, g.count(dist, `${DCAT}byteSize`))] : [];
    });
    const series = g.iris(d, `${DCAT}inSeries`);
    return html`<tr><th scope="row">${titled(ctx, g, d)}</th><td>${g.text(d, `${DCAT}version`, lang) ?? ''}</td><td>${series.map((s) => titled(ctx, g, s))}</td><td class="date">${
      g.text(d, `${DCTERMS}modified`, lang) ?? ''
    }</td><td>${list(distributions) ?? ''}</td></tr>\n`;
  });
  const publisher = g.iri(catalog, `${DCTERMS}publisher`);
  const body = html`${breadcrumbs(ctx, [{ href: links.home(), text: m.navHome }, { text: title }])}
<article class="resource metadata catalog">
<header class="page-head">
<p class="kicker"><span class="cls">${compactIri(`${DCAT}Catalog`)}</span></p>
<h1>${title}</h1>
</header>
${description ? html`<div class="text"><p>${description}</p></div>` : ''}
<dl class="facts">
${row(m.publisher, publisher && titled(ctx, g, publisher))}${row(m.license, list(g.iris(catalog, `${DCTERMS}license`).map((l) => iriLink(ctx, l, undefined, l))))}${row(m.issued, g.text(catalog, `${DCTERMS}issued`, lang))}${row(
    m.modified,
    g.text(catalog, `${DCTERMS}modified`, lang),
  )}${row(m.sparqlEndpoint, list(endpoints))}${row(m.void, list(g.iris(catalog, `${RDFS}seeAlso`).map((v) => html`<a href="${links.href(v)}">${v}</a>`)))}
</dl>
<section aria-labelledby="h-datasets"><h2 id="h-datasets">${m.datasets} <span class="n">${number(total)}</span></h2>
${pager(m, page, pages, at)}
<div class="table-wrap"><table class="datasets"><thead><tr><th>${m.dataset}</th><th>${m.version}</th><th>${m.series}</th><th>${m.modified}</th><th>${m.downloads}</th></tr></thead>
<tbody>
${rows}</tbody></table></div>
${pager(m, page, pages, at)}
</section>
${dataLinks(ctx, catalog, alternates)}
</article>`;
  const pageLinks = html`${page > 1 ? html`<link rel="prev" href="${at(page - 1)}">\n` : ''}${page < pages ? html`<link rel="next" href="${at(page + 1)}">\n` : ''}`;
  return layout({ links, title, body, self, active: 'data', head: html`${resourceHead(alternates, undefined)}${pageLinks}` });
};

export interface VoidPageInput {
  readonly ctx: PageContext;
  /** The VoID description's triples. */
  readonly quads: readonly Quad[];
  /** The description document's own IRI (/.well-known/void). */
  readonly description: string;
  /** The description in each RDF format. */
  readonly alternates: readonly PageLink[];
}

export const voidHtmlPage = ({ ctx, quads, description, alternates }: VoidPageInput): string => {
  const { m, links, lang } = ctx;
  const g = new Graph(quads);
  const title = titleOf(ctx, g, description);
  const dataset = g.iri(description, `${FOAF}primaryTopic`) ?? links.urls.dataset();
  const subsets = g.iris(dataset, `${VOID}subset`);
  const linksets = subsets.filter((s) => g.hasType(s, `${VOID}Linkset`));
  const parts = subsets.filter((s) => !g.hasType(s, `${VOID}Linkset`));
  const counted = (s: string) =>
    html`<td class="n">${number(g.count(s, `${VOID}triples`)) ?? ''}</td><td class="n">${number(g.count(s, `${VOID}entities`)) ?? ''}</td><td class="n">${
      number(g.count(s, `${VOID}classes`)) ?? ''
    }</td><td class="n">${number(g.count(s, `${VOID}properties`)) ?? ''}</td>`;
  const dumps = (s: string) => list(g.iris(s, `${VOID}dataDump`).map((d) => download(ctx, d)));
  const partition = (p: string, which: 'class' | 'property') => {
    const term = g.iri(p, `${VOID}${which}`);
    return term ? { term, n: g.count(p, `${VOID}${which === 'class' ? 'entities' : 'triples'}`) } : undefined;
  };
  const partitions = (p: string, which: 'class' | 'property') =>
    g
      .iris(dataset, p)
      .map((x) => partition(x, which))
      .filter((x) => x !== undefined)
      .sort((a, b) => (compactIri(a.term) < compactIri(b.term) ? -1 : 1));
  const partitionTable = (id: string, heading: string, column: string, count: string, rows: { term: string; n: number | undefined }[]) =>
    html`<section aria-labelledby="${id}"><h2 id="${id}">${heading}</h2><div class="table-wrap"><table class="stats"><thead><tr><th>${column}</th><th>${count}</th></tr></thead><tbody>
${rows.map((r) => html`<tr><th scope="row">${iriLink(ctx, r.term, undefined, compactIri(r.term))}</th><td class="n">${number(r.n) ?? ''}</td></tr>\n`)}</tbody></table></div></section>`;
  const numbers: [string, string][] = [
    [m.triples, 'triples'],
    [m.entities, 'entities'],
    [m.distinctSubjects, 'distinctSubjects'],
    [m.distinctObjects, 'distinctObjects'],
    [m.classCount, 'classes'],
    [m.propertyCount, 'properties'],
  ];
  const body = html`${breadcrumbs(ctx, [{ href: links.home(), text: m.navHome }, { text: title }])}
<article class="resource metadata void">
<header class="page-head">
<p class="kicker"><span class="cls">${compactIri(`${VOID}DatasetDescription`)}</span></p>
<h1>${title}</h1>
</header>
<div class="text"><p>${m.voidIntro}</p></div>
<dl class="facts">
${row(m.dataset, titled(ctx, g, dataset))}${row(m.sparqlEndpoint, list(g.iris(dataset, `${VOID}sparqlEndpoint`).map((e) => html`<a href="${links.href(e)}">${e}</a>`)))}${row(
    m.uriSpace,
    g.text(dataset, `${VOID}uriSpace`, lang) && html`<code>${g.text(dataset, `${VOID}uriSpace`, lang)}</code>`,
  )}${numbers.map(([label, p]) => row(label, number(g.count(dataset, `${VOID}${p}`))))}${row(m.dumps, dumps(dataset))}${row(
    m.vocabularies,
    list(g.iris(dataset, `${VOID}vocabulary`).map((v) => iriLink(ctx, v, undefined, v))),
  )}
</dl>
<section aria-labelledby="h-subsets"><h2 id="h-subsets">${m.subsets}</h2><div class="table-wrap"><table class="stats"><thead><tr><th>${m.dataset}</th><th>${m.triples}</th><th>${m.entities}</th><th>${
    m.classCount
  }</th><th>${m.propertyCount}</th><th>${m.dumps}</th></tr></thead><tbody>
${parts.map((s) => html`<tr><th scope="row">${titled(ctx, g, s)}</th>${counted(s)}<td>${dumps(s) ?? ''}</td></tr>\n`)}</tbody></table></div></section>
${linksets.length
  ? html`<section aria-labelledby="h-linksets"><h2 id="h-linksets">${m.linksets}</h2><div class="table-wrap"><table class="stats"><thead><tr><th>${m.linkPredicate}</th><th>${m.linkTarget}</th><th>${m.triples}</th></tr></thead><tbody>
${linksets.map((l) => {
  const predicate = g.iri(l, `${VOID}linkPredicate`);
  const targets = (g.iris(l, `${VOID}objectsTarget`).length ? g.iris(l, `${VOID}objectsTarget`) : g.iris(l, `${VOID}target`)).filter((t) => t !== dataset);
  return html`<tr><th scope="row">${predicate ? iriLink(ctx, predicate, undefined, compactIri(predicate)) : ''}</th><td>${list(targets.map((t) => titled(ctx, g, t))) ?? ''}</td><td class="n">${
    number(g.count(l, `${VOID}triples`)) ?? ''
  }</td></tr>\n`;
})}</tbody></table></div></section>`
  : ''}
${partitionTable('h-classes', m.classPartitions, m.classColumn, m.entities, partitions(`${VOID}classPartition`, 'class'))}
${partitionTable('h-properties', m.propertyPartitions, m.propertyColumn, m.triples, partitions(`${VOID}propertyPartition`, 'property'))}
${dataLinks(ctx, description, alternates)}
</article>`;
  return layout({ links, title, body, self: description, active: 'data', head: resourceHead(alternates, undefined) });
};
