// Indicators as a table (baseline, target, their years, unit) with a small inline SVG bar chart per indicator.
import { html, type SafeHtml } from './html.ts';
import { nameOf, type PageContext } from './page-parts.ts';
import type { ElementView, ValueView } from '../documents/index.ts';

const fmt = (v: ValueView | undefined): string => (v === undefined ? '―' : v.value === undefined ? '' : `${v.value}${v.unit ?? ''}`);
/**
 * The year a value refers to, as printed and in Western numerals that say which kind of year it is: 令和元年度 (2019年度,
 * FY2019), 令和2年10月1日現在 (2020年, 2020).
 */
const year = (ctx: PageContext, v: ValueView): string => {
  const fiscal = v.yearLabel === undefined;
  const [label, n] = fiscal ? [v.fiscalYearLabel, v.fiscalYear] : [v.yearLabel, v.year];
  if (n === undefined) return label ?? '';
  const western = ctx.lang === 'ja' ? `${n}${fiscal ? '年度' : '年'}` : `${fiscal ? 'FY' : ''}${n}`;
  return label ? `${label} (${western})` : western;
};

/** Two horizontal bars, baseline and target, on a common scale (0–100 for percentages). */
export const indicatorChart = (ctx: PageContext, e: ElementView): SafeHtml => {
  const b = e.baseline?.value;
  const t = e.target?.value;
  if (b === undefined && t === undefined) return html``;
  const percent = (e.baseline?.unit ?? e.target?.unit) === '%';
  const max = Math.max(percent ? 100 : 0, b ?? 0, t ?? 0) || 1;
  const W = 120;
  const bar = (v: number | undefined, y: number, cls: string, name: string) =>
    v === undefined
      ? html``
      : html`<rect class="${cls}" x="0" y="${y}" width="${Math.max(1, Math.round((v / max) * W * 10) / 10)}" height="12" rx="2"><title>${name}: ${v}</title></rect>`;
  const label = `${ctx.m.baseline} ${fmt(e.baseline)} → ${ctx.m.target} ${fmt(e.target)}`;
  return html`<svg class="bars" viewBox="0 0 ${W} 30" width="${W}" height="30" role="img" aria-label="${label}">${bar(b, 1, 'bar-baseline', ctx.m.baseline)}${bar(
    t,
    17,
    'bar-target',
    ctx.m.target,
  )}</svg>`;
};

/**
 * A value's cell: the number and its year; a value the plan does not print (a new indicator's 現状値 ―) is a dash
 * saying so; a target not printed, of an indicator whose direction is, is that direction (増やす, increase).
 */
const valueCell = (ctx: PageContext, v: ValueView | undefined, direction?: string): SafeHtml =>
  v !== undefined
    ? html`<td><span class="num">${v.value ?? ''}</span><br><span class="fy">${year(ctx, v)}</span></td>`
    : direction !== undefined
      ? html`<td class="direction">${nameOf(ctx, direction)}</td>`
      : html`<td class="none"><span class="num" aria-hidden="true">―</span><br><span class="fy">${ctx.m.notPrinted}</span></td>`;

export const indicatorTable = (ctx: PageContext, indicators: readonly ElementView[]): SafeHtml => {
  if (indicators.length === 0) return html``;
  const { m } = ctx;
  return html`<div class="table-wrap"><table class="indicators">
<thead><tr><th scope="col">${m.indicator}</th><th scope="col">${m.baseline}</th><th scope="col">${m.target}</th><th scope="col">${m.unit}</th><th scope="col">${m.chart}</th></tr></thead>
<tbody>
${indicators.map(
  (e) => html`<tr><th scope="row"><a href="${ctx.links.to(e.iri)}">${e.label}</a></th>
${valueCell(ctx, e.baseline)}
${valueCell(ctx, e.target, e.direction)}
<td>${e.baseline?.unit ?? e.target?.unit ?? ''}</td>
<td>${indicatorChart(ctx, e)}<span class="legend-mini"><span class="key key-baseline"></span>${m.baseline} <span class="key key-target"></span>${m.target}</span></td></tr>
`,
)}</tbody>
</table></div>`;
};
