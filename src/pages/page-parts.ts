// Fragments the resource pages share: names and links of IRIs, breadcrumbs, theme chips, quotes, SDGs, data links, JSON-LD.
import type { Term } from 'n3';
import type { ElementView, Lang, QuoteView, ResourceDocument, ViewIndex } from '../documents/index.ts';
import { labelOf } from '../documents/labels.ts';
import { JPP as JPP_NS, KNOWN_PREFIXES, RDF, SDG_GOAL, XSD, type QuoteKind } from '../rdf/vocab.ts';
import { html, join, jsonScript, type Part, type SafeHtml } from './html.ts';
import { messages, type Messages } from './i18n.ts';
import type { Links } from './links.ts';

/** What every page renderer receives. */
export interface PageContext {
  readonly links: Links;
  readonly view: ViewIndex;
  readonly lang: Lang;
  readonly m: Messages;
}

export const pageContext = (links: Links, view: ViewIndex): PageContext => ({ links, view, lang: links.lang, m: messages(links.lang) });

export interface PageLink {
  readonly href: string;
  /** Media type of the linked document. */
  readonly type: string;
  readonly label: string;
}

/** A compact name for an IRI nobody labelled: prefix:local when we know the namespace, else the IRI. */
export const compactIri = (iri: string): string => {
  let best: [string, string] | undefined;
  for (const [prefix, ns] of Object.entries(KNOWN_PREFIXES)) if (iri.startsWith(ns) && iri.length > ns.length && (!best || ns.length > best[1].length)) best = [prefix, ns];
  return best ? `${best[0]}:${iri.slice(best[1].length)}` : iri;
};

/** The name an IRI is shown by: its label in the page's language, from the view index, else the document, else compacted. */
export const nameOf = (ctx: PageContext, iri: string, doc?: ResourceDocument): string => {
  const fromView = ctx.view.label(iri, ctx.lang);
  if (fromView !== undefined) return iri.startsWith(SDG_GOAL) ? `SDG ${iri.slice(SDG_GOAL.length)}: ${fromView}` : fromView;
  const fromDoc = doc && (labelOf(doc, iri, ctx.lang) ?? labelOf(doc, iri, ctx.lang === 'ja' ? 'en' : 'ja'));
  return fromDoc ?? quoteName(ctx, iri) ?? compactIri(iri);
};

/** Quote selections and their selectors carry no label: they are named after what they quote. */
const quoteName = (ctx: PageContext, iri: string): string | undefined => {
  const cut = iri.lastIndexOf('/');
  const last = iri.slice(cut + 1);
  const selection = ctx.view.quoteBySelection.get(iri) ?? ctx.view.quoteBySelection.get(iri.slice(0, cut));
  if (!selection) return undefined;
  const owner = ctx.view.label(selection.owner, ctx.lang) ?? compactIri(selection.owner);
  const ownerText = ctx.lang === 'ja' ? `（${short(owner, 24)}）` : ` (${short(owner, 24)})`;
  const what = `${ctx.m.quote}: ${whatText(ctx.m, selection.what)}${ownerText}`;
  if (selection.selection === iri) return what;
  return `${last === 'exact' ? ctx.m.quoteSelector : last === 'position' ? ctx.m.positionSelector : last} — ${what}`;
};

/** A link to an IRI, shown by its name; ours link to their pages (else root-relative to themselves), others to themselves. */
export const iriLink = (ctx: PageContext, iri: string, doc?: ResourceDocument, text?: string): SafeHtml => {
  const page = ctx.links.page(iri);
  const name = text ?? nameOf(ctx, iri, doc);
  if (page) return html`<a href="${page}">${name}</a>`;
  const local = ctx.links.local(iri);
  return local === iri ? html`<a href="${iri}" class="external" rel="noopener">${name}</a>` : html`<a href="${local}">${name}</a>`;
};

/** The class label of a resource (e.g. 施策 / Measure). */
export const classLabel = (ctx: PageContext, cls: string | undefined, ns: string): string | undefined =>
  cls === undefined ? undefined : (ctx.view.label(ns + cls, ctx.lang) ?? cls);

/** "施策 12" — the plan's own level name and number. */
export const levelText = (e: Pick<ElementView, 'levelName' | 'notation'>): string => [e.levelName, e.notation].filter(Boolean).join(' ');

/**
 * An element as a list item: its level name and number on a line of their own, then its title as the link; an
 * element without a title links its level and shows its text in full.
 */
export const elementItem = (ctx: PageContext, e: ElementView, extra: Part = ''): SafeHtml => {
  const href = ctx.links.to(e.iri);
  const level = levelText(e) || classLabel(ctx, e.cls, JPP_NS) || e.cls;
  return e.title
    ? html`<li class="entry cls-${e.cls}"><span class="level">${level}</span> <a href="${href}" lang="ja">${e.title}</a>${extra}</li>`
    : html`<li class="entry cls-${e.cls}"><span class="level"><a href="${href}">${level}</a></span> <span class="entry-text" lang="ja">${e.label}</span>${extra}</li>`;
};

/** At most `n` code points, with an ellipsis when cut. */
export const short = (s: string, n: number): string => {
  const cps = Array.from(s);
  return cps.length > n ? `${cps.slice(0, n).join('')}…` : s;
};

const CRUMB_LENGTH = 28;

