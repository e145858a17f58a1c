// /search over app.inject on a plan spelt as real plans are (a test fixture, never published data): half-width
// katakana with sound marks, the small ヶ of a place name, an ideographic variation sequence; what a user searching the
// usual spelling gets, and that the snippet marks the plan's own characters.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResponse } from '../../../src/pages/index.ts';
import { BASE, siteFixture, type SiteFixture } from '../../site-helpers.ts';

/** 葛 with the variation selector U+E0100 (葛󠄀): the 葛 of 葛飾 as some fonts draw it. */
const KUZU = '葛\u{E0100}';
const SOURCE = `龍ヶ崎市第２次総合計画

将来像

${KUZU}の花が咲く里山のまち

${KUZU}の花が咲く里山を、市民とともに守り育てます。

基本目標

市民参加の推進

ﾜｰｸｼｮｯﾌﾟを開き、市民の声を計画に生かします。
`;
const PLAN = `municipality:
  code: "082082"
  name: { ja: 龍ケ崎市, en: Ryugasaki City }
source:
  file: 082082-ryugasaki.txt
  coverage: { ja: 検索の試験のための抜粋（テスト用）。, en: An excerpt for a search test (a test fixture). }
series:
  id: sogo-keikaku
  title: { ja: 龍ケ崎市総合計画, en: Ryugasaki City Comprehensive Plan }
plan:
  id: dai2ji-sogo-keikaku
  edition: { number: 2, text: 龍ヶ崎市第２次総合計画 }
  version: { status: draft, evidence: "https://example.org/ryugasaki/dai2ji" }
  title: 龍ヶ崎市第２次総合計画
  titleEn: Ryugasaki City 2nd Comprehensive Plan
elements:
  - id: vision/1
    type: Vision
    level: 将来像
    title: ${KUZU}の花が咲く里山のまち
    text: ${KUZU}の花が咲く里山を、市民とともに守り育てます。
    themes: [environment]

  - id: goal/1
    type: Goal
    level: 基本目標
    title: 市民参加の推進
    text: ﾜｰｸｼｮｯﾌﾟを開き、市民の声を計画に生かします。
    parent: vision/1
    themes: [community]
`;

const MUNICIPALITY = `${BASE}id/082082`;
const PLAN_IRI = `${MUNICIPALITY}/plan/dai2ji-sogo-keikaku`;
let root: string;
let f: SiteFixture;
beforeAll(async () => {
  // The project's inputs with this plan alone.
  root = mkdtempSync(join(tmpdir(), 'jpp-search-variants-'));
  for (const d of ['data', 'ontology']) cpSync(d, join(root, d), { recursive: true });
  for (const d of ['plans', 'sources']) rmSync(join(root, 'data', d), { recursive: true, force: true });
  mkdirSync(join(root, 'data/plans'));
  mkdirSync(join(root, 'data/sources'));
  writeFileSync(join(root, 'data/plans/082082-ryugasaki.yaml'), PLAN);
  writeFileSync(join(root, 'data/sources/082082-ryugasaki.txt'), SOURCE);
  writeFileSync(join(root, 'data/sources/SHA256SUMS'), `${createHash('sha256').update(SOURCE).digest('hex')}  082082-ryugasaki.txt\n`);
  f = await siteFixture(BASE, {}, root);
}, 120_000);
afterAll(async () => {
  await f?.close();
  rmSync(root, { recursive: true, force: true });
});

const json = async (q: string) => (await f.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent(q)}&format=json` })).json() as SearchResponse;
const iris = async (q: string) => (await json(q)).results.map((r) => r.iri);
/** The characters of a result's snippet that are highlighted. */
const marked = (r: SearchResponse['results'][number]) => r.highlights.map(([a, b]) => Array.from(r.snippet).slice(a, b).join(''));

describe('/search on texts spelt otherwise than the query', () => {
  it('finds ﾜｰｸｼｮｯﾌﾟ (half-width, ﾌ+ﾟ) by ワークショップ and marks the half-width characters', async () => {
    const body = await json('ワークショップ');
    expect(body.results.map((r) => r.iri)).toEqual([`${PLAN_IRI}/goal/1`]);
    expect(body.results[0]!.snippet).toBe('ﾜｰｸｼｮｯﾌﾟを開き、市民の声を計画に生かします。');
    expect(marked(body.results[0]!)).toEqual(['ﾜｰｸｼｮｯﾌﾟ']);
    expect(await iris('ショップ')).toEqual([`${PLAN_IRI}/goal/1`]);
  });

  it('finds 葛󠄀の花 (葛 + U+E0100) by 葛の花 and marks the selector with its character', async () => {
    const body = await json('葛の花');
    expect(body.results.map((r) => r.iri)).toEqual([`${PLAN_IRI}/vision/1`]);
    expect(marked(body.results[0]!)).toEqual([`${KUZU}の花`]);
    // The title, highlighted on the HTML page, keeps its selector inside the mark.
    const page = await f.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('葛の花')}` });
    expect(page.body).toContain(`<mark>${KUZU}の花</mark>が咲く里山のまち</a>`);
  });

  it('finds 龍ケ崎市 by its official name first, and the plan its title spells 龍ヶ崎市, either way', async () => {
    for (const q of ['龍ケ崎市', '龍ヶ崎市', '龍ケ崎']) {
      const found = await iris(q);
      expect(found[0], q).toBe(MUNICIPALITY);
      expect(found, q).toContain(PLAN_IRI);
    }
    expect((await json('龍ケ崎市')).results[0]).toMatchObject({ label: '龍ケ崎市', type: '地方公共団体', page: `${BASE}page/id/082082` });
    expect(await iris('龍ケ崎市 総合計画')).toEqual([PLAN_IRI]);
  });
});
