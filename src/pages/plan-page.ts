// The pages of a plan (or plan part) and of a municipality: facts, element counts per class, the plan's structure as an outline.
import { ELEMENT_CLASSES } from '../plan/model.ts';
import { JPP } from '../rdf/vocab.ts';
import { paragraphs, planTrail } from './element-page.ts';
import { html, type SafeHtml } from './html.ts';
import { layout } from './layout.ts';
import { breadcrumbs, classLabel, dataLinks, iriLink, levelText, nameOf, quoteBlocks, resourceHead, row, short, type PageContext, type PageLink } from './page-parts.ts';
import type { ElementView, MunicipalityView, PlanView } from '../documents/index.ts';

export interface PlanPageInput {
  readonly ctx: PageContext;
  readonly plan: PlanView;
  readonly alternates: readonly PageLink[];
  readonly jsonld?: string;
  /** The schema.org Dataset (JSON-LD) of the dataset whose landing page this is. */
  readonly dataset?: string;
  readonly self: string;
}

export interface MunicipalityPageInput {
  readonly ctx: PageContext;
  readonly municipality: MunicipalityView;
  readonly alternates: readonly PageLink[];
  readonly jsonld?: string;
  /** The schema.org Dataset (JSON-LD) of the dataset whose landing page this is. */
  readonly dataset?: string;
  readonly self: string;
}

/** How many elements of each class, in the ontology's order of classes. */
/** A plan's elements per class, in ELEMENT_CLASSES order (from the view's counts, which the home page has without the elements). */
export const classCounts = (ctx: PageContext, planIri: string): [string, number][] => {
  const counts = ctx.view.elementCounts.get(planIri);
  return ELEMENT_CLASSES.map((c) => [c, counts?.get(c) ?? 0] as [string, number]).filter(([, n]) => n > 0);
};

export const countList = (ctx: PageContext, planIri: string): SafeHtml =>
  html`<ul class="counts">${classCounts(ctx, planIri).map(
    ([c, n]) => html`<li><a href="${ctx.links.to(JPP + c)}">${classLabel(ctx, c, JPP)}</a> <span class="n">${n}</span></li>`,
  )}</ul>`;

/** Labels longer than this (texts standing in for a title) are cut in the outline. */
const OUTLINE_LENGTH = 60;

/** The plan's elements as a nested outline, in reading order. */
const outline = (ctx: PageContext, plan: PlanView): SafeHtml => {
  const branch = (items: readonly ElementView[]): SafeHtml =>
    html`<ol class="tree">${items.map((e) => {
      const kids = ctx.view.children.get(e.iri) ?? [];
      const text = short(e.label, OUTLINE_LENGTH);
      return html`<li class="cls-${e.cls}"><span class="level">${levelText(e)}</span> <a href="${ctx.links.to(e.iri)}" lang="ja"${
        text === e.label ? '' : html` title="${e.label}"`
      }>${text}</a>${kids.length ? branch(kids) : ''}</li>`;
    })}</ol>`;
  return branch(plan.elements.filter((e) => !e.parent || !ctx.view.elements.has(e.parent)));
};

/** Links to plans (editions), one per item, or undefined for none. */
const planLinks = (ctx: PageContext, iris: readonly string[]): SafeHtml | undefined =>
  iris.length ? html`<ul class="inline">${iris.map((p) => html`<li>${iriLink(ctx, p)}</li>`)}</ul>` : undefined;

/** " (旧版)" after the name of an edition that another replaces, else nothing. */
export const replacedMark = (ctx: PageContext, plan: PlanView): SafeHtml | '' =>
  plan.replacedBy.length ? html` <span class="replaced">(${ctx.m.replacedEdition})</span>` : '';

const periodText = (p: PlanView['period']): SafeHtml | undefined =>
  p ? html`<span lang="ja">${p.label}</span>${p.start && p.end ? html` <span class="dates">(${p.start} – ${p.end})</span>` : ''}` : undefined;