export const breadcrumbs = (ctx: PageContext, trail: readonly { href?: string | undefined; text: string }[]): SafeHtml =>
  html`<nav class="crumbs" aria-label="${ctx.m.breadcrumbs}"><ol>${trail.map((c) => {
    const text = short(c.text, CRUMB_LENGTH);
    const title = text === c.text ? '' : html` title="${c.text}"`;
    return c.href ? html`<li><a href="${c.href}"${title}>${text}</a></li>` : html`<li aria-current="page"${title}>${text}</li>`;
  })}</ol></nav>`;

export const themeChips = (ctx: PageContext, themes: readonly string[]): SafeHtml =>
  html`<ul class="chips">${themes.map((t) => html`<li><a class="chip" href="${ctx.links.theme(t)}">${nameOf(ctx, t)}</a></li>`)}</ul>`;

/** The SDG goals reached through themes (skos:closeMatch to http://metadata.un.org/sdg/N), each once, in goal order. */
export const sdgsOf = (ctx: PageContext, themes: readonly string[]): string[] => {
  const goals = new Set<string>();
  for (const t of themes) for (const g of ctx.view.themes.find((x) => x.iri === t)?.closeMatch ?? []) if (g.startsWith(SDG_GOAL)) goals.add(g);
  return [...goals].sort((a, b) => Number(a.slice(SDG_GOAL.length)) - Number(b.slice(SDG_GOAL.length)));
};

export const sdgList = (ctx: PageContext, goals: readonly string[]): SafeHtml =>
  html`<ul class="sdgs">${goals.map((g) => {
    const n = g.slice(SDG_GOAL.length);
    return html`<li><a class="sdg sdg-${n}" href="${g}" rel="noopener"><span class="sdg-n">${n}</span> ${ctx.view.label(g, ctx.lang) ?? compactIri(g)}</a></li>`;
  })}</ul>`;

const WHAT_KEYS: Readonly<Record<string, keyof Messages>> = {
  edition: 'whatEdition',
  title: 'whatTitle',
  subtitle: 'whatSubtitle',
  text: 'whatText',
  field: 'whatField',
  definition: 'whatDefinition',
  'data-source': 'whatDataSource',
  direction: 'whatDirection',
  value: 'whatValue',
  'fiscal-year': 'whatFiscalYear',
  year: 'whatYear',
} satisfies Record<QuoteKind, keyof Messages>;
export const whatText = (m: Messages, what: string): string => (WHAT_KEYS[what] ? m[WHAT_KEYS[what]] : what);

/** The source quotes of a resource, each linked to its highlighted place in the source viewer. */
export const quoteBlocks = (ctx: PageContext, quotes: readonly QuoteView[]): SafeHtml =>
  join(
    quotes.map(
      (q) => html`<figure class="quote">
<blockquote lang="ja" cite="${ctx.links.urls.sourceText(q.file)}">${q.exact}</blockquote>
<figcaption>${whatText(ctx.m, q.what)} · <a class="to-source" href="${ctx.links.source(q.file, q.anchor)}">${ctx.m.viewInSource}: ${q.file}</a> <span class="offsets">[${q.start}–${q.end}]</span></figcaption>
</figure>`,
    ),
    '\n',
  );

export const dataLinks = (ctx: PageContext, iri: string, alternates: readonly PageLink[]): SafeHtml =>
  html`<section class="data" aria-labelledby="h-data"><h2 id="h-data">${ctx.m.dataFormats}</h2>
<p class="iri">${ctx.m.iri}: <code>${iri}</code></p>
<ul class="formats">${alternates.map((a) => html`<li><a href="${ctx.links.local(a.href)}" type="${a.type}">${a.label}</a></li>`)}</ul>
</section>`;

/** JSON-LD as a data block: not executed, so the pages' CSP allows it; jsonScript keeps its text from closing the element. */
export const jsonLdScript = (jsonld: string | undefined): SafeHtml =>
  jsonld ? html`<script type="application/ld+json">${jsonScript(jsonld)}</script>\n` : html``;

/**
 * <link rel=alternate> for each format, the resource's own JSON-LD, and, on a dataset's landing page, the dataset's
 * schema.org markup: a block of its own, since search engines read schema:Dataset from the page, not the resource's triples.
 */
export const resourceHead = (alternates: readonly PageLink[], jsonld: string | undefined, dataset?: string): SafeHtml =>
  html`${alternates.map((a) => html`<link rel="alternate" type="${a.type}" href="${a.href}">\n`)}${jsonLdScript(jsonld)}${jsonLdScript(dataset)}`;

/** A literal or IRI as a table cell. */
export const termCell = (ctx: PageContext, t: Term, doc?: ResourceDocument): SafeHtml => {
  if (t.termType === 'NamedNode') return iriLink(ctx, t.value, doc);
  if (t.termType !== 'Literal') return html`${t.value}`;
  const typed = t.datatype && t.datatype.value !== `${XSD}string` && !t.language && t.datatype.value !== `${RDF}langString`;
  return html`<span${t.language ? html` lang="${t.language}"` : ''} class="literal">${t.value}</span>${t.language ? html` <span class="tag">@${t.language}</span>` : ''}${
    typed ? html` <span class="tag">${compactIri(t.datatype.value)}</span>` : ''
  }`;
};

/** A definition list row, left out when empty. */
export const row = (term: string, value: Part): SafeHtml => (value === undefined || value === '' || value === null || value === false ? html`` : html`<dt>${term}</dt><dd>${value}</dd>\n`);
