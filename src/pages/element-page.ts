// The page of one plan element: title, class and level, breadcrumbs, text, children in order, themes, SDGs, indicators, source quotes.
import { JPP } from '../rdf/vocab.ts';
import { html, type SafeHtml } from './html.ts';
import { indicatorTable } from './indicator-table.ts';
import { layout } from './layout.ts';
import { breadcrumbs, classLabel, dataLinks, elementItem, levelText, nameOf, quoteBlocks, resourceHead, row, sdgList, sdgsOf, short, themeChips, type PageContext, type PageLink } from './page-parts.ts';
import type { ElementView, PlanView } from '../documents/index.ts';

export interface ElementPageInput {
  readonly ctx: PageContext;
  readonly element: ElementView;
  readonly alternates: readonly PageLink[];
  readonly jsonld?: string;
  /** The schema.org Dataset (JSON-LD) of the dataset whose landing page this is. */
  readonly dataset?: string;
  /** The page's own URL (for the language switch). */
  readonly self: string;
}

/** Elements without a title are headed by the start of their text. */
const MAX_HEADING = 40;

/** Text with its line breaks as paragraphs. */
export const paragraphs = (text: string): SafeHtml =>
  html`${text
    .split(/\n+/)
    .filter((p) => p.trim() !== '')
    .map((p) => html`<p>${p}</p>`)}`;

/** Municipality › plan (› whole plan of a part) — the start of every plan-related breadcrumb trail. */
export const planTrail = (ctx: PageContext, plan: PlanView | undefined): { href?: string; text: string }[] => {
  if (!plan) return [];
  const whole = plan.partOf ? ctx.view.plans.get(plan.partOf) : undefined;
  const municipality = plan.municipality;
  return [
    { href: ctx.links.home(), text: ctx.m.navHome },
    { href: ctx.links.page(municipality), text: nameOf(ctx, municipality) },
    ...(whole ? [{ href: ctx.links.page(whole.iri), text: nameOf(ctx, whole.iri) }] : []),
    { href: ctx.links.page(plan.iri), text: nameOf(ctx, plan.iri) },
  ];
};

/**
 * Links to the elements of another edition this one continues or is continued by: each by its level, number and label,
 * with its plan's name (an edition of the same plan).
 */
const editionLinks = (ctx: PageContext, iris: readonly string[]): SafeHtml | undefined => {
  if (!iris.length) return undefined;
  const { view, links } = ctx;
  return html`<ul class="inline">${iris.map((iri) => {
    const other = view.elements.get(iri);
    const text = other ? `${levelText(other)} ${other.label}`.trim() : nameOf(ctx, iri);
    const plan = other ? nameOf(ctx, other.plan) : undefined;
    return html`<li><a href="${links.to(iri)}" lang="ja">${text}</a>${plan ? html` <span class="plan-of">(${plan})</span>` : ''}</li>`;
  })}</ul>`;
};

export const elementPage = ({ ctx, element: e, alternates, jsonld, dataset, self }: ElementPageInput): string => {
  const { m, view, links } = ctx;
  const plan = view.plans.get(e.plan);
  const ancestors = view.ancestors(e.iri);
  const kids = view.children.get(e.iri) ?? [];
  const indicators = e.cls === 'Indicator' ? [e] : kids.filter((k) => k.cls === 'Indicator');
  const others = kids.filter((k) => k.cls !== 'Indicator');
  const heading = e.title ?? short(e.label, MAX_HEADING);
  const cls = classLabel(ctx, e.cls, JPP) ?? e.cls;
  const level = levelText(e);
  const sdgs = sdgsOf(ctx, e.themes);
  const quotes = view.quotesOf.get(e.iri) ?? [];
  const valueQuotes = [e.baseline, e.target].flatMap((v) => (v ? (view.quotesOf.get(v.iri) ?? []) : []));

  const body = html`${breadcrumbs(ctx, [...planTrail(ctx, plan), ...ancestors.map((a) => ({ href: links.page(a.iri), text: `${levelText(a)} ${a.label}`.trim() })), { text: e.notation ? level : e.label }])}
<article class="resource element cls-${e.cls}">
<header class="page-head">
<p class="kicker"><a class="cls" href="${links.to(JPP + e.cls)}">${cls}</a>${level ? html` <span class="level">${level}</span>` : ''}</p>
<h1 lang="ja">${heading}</h1>
${e.subtitle ? html`<p class="subtitle" lang="ja">${e.subtitle}</p>` : ''}
</header>
${e.text && e.text !== heading ? html`<div class="text" lang="ja">${paragraphs(e.text)}</div>` : ''}
<dl class="facts">
${row(m.type, html`<a href="${links.to(JPP + e.cls)}">${cls}</a>`)}${row(m.levelAndNumber, level)}${row(
    m.plan,
    plan ? html`<a href="${links.page(plan.iri)}">${nameOf(ctx, plan.iri)}</a>` : undefined,
  )}${row(m.parent, e.parent ? html`<a href="${links.to(e.parent)}">${nameOf(ctx, e.parent)}</a>` : undefined)}${row(
    m.field,
    e.fieldName ? html`<span lang="ja">${e.fieldName}</span>` : undefined,
  )}${row(m.position, String(e.position))}${row(m.revisionOf, editionLinks(ctx, e.revisionOf))}${row(m.revisedBy, editionLinks(ctx, e.revisedBy))}
</dl>
${e.themes.length ? html`<section aria-labelledby="h-themes"><h2 id="h-themes">${m.themes}</h2>${themeChips(ctx, e.themes)}</section>` : ''}
${sdgs.length ? html`<section aria-labelledby="h-sdgs"><h2 id="h-sdgs">${m.sdgs}</h2>${sdgList(ctx, sdgs)}<p class="note">${m.sdgsNote}</p></section>` : ''}
${others.length ? html`<section aria-labelledby="h-children"><h2 id="h-children">${m.children}</h2><ol class="children">${others.map((k) => elementItem(ctx, k))}</ol></section>` : ''}
${indicators.length ? html`<section aria-labelledby="h-indicators"><h2 id="h-indicators">${m.indicators}</h2>${indicatorTable(ctx, indicators)}</section>` : ''}
${quotes.length || valueQuotes.length ? html`<section aria-labelledby="h-source"><h2 id="h-source">${m.sourceQuote}</h2>${quoteBlocks(ctx, [...quotes, ...valueQuotes])}</section>` : ''}
${dataLinks(ctx, e.iri, alternates)}
</article>`;
  const municipality = nameOf(ctx, e.municipality);
  return layout({ links, title: `${heading}（${[level, municipality].filter(Boolean).join(' · ')}）`, body, self, head: resourceHead(alternates, jsonld, dataset) });
};