export const planPage = ({ ctx, plan, alternates, jsonld, dataset, self }: PlanPageInput): string => {
  const { m, view, links, lang } = ctx;
  const title = (lang === 'en' ? plan.titles.en : undefined) ?? plan.titles.ja ?? nameOf(ctx, plan.iri);
  const other = lang === 'en' ? plan.titles.ja : plan.titles.en;
  const quotes = [...(view.quotesOf.get(plan.iri) ?? []), ...(view.quotesOf.get(links.urls.period(plan.iri)) ?? [])];
  const trail = planTrail(ctx, plan);
  trail[trail.length - 1] = { text: title };
  const body = html`${breadcrumbs(ctx, trail)}
<article class="resource plan">
<header class="page-head">
<p class="kicker"><a class="cls" href="${links.page(`${JPP}Plan`)}">${classLabel(ctx, 'Plan', JPP)}</a> <span class="level">${nameOf(ctx, plan.municipality)}</span></p>
<h1${lang === 'en' && plan.titles.en ? '' : html` lang="ja"`}>${title}</h1>
${other ? html`<p class="subtitle" lang="${lang === 'en' ? 'ja' : 'en'}">${other}</p>` : ''}
${plan.replacedBy.length ? html`<p class="note replaced-notice">${m.replacedNotice} ${plan.replacedBy.map((p, i) => html`${i ? ', ' : ''}${iriLink(ctx, p)}`)}</p>` : ''}
</header>
${plan.description ? html`<div class="text" lang="ja">${paragraphs(plan.description)}</div>` : ''}
<dl class="facts">
${row(m.municipality, iriLink(ctx, plan.municipality))}${row(m.period, periodText(plan.period))}${row(m.partOf, plan.partOf ? iriLink(ctx, plan.partOf) : undefined)}${row(
    m.parts,
    plan.parts.length ? html`<ul class="inline">${plan.parts.map((p) => html`<li>${iriLink(ctx, p)}</li>`)}</ul>` : undefined,
  )}${row(m.series, plan.series ? iriLink(ctx, plan.series) : undefined)}${row(m.replaces, planLinks(ctx, plan.replaces))}${row(m.replacedBy, planLinks(ctx, plan.replacedBy))}${row(m.sourceTexts, plan.sources.length ? html`${plan.sources.map((f) => html`<a href="${links.source(f)}">${f}</a> `)}` : undefined)}
</dl>
${plan.elements.length ? html`<section aria-labelledby="h-counts"><h2 id="h-counts">${m.elementCounts}</h2>${countList(ctx, plan.iri)}</section>
<section aria-labelledby="h-structure"><h2 id="h-structure">${m.structure}</h2>${outline(ctx, plan)}</section>` : ''}
${quotes.length ? html`<section aria-labelledby="h-source"><h2 id="h-source">${m.sourceQuote}</h2>${quoteBlocks(ctx, quotes)}</section>` : ''}
${dataLinks(ctx, plan.iri, alternates)}
</article>`;
  return layout({ links, title, body, self, head: resourceHead(alternates, jsonld, dataset) });
};

export const municipalityPage = ({ ctx, municipality: mu, alternates, jsonld, dataset, self }: MunicipalityPageInput): string => {
  const { m, view, links, lang } = ctx;
  const name = nameOf(ctx, mu.iri);
  const other = lang === 'en' ? mu.labels.ja : mu.labels.en;
  const themeRows = view.themes.map((t) => ({ t, n: view.themeCounts.get(t.iri)?.get(mu.iri) ?? 0 })).filter((x) => x.n > 0);
  const body = html`${breadcrumbs(ctx, [{ href: links.home(), text: m.navHome }, { text: name }])}
<article class="resource municipality">
<header class="page-head">
<p class="kicker"><a class="cls" href="${links.page(`${JPP}Municipality`)}">${classLabel(ctx, 'Municipality', JPP)}</a></p>
<h1>${name}</h1>
${other ? html`<p class="subtitle" lang="${lang === 'en' ? 'ja' : 'en'}">${other}</p>` : ''}
</header>
<dl class="facts">
${row(m.code, html`<code>${mu.code}</code>`)}${row(m.statArea, mu.spatial ? iriLink(ctx, mu.spatial) : undefined)}${row(
    m.sourceTexts,
    mu.sources.length ? html`${mu.sources.map((f) => html`<a href="${links.source(f)}">${f}</a> `)}` : undefined,
  )}
</dl>
<section aria-labelledby="h-plans"><h2 id="h-plans">${m.plans}</h2>
${mu.plans.map((p) => html`<div class="card"><h3><a href="${links.page(p.iri)}">${nameOf(ctx, p.iri)}</a>${replacedMark(ctx, p)}</h3>${countList(ctx, p.iri)}</div>`)}
</section>
${themeRows.length ? html`<section aria-labelledby="h-themes"><h2 id="h-themes">${m.themes}</h2>${
    mu.plans.some((p) => p.replacedBy.length) ? html`<p class="note">${m.currentOnlyNote}</p>` : ''
  }<ul class="counts">${themeRows.map(
    ({ t, n }) => html`<li><a href="${links.theme(t.iri, mu.code)}">${nameOf(ctx, t.iri)}</a> <span class="n">${n}</span></li>`,
  )}</ul></section>` : ''}
${dataLinks(ctx, mu.iri, alternates)}
</article>`;
  return layout({ links, title: name, body, self, head: resourceHead(alternates, jsonld, dataset) });
};
