// The page of any other resource (quote selections, selectors, values, periods, SSDS, source texts, ontology terms): labelled properties.
import type { Quad, Term } from 'n3';
import type { ResourceDocument } from '../documents/index.ts';
import { DCAT, DCTERMS, JPP, JPP_ONTOLOGY, OWL, RDF, RDFS, SD, SKOS } from '../rdf/vocab.ts';
import { planTrail } from './element-page.ts';
import { html, type SafeHtml } from './html.ts';
import { layout } from './layout.ts';
import { breadcrumbs, compactIri, dataLinks, iriLink, nameOf, quoteBlocks, resourceHead, termCell, type PageContext, type PageLink } from './page-parts.ts';

export interface GenericPageInput {
  readonly ctx: PageContext;
  readonly doc: ResourceDocument;
  readonly alternates: readonly PageLink[];
  readonly jsonld?: string;
  /** The schema.org Dataset (JSON-LD) of the dataset whose landing page this is. */
  readonly dataset?: string;
  readonly self: string;
}

/** Inbound links listed per predicate before "and N more". */
const INBOUND_CAP = 40;

const grouped = (quads: readonly Quad[], pick: (q: Quad) => Term): Map<string, Term[]> => {
  const out = new Map<string, Term[]>();
  for (const q of quads) (out.get(q.predicate.value) ?? out.set(q.predicate.value, []).get(q.predicate.value)!).push(pick(q));
  return out;
};

/** Literals in the page's language (or untagged) first, then the others. */
const byLang = (lang: string) => (a: Term, b: Term) => {
  const rank = (t: Term) => (t.termType !== 'Literal' || t.language === lang || t.language === '' ? 0 : 1);
  return rank(a) - rank(b);
};

const propertyTable = (ctx: PageContext, doc: ResourceDocument, groups: Map<string, Term[]>, cap?: number): SafeHtml =>
  html`<div class="table-wrap"><table class="props"><tbody>
${[...groups].map(([p, terms]) => {
  const sorted = [...terms].sort(byLang(ctx.lang));
  const shown = cap ? sorted.slice(0, cap) : sorted;
  const more = sorted.length - shown.length;
  return html`<tr><th scope="row">${iriLink(ctx, p, doc)}</th><td><ul class="values">${shown.map((t) => html`<li>${termCell(ctx, t, doc)}</li>`)}${
    more > 0 ? html`<li class="more">… +${more}</li>` : ''
  }</ul></td></tr>\n`;
})}</tbody></table></div>`;

/** Breadcrumbs for a resource under a plan (…/measure/1/quote/title → the measure), else home › resource. */
const trailOf = (ctx: PageContext, doc: ResourceDocument, title: string) => {
  const { view, links, m } = ctx;
  let owner: string | undefined;
  for (let iri = doc.iri; iri.includes('/'); iri = iri.slice(0, iri.lastIndexOf('/'))) {
    if (iri !== doc.iri && (view.elements.has(iri) || view.plans.has(iri))) {
      owner = iri;
      break;
    }
  }
  const plan = owner ? (view.plans.get(owner) ?? view.plans.get(view.elements.get(owner)!.plan)) : undefined;
  const trail = plan ? planTrail(ctx, plan) : [{ href: links.home(), text: m.navHome }];
  if (owner && view.elements.has(owner)) {
    for (const a of [...view.ancestors(owner), view.elements.get(owner)!]) trail.push({ href: links.page(a.iri), text: a.label });
  }
  if (doc.kind === 'term') trail.push({ href: links.page(JPP_ONTOLOGY), text: nameOf(ctx, JPP_ONTOLOGY) });
  trail.push({ text: title });
  return trail;
};

/** The ontology's classes and properties (what rdfs:isDefinedBy points at it), each with its name and definition. */
const termTables = (ctx: PageContext, doc: ResourceDocument): SafeHtml => {
  const terms = doc.inbound.filter((q) => q.predicate.value === `${RDFS}isDefinedBy`).map((q) => q.subject.value);
  const isClass = ctx.view.isClass;
  const definition = (t: string) => ctx.view.definition(t, ctx.lang) ?? '';
  const table = (id: string, title: string, list: string[]) =>
    html`<section aria-labelledby="${id}"><h2 id="${id}">${title}</h2><div class="table-wrap"><table class="props"><tbody>${list.map(
      (t) => html`<tr><th scope="row">${iriLink(ctx, t, doc)}<br><code>${compactIri(t)}</code></th><td>${definition(t)}</td></tr>`,
    )}</tbody></table></div></section>`;
  return html`${table('h-classes', ctx.m.classes, terms.filter(isClass))}${table('h-term-props', ctx.m.ontologyProperties, terms.filter((t) => !isClass(t)))}`;
};

const HEADER_PREDICATES = new Set([`${RDFS}label`, `${SKOS}prefLabel`, `${DCTERMS}title`, `${SKOS}definition`, `${RDFS}comment`, `${DCTERMS}description`]);

