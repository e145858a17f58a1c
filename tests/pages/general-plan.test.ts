// The pages of a plan shaped unlike the five curated ones (tests/general-plan-fixture.ts): how the indicator table shows
// a value the plan does not print, in Japanese and English, and the outline and breadcrumbs of a measure under a measure.
import { describe, expect, it } from 'vitest';
import { buildDocumentIndex, buildViewIndex, distinctTriples } from '../../src/documents/index.ts';
import { makeLinks, pageContext, resourcePage } from '../../src/pages/index.ts';
import { siteUrls } from '../../src/rdf/uris.ts';
import { GENERAL_CODE, GENERAL_PLAN_ID, generalQuads } from '../general-plan-fixture.ts';

const BASE = 'http://localhost:3000/';
const urls = siteUrls(BASE);
const PLAN = urls.plan(GENERAL_CODE, GENERAL_PLAN_ID);
const general = generalQuads(BASE);
const quads = distinctTriples([...general.vocabulary, ...general.plan]);
const view = buildViewIndex(quads, urls);
const documents = buildDocumentIndex(quads, urls);
const page = (iri: string, lang: 'ja' | 'en') =>
  resourcePage({ ctx: pageContext(makeLinks(urls, lang, (p) => documents.byPath.has(p)), view), doc: documents.byIri.get(iri)!, alternates: [], jsonld: '{}' });
/** The cells of the indicator table's body rows, as text (tags dropped, whitespace collapsed). */
const rows = (html: string) =>
  [...html.slice(html.indexOf('<table class="indicators">')).split('</table>')[0]!.matchAll(/<tr><th scope="row">([\s\S]*?)<\/tr>/gu)].map((m) =>
    [...`<th>${m[1]}`.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/gu)].slice(0, 4).map((c) => c[1]!.replace(/<br>/gu, ' ').replace(/<[^>]+>/gu, '').replace(/\s+/gu, ' ').trim()),
  );

describe('the indicator table of new indicators', () => {
  it('shows a baseline the plan does not print as a dash saying so, and a direction where no target is printed (ja)', () => {
    expect(rows(page(`${PLAN}/measure/1-1-1-1`, 'ja'))).toEqual([
      ['特定保健指導の実施率', '― 計画に記載なし', '60 令和12年度 (2030年度)', '%'],
      ['健診の満足度', '― 計画に記載なし', '増やす', ''],
    ]);
  });

  it('says the same in English', () => {
    expect(rows(page(`${PLAN}/measure/1-1-1-1`, 'en'))).toEqual([
      ['特定保健指導の実施率', '― not in the plan', '60 令和12年度 (FY2030)', '%'],
      ['健診の満足度', '― not in the plan', 'increase', ''],
    ]);
  });

  it('names the missing baseline in the chart\'s label, which a screen reader reads', () => {
    expect(page(`${PLAN}/indicator/1`, 'en')).toContain('aria-label="Baseline ― → Target 60%"');
  });
});

describe('a measure under a measure', () => {
  it('nests it in the plan\'s outline: goal > policy > measure > measure > indicators', () => {
    const html = page(PLAN, 'ja');
    const tree = html.slice(html.indexOf('<ol class="tree">'));
    const item = (cls: string, title: string) => `<li class="cls-${cls}">[^<]*<span class="level">[^<]*</span> <a [^>]*>${title}</a>`;
    const nested = [item('Goal', '健やかに暮らせるまち'), item('Policy', '健康づくりの推進'), item('Measure', '生活習慣病の予防'), item('Measure', '特定健診の受診勧奨'), item('Indicator', '特定保健指導の実施率')];
    expect(tree).toMatch(new RegExp(`^<ol class="tree">${nested.join('<ol class="tree">')}`, 'u'));
  });

  it('lists both measures in the breadcrumbs of the indicator below them', () => {
    const html = page(`${PLAN}/indicator/1`, 'en');
    const crumbs = html.slice(html.indexOf('<nav class="crumbs"'), html.indexOf('</nav>', html.indexOf('<nav class="crumbs"')));
    expect([...crumbs.matchAll(/<li><a [^>]*>([^<]*)<\/a><\/li>/gu)].map((m) => m[1]).slice(3)).toEqual([
      '基本目標 1 健やかに暮らせるまち',
      '政策 1-1 健康づくりの推進',
      '施策 1-1-1 生活習慣病の予防',
      '基本事業 1-1-1-1 特定健診の受診勧奨',
    ]);
  });
});

describe('values of a calendar year or a date', () => {
  it('shows the year or date as printed with its calendar year, and names its quote as a year or date', () => {
    expect(rows(page(`${PLAN}/goal/1`, 'ja'))).toEqual([['総人口', '12000 令和2年10月1日現在 (2020年)', '11000 令和12年 (2030年)', '人']]);
    const html = page(`${PLAN}/indicator/3`, 'en');
    expect(html).toMatch(/<blockquote lang="ja"[^>]*>令和2年10月1日現在<\/blockquote>\n<figcaption>year or date · /u);
    expect(page(`${PLAN}/indicator/3`, 'ja')).toMatch(/<blockquote lang="ja"[^>]*>令和12年<\/blockquote>\n<figcaption>年・日付 · /u);
  });
});
