// The source viewer: a source text with its line breaks, every quoted span highlighted, anchored and linked to its element.
import { JPP } from '../rdf/vocab.ts';
import { html, join, type SafeHtml } from './html.ts';
import { layout } from './layout.ts';
import { breadcrumbs, classLabel, levelText, nameOf, short, whatText, type PageContext } from './page-parts.ts';
import { nestSpans, type SpanNode } from './spans.ts';
import type { MunicipalityView, QuoteView, SourceView } from '../documents/index.ts';
// Not through the index: a page renderer runs in the server's document threads, which must not load the documents layer whole.
import { isCurrentPlan, sourcesNewestFirst } from '../documents/view-index.ts';

export interface SourcePageInput {
  readonly ctx: PageContext;
  readonly source: SourceView;
  /** The whole text as stored. */
  readonly text: string;
}

/** The short tag shown at the start of a span: whose quote it is, and which part of it. */
const tagOf = (ctx: PageContext, q: QuoteView): { text: string; title: string } => {
  const { view, m } = ctx;
  const e = view.elements.get(q.owner);
  const what = whatText(m, q.what);
  if (e) return { text: `${levelText(e) || classLabel(ctx, e.cls, JPP)} · ${what}`, title: `${levelText(e)} ${e.label}`.trim() };
  const plan = view.plans.get(q.owner);
  if (plan) return { text: `${plan.partOf ? short(nameOf(ctx, q.owner), 12) : m.plan} · ${what}`, title: nameOf(ctx, q.owner) };
  const last = q.owner.slice(q.owner.lastIndexOf('/') + 1);
  if (last === 'period') return { text: m.period, title: nameOf(ctx, q.owner) };
  if (last === 'baseline' || last === 'target') return { text: `${m[last]} · ${what}`, title: nameOf(ctx, q.owner) };
  return { text: what, title: nameOf(ctx, q.owner) };
};

const renderNodes = (ctx: PageContext, nodes: readonly SpanNode<QuoteView>[]): SafeHtml =>
  join(
    nodes.map((node) => {
      if (node.kind === 'text') return html`${node.text}`;
      const q = node.span;
      const href = ctx.links.to(q.owner);
      const inner = renderNodes(ctx, node.children);
      if (!node.first) return html`<mark class="q q-${q.what} q-cont" data-of="${q.anchor}">${inner}</mark>`;
      const tag = tagOf(ctx, q);
      return html`<mark id="${q.anchor}" class="q q-${q.what}"><a class="q-tag" href="${href}" title="${tag.title}">${tag.text}</a>${inner}</mark>`;
    }),
  );

/**
 * The municipality's source texts, newest first (what /source/<code> opens is the first), each with the plans quoting it
 * and whether they were replaced, when it has more than one: a reader of one edition's text reaches the others.
 */
const municipalitySources = (ctx: PageContext, municipality: MunicipalityView | undefined, file: string): SafeHtml | '' => {
  if (!municipality || municipality.sources.length < 2) return '';
  const { m, links, view } = ctx;
  const items = sourcesNewestFirst(view, municipality).map((f) => {
    const plans = municipality.plans.filter((p) => p.sources.includes(f));
    const name = f === file ? html`<a href="${links.source(f)}" aria-current="page">${f}</a>` : html`<a href="${links.source(f)}">${f}</a>`;
    return html`<li>${name}${plans.map(
      (p) => html` · <a href="${links.to(p.iri)}">${nameOf(ctx, p.iri)}</a>${isCurrentPlan(view.plans, p.iri) ? '' : html` <span class="replaced">(${m.replacedEdition})</span>`}`,
    )}</li>`;
  });
  return html`<nav class="municipality-sources" aria-labelledby="h-sources"><h2 id="h-sources">${m.municipalitySources}</h2><ul>${items}</ul></nav>`;
};

export const sourcePage = ({ ctx, source, text }: SourcePageInput): string => {
  const { m, links, view } = ctx;
  const chars = Array.from(text);
  const nodes = nestSpans(chars, source.quotes);
  const municipality = view.municipalities.find((mu) => mu.iri === source.publisher || mu.sources.includes(source.file));
  const plans = [...view.plans.values()].filter((p) => !p.partOf && p.sources.includes(source.file));
  const body = html`${breadcrumbs(ctx, [
    { href: links.home(), text: m.navHome },
    ...(municipality ? [{ href: links.page(municipality.iri), text: nameOf(ctx, municipality.iri) }] : []),
    { text: source.file },
  ])}
<article class="source-viewer">
<header class="page-head">
<p class="kicker">${m.sourceViewer}</p>
<h1>${source.file}</h1>
<p class="subtitle">${m.sourceViewerNote}</p>
</header>
<p class="meta">${plans.map((p) => html`<a href="${links.to(p.iri)}">${nameOf(ctx, p.iri)}</a> · `)}<a href="${links.to(source.iri)}">${m.sourceDescription}</a> · <a href="${links.local(links.urls.sourceText(source.file))}">${m.rawText}</a> · ${source.quotes.length} ${m.quotedSpans}</p>
${municipalitySources(ctx, municipality, source.file)}
<div class="source-text" lang="ja">${renderNodes(ctx, nodes)}</div>
</article>`;
  return layout({ links, title: `${m.sourceViewer}: ${source.file}`, body, self: links.urls.sourceView(source.file), bodyClass: 'source' });
};