export const genericPage = ({ ctx, doc, alternates, jsonld, dataset, self }: GenericPageInput): string => {
  const { m, view, links, lang } = ctx;
  const title = nameOf(ctx, doc.iri, doc);
  const types = doc.own.filter((q) => q.predicate.value === `${RDF}type`).map((q) => q.object.value);
  const texts = (p: string) => doc.own.filter((q) => q.predicate.value === p && q.object.termType === 'Literal' && (q.object as { language: string }).language === lang).map((q) => q.object.value);
  const definitions = [...texts(`${SKOS}definition`), ...texts(`${DCTERMS}description`)];
  const comments = texts(`${RDFS}comment`);
  const isTerm = doc.kind === 'term' || doc.kind === 'ontology';
  const own = grouped(
    doc.own.filter((q) => !(isTerm && HEADER_PREDICATES.has(q.predicate.value) && q.object.termType === 'Literal')),
    (q) => q.object,
  );
  const inbound = grouped(doc.inbound, (q) => q.subject);
  const selection = view.quoteBySelection.get(doc.iri) ?? view.quoteBySelection.get(doc.iri.slice(0, doc.iri.lastIndexOf('/')));
  const file = doc.kind === 'source' ? doc.path.slice('sources/'.length) : undefined;
  const source = file ? view.sources.get(file) : undefined;
  const instances = doc.kind === 'term' ? [...view.elements.values()].filter((e) => JPP + e.cls === doc.iri) : [];
  const perPlan = new Map<string, Map<string, number>>();
  for (const e of instances) {
    const levels = perPlan.get(e.plan) ?? perPlan.set(e.plan, new Map()).get(e.plan)!;
    levels.set(e.levelName, (levels.get(e.levelName) ?? 0) + 1);
  }
  const isOwl = types.some((t) => t.startsWith(OWL));
  // A named graph: what its description says about the dataset it names (counts, dumps, endpoint, distributions).
  const graphs = doc.kind === 'graph' ? doc.own.filter((q) => q.predicate.value === `${SD}graph`).map((q) => q.object.value) : [];
  const graphTables = graphs.map((g) => {
    const about = doc.context.filter((q) => q.subject.value === g);
    const parts = new Set(about.filter((q) => q.predicate.value === `${DCAT}distribution`).map((q) => q.object.value));
    const rows = grouped([...about, ...doc.context.filter((q) => parts.has(q.subject.value) && q.predicate.value === `${DCAT}downloadURL`)], (q) => q.object);
    return html`<section aria-labelledby="h-graph"><h2 id="h-graph">${m.graphContents}</h2><p>${iriLink(ctx, g, doc)}</p>${propertyTable(ctx, doc, rows)}</section>`;
  });
  const body = html`${breadcrumbs(ctx, trailOf(ctx, doc, title))}
<article class="resource generic kind-${doc.kind}">
<header class="page-head">
<p class="kicker">${types.map((t, i) => html`${i ? ' ' : ''}<span class="cls">${nameOf(ctx, t, doc)}</span>`)}</p>
<h1>${title}</h1>
${isTerm || isOwl ? html`<p class="subtitle"><code>${compactIri(doc.iri)}</code></p>` : ''}
</header>
${definitions.length ? html`<div class="text">${definitions.map((d) => html`<p>${d}</p>`)}</div>` : ''}
${comments.length ? html`<div class="comments">${comments.map((c) => html`<p class="note">${c}</p>`)}</div>` : ''}
${selection ? html`<section><h2>${m.sourceQuote}</h2>${quoteBlocks(ctx, [selection])}</section>` : ''}
${file ? html`<section class="callout"><h2>${m.sourceDescription}</h2><p><a class="button" href="${links.source(file)}">${m.openViewer}</a> <a href="${links.local(links.urls.sourceText(file))}">${m.rawText}</a>${
    source ? html` <span class="note">${source.quotes.length} ${m.quotedSpans}</span>` : ''
  }</p></section>` : ''}
${perPlan.size ? html`<section><h2>${m.instances}</h2><ul class="counts">${[...perPlan].map(([plan, levels]) =>
    html`<li><a href="${links.to(plan)}">${nameOf(ctx, plan)}</a>: ${[...levels].map(([l, n]) => html`<span lang="ja">${l}</span> <span class="n">${n}</span> `)}</li>`,
  )}</ul></section>` : ''}
${doc.kind === 'ontology' ? termTables(ctx, doc) : ''}
<section aria-labelledby="h-props"><h2 id="h-props">${m.properties}</h2>${propertyTable(ctx, doc, own)}</section>
${graphTables}
${inbound.size && doc.kind !== 'ontology' ? html`<section aria-labelledby="h-in"><h2 id="h-in">${m.referencedBy}</h2>${propertyTable(ctx, doc, inbound, INBOUND_CAP)}</section>` : ''}
${dataLinks(ctx, doc.iri, alternates)}
</article>`;
  return layout({ links, title, body, self, head: resourceHead(alternates, jsonld, dataset) });
};
