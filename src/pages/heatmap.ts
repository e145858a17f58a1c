// The theme × municipality matrix: an inline SVG heatmap with a legend (every cell links to the filtered theme list)
// while its columns fit a page; above that, one row per theme with its totals.
import { html, type SafeHtml } from './html.ts';
import type { PageContext } from './page-parts.ts';

/** Sequential colour steps (light to dark); index 0 is for zero. */
const STEPS = ['#f1f3f5', '#d7eee4', '#a8dbc5', '#6fbf9f', '#2f9673', '#0b6e4f'];

/**
 * Class breaks at the quintiles of the non-zero counts, so that each colour holds about as many cells (one large
 * count would otherwise wash every other cell out); returns the step (1–5) of a count, 0 for zero.
 */
export const stepper = (values: readonly number[]): ((n: number) => number) => {
  const nonZero = values.filter((v) => v > 0).sort((a, b) => a - b);
  const classes = STEPS.length - 1;
  const breaks = Array.from({ length: classes - 1 }, (_, i) => nonZero[Math.floor(((i + 1) * nonZero.length) / classes)] ?? Number.POSITIVE_INFINITY);
  return (n) => (n <= 0 ? 0 : 1 + breaks.filter((b) => n >= b).length);
};

/** Rough rendered width of a label, in px at the given font size (CJK characters are square). */
const textWidth = (s: string, size: number): number => Array.from(s).reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? size : size * 0.56), 0);

export const heatmap = (ctx: PageContext, idPrefix = 'hm'): SafeHtml => {
  const { view, m, lang, links } = ctx;
  const counts = view.themeCounts;
  const all = [...counts.values()].flatMap((r) => [...r.values()]);
  const max = Math.max(1, ...all);
  const step = stepper(all);
  const FONT = 13;
  const themeNames = view.themes.map((t) => view.label(t.iri, lang) ?? t.id);
  const muniNames = view.municipalities.map((mu) => view.label(mu.iri, lang) ?? mu.code);
  const left = Math.ceil(Math.max(...themeNames.map((n) => textWidth(n, FONT)))) + 16;
  const colW = Math.max(56, Math.ceil(Math.max(...muniNames.map((n) => textWidth(n, 12)))) + 12);
  const rowH = 30;
  const top = 30;
  const width = left + colW * muniNames.length + 4;
  const height = top + rowH * themeNames.length + 4;
  const cells = view.themes.map((t, r) =>
    view.municipalities.map((mu, c) => {
      const n = counts.get(t.iri)?.get(mu.iri) ?? 0;
      const s = step(n);
      const x = left + c * colW;
      const y = top + r * rowH;
      const label = `${themeNames[r]} × ${muniNames[c]}: ${n}`;
      return html`<a href="${links.theme(t.iri, mu.code)}" aria-label="${label}"><rect x="${x + 2}" y="${y + 2}" width="${colW - 4}" height="${rowH - 4}" rx="3" fill="${STEPS[s]!}"><title>${label}</title></rect><text x="${x + colW / 2}" y="${y + rowH / 2 + 4}" text-anchor="middle" class="${s >= 4 ? 'on-dark' : 'on-light'}">${n}</text></a>`;
    }),
  );
  const svg = html`<svg class="heatmap" id="${idPrefix}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="group" aria-labelledby="${idPrefix}-title">
<title id="${idPrefix}-title">${m.matrix}</title>
${muniNames.map((n, c) => html`<text class="col" x="${left + c * colW + colW / 2}" y="${top - 10}" text-anchor="middle">${n}</text>`)}
${view.themes.map((t, r) => html`<a href="${links.theme(t.iri)}"><text class="row" x="${left - 10}" y="${top + r * rowH + rowH / 2 + 4}" text-anchor="end">${themeNames[r]}</text></a>`)}
${cells}
</svg>`;
  const bounds = STEPS.slice(1).map((_, i) => {
    const ns: number[] = [];
    for (let n = 1; n <= max; n++) if (step(n) === i + 1) ns.push(n);
    return ns.length === 0 ? '—' : ns.length === 1 ? `${ns[0]}` : `${ns[0]}–${ns[ns.length - 1]}`;
  });
  const legend = html`<div class="legend" role="group" aria-label="${m.legend}"><span class="legend-title">${m.legend}:</span>
<span class="swatch"><svg width="18" height="14" aria-hidden="true"><rect width="18" height="14" rx="2" fill="${STEPS[0]!}"/></svg>0</span>
${STEPS.slice(1).map((colour, i) => html`<span class="swatch"><svg width="18" height="14" aria-hidden="true"><rect width="18" height="14" rx="2" fill="${colour}"/></svg>${bounds[i]!}</span>`)}
</div>`;
  return html`<div class="heatmap-wrap">${svg}</div>${legend}`;
};

/**
 * Municipalities a heatmap shows at most: one column each, so that nationally (1,788) it would be a page of about
 * 10 MB nobody can read; above this the matrix is a table of totals per theme.
 */
export const MATRIX_COLUMNS_MAX = 60;

/** The matrix of the page: the heatmap, or per theme the elements tagged and the municipalities that tag any. */
export const themeMatrix = (ctx: PageContext, idPrefix: string): SafeHtml => {
  const { view, m, links } = ctx;
  if (view.municipalities.length <= MATRIX_COLUMNS_MAX) return html`<p class="note">${m.matrixNote}</p>${heatmap(ctx, idPrefix)}`;
  const rows = view.themes.map((t) => {
    const counts = [...(view.themeCounts.get(t.iri)?.values() ?? [])];
    const name = view.label(t.iri, ctx.lang) ?? t.id;
    return html`<tr><th scope="row"><a href="${links.theme(t.iri)}">${name}</a></th><td class="n">${counts.reduce((a, b) => a + b, 0)}</td><td class="n">${counts.filter((n) => n > 0).length}</td></tr>`;
  });
  return html`<p class="note">${m.matrixTotalsNote.replace('{n}', String(view.municipalities.length))}</p>
<table class="matrix-totals" id="${idPrefix}"><thead><tr><th scope="col">${m.themeColumn}</th><th scope="col">${m.elementsColumn}</th><th scope="col">${m.municipalitiesCount}</th></tr></thead>
<tbody>${rows}</tbody></table>`;
};
