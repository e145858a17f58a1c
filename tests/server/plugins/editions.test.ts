// The pages of a municipality with two editions of its plan (tests/editions-fixture.ts: 清瀬市's fourth edition and a
// fifth that replaces it, invented): the counts take the current edition only and say so, the plan and element pages
// link the editions and their series, and /source/<code> opens the newest text, whose page lists the others.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editionsRoot, FIFTH, FIFTH_SOURCE_FILE, FOURTH, KIYOSE } from '../../editions-fixture.ts';
import { BASE, siteFixture, type SiteFixture } from '../../site-helpers.ts';

const plan = (id: string) => `id/${KIYOSE}/plan/${id}`;
const SERIES = `id/${KIYOSE}/series/choki-sogo-keikaku`;

let root: string;
let f: SiteFixture;
beforeAll(async () => {
  root = editionsRoot();
  f = await siteFixture(BASE, {}, root);
});
afterAll(async () => {
  await f?.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (url: string) => f.app.inject({ method: 'GET', url });
const page = async (url: string) => {
  const r = await get(url);
  expect(r.statusCode, url).toBe(200);
  return r.body;
};

describe('theme counts with two editions', () => {
  it('the home heatmap counts 清瀬市\'s current (fifth) edition only, says so, and marks the fourth as replaced', async () => {
    const home = await page('/');
    // The fifth edition tags two elements with 環境・みどり・脱炭素; the fourth, replaced, five more.
    expect(home).toContain(`<a href="/page/id/theme/environment?m=${KIYOSE}" aria-label="環境・みどり・脱炭素 × 清瀬市: 2">`);
    expect(home).toContain(`aria-label="子ども・子育て × 清瀬市: 1"`);
    expect(home).toContain(`aria-label="福祉 × 清瀬市: 0"`);
    // Other municipalities are counted as before.
    expect(home).toContain(`aria-label="環境・みどり・脱炭素 × 小金井市: 9"`);
    expect(home).toContain('他の版に置き換えられていない現行の版だけを数えます');
    expect(home).toContain(`<a href="/page/${plan(FOURTH)}">第4次清瀬市長期総合計画</a> <span class="replaced">(旧版)</span>`);
    expect(home).toMatch(new RegExp(`<a href="/page/${plan(FIFTH)}">[^<]+</a></p>`));
  });

  it('the municipality page counts its themes on the current edition, with a caption', async () => {
    const muni = await page(`/page/id/${KIYOSE}`);
    expect(muni).toContain(`<a href="/page/id/theme/environment?m=${KIYOSE}">環境・みどり・脱炭素</a> <span class="n">2</span>`);
    expect(muni).toContain(`<a href="/page/id/theme/safety?m=${KIYOSE}">防災・防犯・安全</a> <span class="n">2</span>`);
    expect(muni).not.toContain(`<a href="/page/id/theme/welfare?m=${KIYOSE}">`);
    expect(muni).toContain('<p class="note">計画の版が複数ある自治体は、他の版に置き換えられていない現行の版の要素だけを数えています。</p>');
    const en = await page(`/page/id/${KIYOSE}?lang=en`);
    expect(en).toContain('only the elements of the current ones (those no other edition replaces) are counted');
  });

  it('the theme page lists the current edition\'s elements under the count the heatmap shows, and the replaced ones apart', async () => {
    const theme = await page(`/page/id/theme/environment?m=${KIYOSE}`);
    expect(theme).toContain(`<span class="n">2 件</span>`);
    expect(theme).toContain('緑と水辺の保全');
    expect(theme).toMatch(/<details class="replaced-elements"><summary>置き換えられた版の要素（数に含めない）: 5<\/summary>/);
  });
});

describe('edition lineage on the pages', () => {
  it('a replaced plan says what replaced it and links its series', async () => {
    const fourth = await page(`/page/${plan(FOURTH)}`);
    expect(fourth).toContain(`<p class="note replaced-notice">この版は次の版に置き換えられています: <a href="/page/${plan(FIFTH)}">第5次清瀬市長期総合計画</a></p>`);
    expect(fourth).toContain(`<dt>次の版（この版を置き換えた版）</dt><dd><ul class="inline"><li><a href="/page/${plan(FIFTH)}">第5次清瀬市長期総合計画</a></li></ul></dd>`);
    expect(fourth).toContain(`<dt>計画の系列</dt><dd><a href="/page/${SERIES}">清瀬市長期総合計画</a></dd>`);
    expect(fourth).not.toContain('<dt>前の版');
  });

  it('the plan that replaces it links back, in both languages', async () => {
    const fifth = await page(`/page/${plan(FIFTH)}`);
    expect(fifth).toContain(`<dt>前の版（この版が置き換えた版）</dt><dd><ul class="inline"><li><a href="/page/${plan(FOURTH)}">第4次清瀬市長期総合計画</a></li></ul></dd>`);
    expect(fifth).not.toContain('replaced-notice');
    const en = await page(`/page/${plan(FIFTH)}?lang=en`);
    expect(en).toContain(`<dt>Replaces (previous edition)</dt><dd><ul class="inline"><li><a href="/page/${plan(FOURTH)}?lang=en">`);
    expect(en).toContain(`<dt>Plan series</dt><dd><a href="/page/${SERIES}?lang=en">Kiyose City Long-term Comprehensive Plan</a></dd>`);
  });

  it('an element links the element of the previous edition it continues, and that one links it back', async () => {
    const now = await page(`/page/${plan(FIFTH)}/vision/1`);
    expect(now).toContain(
      `<dt>前の版の対応する要素</dt><dd><ul class="inline"><li><a href="/page/${plan(FOURTH)}/vision/1" lang="ja">将来像 安全でうるおいのある暮らしができるまち</a> <span class="plan-of">(第4次清瀬市長期総合計画)</span></li></ul></dd>`,
    );
    const before = await page(`/page/${plan(FOURTH)}/vision/1`);
    expect(before).toContain(
      `<dt>次の版の対応する要素</dt><dd><ul class="inline"><li><a href="/page/${plan(FIFTH)}/vision/1" lang="ja">将来像 みんなで育む、緑と笑顔のまち</a> <span class="plan-of">(第5次清瀬市長期総合計画)</span></li></ul></dd>`,
    );
    // An element new in the fifth edition, and one the fifth does not continue, show neither.
    expect(await page(`/page/${plan(FIFTH)}/measure/1-1-2`)).not.toContain('前の版の対応する要素');
    expect(await page(`/page/${plan(FOURTH)}/vision/2`)).not.toContain('次の版の対応する要素');
  });
});

describe('/source/<code> with two source texts', () => {
  it('opens the current edition\'s text (302), and the older text keeps its URL', async () => {
    const r = await get(`/source/${KIYOSE}?lang=en`);
    expect(r.statusCode).toBe(302);
    expect(r.headers.location).toBe(`/source/${FIFTH_SOURCE_FILE}?lang=en`);
    expect((await get(`/source/${KIYOSE}-kiyose.txt`)).statusCode).toBe(200);
  });

  it('lists the municipality\'s texts on each, newest first, with their plans and the replaced one marked', async () => {
    const body = await page(`/source/${FIFTH_SOURCE_FILE}`);
    const list = /<nav class="municipality-sources"[^>]*>([\s\S]*?)<\/nav>/.exec(body)![1]!;
    expect([...list.matchAll(/<li><a href="([^"]+)"/g)].map((m) => m[1])).toEqual([`/source/${FIFTH_SOURCE_FILE}`, `/source/${KIYOSE}-kiyose.txt`]);
    expect(list).toContain(`<a href="/source/${FIFTH_SOURCE_FILE}" aria-current="page">`);
    expect(list).toContain(`<a href="/page/${plan(FOURTH)}">第4次清瀬市長期総合計画</a> <span class="replaced">(旧版)</span>`);
    expect(await page(`/source/${KIYOSE}-kiyose.txt`)).toContain(`<a href="/source/${KIYOSE}-kiyose.txt" aria-current="page">`);
  });

  it('lists nothing for a municipality with one text', async () => {
    expect(await page('/source/132101-koganei.txt')).not.toContain('municipality-sources');
  });
});
