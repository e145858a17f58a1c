// The theme page (what every municipality says under one theme, side by side) and the theme scheme page (all themes, the matrix).
import { JPP, SDG_GOAL } from '../rdf/vocab.ts';
import { themeMatrix } from './heatmap.ts';
import { html } from './html.ts';
import { layout } from './layout.ts';
import { breadcrumbs, classLabel, dataLinks, elementItem, iriLink, nameOf, resourceHead, sdgList, type PageContext, type PageLink } from './page-parts.ts';
import type { ThemeView } from '../documents/index.ts';
// Not through the index: a page renderer runs in the server's document threads, which must not load the documents layer whole.
import { isCurrentPlan } from '../documents/view-index.ts';

export interface ThemePageInput {
  readonly ctx: PageContext;
  readonly theme: ThemeView;
  /** Municipality code to show alone, when the page was asked for with ?m=. */
  readonly only?: string;
  readonly alternates: readonly PageLink[];
  readonly jsonld?: string;
  /** The schema.org Dataset (JSON-LD) of the dataset whose landing page this is. */
  readonly dataset?: string;
  readonly self: string;
}

export interface ThemeSchemePageInput {
  readonly ctx: PageContext;
  readonly iri: string;
  readonly alternates: readonly PageLink[];
  readonly jsonld?: string;
  /** The schema.org Dataset (JSON-LD) of the dataset whose landing page this is. */
  readonly dataset?: string;
  readonly self: string;
}

const matches = (ctx: PageContext, iris: readonly string[], sdg: boolean) => iris.filter((i) => i.startsWith(SDG_GOAL) === sdg);

export const themePage = ({ ctx, theme, only, alternates, jsonld, dataset, self }: ThemePageInput): string => {
  const { m, view, links, lang } = ctx;
  const name = nameOf(ctx, theme.iri);
  const definition = (lang === 'en' ? theme.definitions.en : theme.definitions.ja) ?? theme.definitions.ja;
  const elements = view.byTheme.get(theme.iri) ?? [];
  const shown = view.municipalities.filter((mu) => !only || mu.code === only);
  const ssds = [...matches(ctx, theme.closeMatch, false), ...matches(ctx, theme.relatedMatch, false)];
  // The current editions' elements, counted as the heatmap counts them; a replaced edition's are listed apart, uncounted.
  const columns = shown.map((mu) => {
    const all = elements.filter((e) => e.municipality === mu.iri);
    const mine = all.filter((e) => isCurrentPlan(view.plans, e.plan));
    const replaced = all.filter((e) => !isCurrentPlan(view.plans, e.plan));
    return html`<section class="column" aria-labelledby="h-m-${mu.code}">
<h3 id="h-m-${mu.code}"><a href="${links.to(mu.iri)}">${nameOf(ctx, mu.iri)}</a> <span class="n">${mine.length} ${m.elementsCount}</span></h3>
${mine.length
  ? html`<ol class="theme-list">${mine.map((e) => elementItem(ctx, e))}</ol>`
  : html`<p class="empty">${m.noElements}</p>`}
${replaced.length
  ? html`<details class="replaced-elements"><summary>${m.replacedElements}: ${replaced.length}</summary><ol class="theme-list">${replaced.map((e) => elementItem(ctx, e))}</ol></details>`
  : ''}
</section>`;
  });
  const anyReplaced = shown.some((mu) => mu.plans.some((p) => p.replacedBy.length));
  const filter = html`<nav class="filter" aria-label="${m.municipality}"><a href="${links.theme(theme.iri)}"${only ? '' : html` aria-current="page"`}>${m.showAll}</a>${view.municipalities.map(
    (mu) => html` <a href="${links.theme(theme.iri, mu.code)}"${only === mu.code ? html` aria-current="page"` : ''}>${nameOf(ctx, mu.iri)}</a>`,
  )}</nav>`;
  const body = html`${breadcrumbs(ctx, [
    { href: links.home(), text: m.navHome },
    { href: links.href(links.urls.page('id/theme')), text: m.themeScheme },
    { text: name },
  ])}
<article class="resource theme">
<header class="page-head">
<p class="kicker"><a class="cls" href="${links.page(`${JPP}Theme`)}">${classLabel(ctx, 'Theme', JPP)}</a> <span class="level">${theme.notation}</span></p>
<h1>${name}</h1>
${definition ? html`<p class="subtitle">${definition}</p>` : ''}
</header>
<div class="two">
${theme.closeMatch.some((i) => i.startsWith(SDG_GOAL)) ? html`<section><h2>${m.sdgGoals} — ${m.closeMatch}</h2>${sdgList(ctx, matches(ctx, theme.closeMatch, true))}</section>` : ''}
${theme.relatedMatch.some((i) => i.startsWith(SDG_GOAL)) ? html`<section><h2>${m.sdgGoals} — ${m.relatedMatch}</h2>${sdgList(ctx, matches(ctx, theme.relatedMatch, true))}</section>` : ''}
</div>
${ssds.length ? html`<p class="ssds">${m.ssds}: ${ssds.map((i, n) => html`${n ? ', ' : ''}${iriLink(ctx, i)}`)}</p>` : ''}
<section aria-labelledby="h-by">
<h2 id="h-by">${m.byMunicipality}</h2>
${anyReplaced ? html`<p class="note">${m.currentOnlyNote}</p>` : ''}
${filter}
<div class="columns${only ? ' single' : ''}">
${columns}
</div>
</section>
${dataLinks(ctx, theme.iri, alternates)}
</article>`;
  const title = only ? `${name} — ${nameOf(ctx, shown[0]?.iri ?? '')}` : name;
  return layout({ links, title, body, self, head: resourceHead(alternates, jsonld, dataset), active: 'themes', bodyClass: 'wide' });
};

export const themeSchemePage = ({ ctx, iri, alternates, jsonld, dataset, self }: ThemeSchemePageInput): string => {
  const { m, view, links, lang } = ctx;
  const name = nameOf(ctx, iri);
  const body = html`${breadcrumbs(ctx, [{ href: links.home(), text: m.navHome }, { text: name }])}
<article class="resource scheme">
<header class="page-head"><p class="kicker">${m.themeScheme}</p><h1>${name}</h1></header>
<ul class="theme-cards">
${view.themes.map((t) => {
  const n = [...(view.themeCounts.get(t.iri)?.values() ?? [])].reduce((a, b) => a + b, 0);
  const def = (lang === 'en' ? t.definitions.en : t.definitions.ja) ?? '';
  return html`<li class="card"><h2><span class="notation">${t.notation}</span> <a href="${links.theme(t.iri)}">${nameOf(ctx, t.iri)}</a></h2><p>${def}</p><p class="n">${n} ${m.elementsCount}</p></li>`;
})}
</ul>
<section aria-labelledby="h-matrix"><h2 id="h-matrix">${m.matrix}</h2>${themeMatrix(ctx, 'scheme-heatmap')}</section>
${dataLinks(ctx, iri, alternates)}
</article>`;
  return layout({ links, title: name, body, self, head: resourceHead(alternates, jsonld, dataset), active: 'themes' });
};
