// Every research query in queries/ runs against the real dataset and gives the answer the sources support.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.ts';
import { classifyQuery } from '../../src/server/lib/query-classify.ts';
import { BASE, realStore, runQueryFile } from './run-query.ts';

let store: Store;
beforeAll(async () => {
  store = await realStore();
});
afterAll(() => store.close());

const run = (file: string) => runQueryFile(store, file);
const files = readdirSync('queries').filter((f) => f.endsWith('.rq')).sort();

describe('queries/', () => {
  it('holds at least ten queries, each opening with its question in Japanese and English', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const f of files) expect(readFileSync(`queries/${f}`, 'utf8')).toMatch(/^# ja: .+\n# en: .+\n/);
  });

  it('runs every query without SERVICE against the built dataset; SERVICE queries are tested with a loopback endpoint', async () => {
    const federated = files.filter((f) => classifyQuery(readFileSync(`queries/${f}`, 'utf8'), BASE).services.length > 0);
    // 14 reaches e-Stat, which tests cannot: tests/queries/estat-join.test.ts runs it against e-Stat-shaped data.
    expect(federated).toEqual(['14-indicators-and-estat.rq']);
    for (const f of files.filter((f) => !federated.includes(f))) expect((await run(f)).length, f).toBeGreaterThan(0);
  });

  it('01 counts measures per theme and municipality: 小金井市 29 and 清瀬市 39 in all', async () => {
    const rows = await run('01-measures-per-theme.rq');
    const total = (m: string) => rows.filter((r) => r.municipality === m).reduce((n, r) => n + Number(r.measures), 0);
    // Some measures carry two themes, so the sums are at least the number of measures.
    expect(total('小金井市')).toBeGreaterThanOrEqual(29);
    expect(total('清瀬市')).toBeGreaterThanOrEqual(39);
    expect(rows.find((r) => r.municipality === '清瀬市' && r.theme === '行財政運営')?.measures).toBe('7');
  });

  it('02 lists 西東京市 基本目標 1–6 in order with their fields', async () => {
    const rows = await run('02-goals-in-order.rq');
    expect(rows.map((r) => `${r.number} ${r.field} ${r.title}`)).toEqual([
      '1 協働・行政 みんなで作るまち',
      '2 子ども・教育 子どもが健やかに育つまち',
      '3 健康・福祉 笑顔で自分らしく暮らせるまち',
      '4 みどり・環境 環境にやさしい持続可能なまち',
      '5 都市基盤・安全 安全で安心して快適に暮らせるまち',
      '6 産業・学び・文化芸術 活力と魅力あるまち',
    ]);
  });

  it('03 finds the themes all five (current) plans address, each counted in five plans', async () => {
    const rows = await run('03-themes-in-all-plans.rq');
    expect(rows.map((r) => r.theme!.replace(`${BASE}id/theme/`, ''))).toEqual(expect.arrayContaining(['children', 'environment', 'welfare', 'urban']));
    expect(rows.every((r) => r.plans === '5')).toBe(true);
  });

  it('04 finds 脱炭素 in 世田谷区, 小平市 and 西東京市 but not in 小金井市 or 清瀬市', async () => {
    const rows = await run('04-decarbonisation.rq');
    expect([...new Set(rows.map((r) => r.municipality))]).toEqual(['世田谷区', '小平市', '西東京市']);
    expect(rows.map((r) => r.element!.replace(BASE, ''))).toContain('id/131121/plan/2024-kihon-keikaku/policy/5');
  });

  it('05 walks from a 清瀬市 measure up to its vision', async () => {
    const rows = await run('05-hierarchy-path.rq');
    expect(rows.map((r) => `${r.level}: ${r.label}`)).toEqual([
      '施策: 防災体制の充実・強化',
      'まちづくりの基本目標: 安全・安心に生活できるまち',
      '将来像: 安全でうるおいのある暮らしができるまち',
    ]);
  });

  it('06 gives 小金井市 indicators with typed baseline and target', async () => {
    const rows = await run('06-indicators.rq');
    expect(rows.map((r) => [r.indicator, r.baseline, r.baselineYear, r.target, r.targetYear, r.unit])).toEqual([
      ['「住みやすい」と思う市民の割合', '84.9', '2019', '100', '2025', '%'],
      ['「住み続けたい」と思う市民の割合', '82.4', '2019', '100', '2025', '%'],
    ]);
  });

  it('07 reaches SDG goals through themes in every plan', async () => {
    const rows = await run('07-sdgs-through-themes.rq');
    expect(new Set(rows.map((r) => r.municipality)).size).toBe(5);
    expect(rows.every((r) => /^http:\/\/metadata\.un\.org\/sdg\/([1-9]|1[0-7])$/.test(r.sdg!))).toBe(true);
    expect(rows.find((r) => r.municipality === '世田谷区' && r.sdg!.endsWith('/13'))).toBeDefined();
  });

  it('08 returns each 小金井市 measure with the exact quote at its offsets in the source', async () => {
    const rows = await run('08-quotes-and-offsets.rq');
    expect(rows).toHaveLength(29);
    const text = Array.from(readFileSync('data/sources/132101-koganei.txt', 'utf8'));
    for (const r of rows) {
      expect(r.source).toBe(`${BASE}sources/132101-koganei.txt`);
      expect(text.slice(Number(r.start), Number(r.end)).join('')).toBe(r.exact);
    }
    expect(rows[18]!.exact).toBe('人権・平和・男女平等参画\nの尊重');
  });

  it('09 shows how plans word their fields', async () => {
    const rows = await run('09-field-wording.rq');
    expect(rows).toContainEqual({ theme: '環境・みどり・脱炭素', municipality: '西東京市', level: '基本目標', fieldName: 'みどり・環境' });
    expect(rows).toContainEqual({ theme: '環境・みどり・脱炭素', municipality: '小平市', level: '方針', fieldName: '緑、環境、資源循環' });
  });

  it('10 finds the one element with indicators: 小金井市 前期基本計画の目標, with two', async () => {
    const rows = await run('10-elements-with-indicators.rq');
    expect(rows.map((r) => [r.municipality, r.element!.replace(BASE, ''), r.level, r.indicators])).toEqual([
      ['小金井市', 'id/132101/plan/dai5ji-kihon-koso/goal/1', '前期基本計画の目標', '2'],
    ]);
  });

  it('11 lists each plan\'s own level names', async () => {
    const rows = await run('11-level-names.rq');
    const of = (m: string) => rows.filter((r) => r.municipality === m).map((r) => `${r.level} ${r.count}`);
    expect(of('清瀬市')).toEqual(['まちづくりの基本目標 15', '施策 39', '将来像 5']);
    expect(of('小平市')).toContain('12年間の取組の視点 40');
  });

  it('12 gives the periods the sources state, as fiscal-year dates', async () => {
    const rows = await run('12-plan-periods.rq');
    expect(rows.map((r) => `${r.title} ${r.start}/${r.end}`)).toEqual([
      '前期基本計画 2021-04-01/2026-03-31',
      '第5次小金井市 基本構想・前期基本計画(案) 2021-04-01/2031-03-31',
      '基本構想 2021-04-01/2031-03-31',
    ]);
  });

  it('13 links each municipality to its e-Stat standard area code', async () => {
    const rows = await run('13-municipalities-statistics.rq');
    expect(rows.map((r) => `${r.code} ${r.name} ${r.area} ${r.plans}`)).toEqual([
      '131121 世田谷区 http://data.e-stat.go.jp/lod/sac/C13112 1',
      '132101 小金井市 http://data.e-stat.go.jp/lod/sac/C13210 1',
      '132110 小平市 http://data.e-stat.go.jp/lod/sac/C13211 1',
      '132217 清瀬市 http://data.e-stat.go.jp/lod/sac/C13221 1',
      '132292 西東京市 http://data.e-stat.go.jp/lod/sac/C13229 1',
    ]);
  });
});
