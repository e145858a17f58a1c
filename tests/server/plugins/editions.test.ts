// The pages of a municipality with two editions of its plan (tests/editions-fixture.ts: 清瀬市's fourth edition and a
// fifth that replaces it, invented): the counts take the current edition only and say so.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editionsRoot, KIYOSE } from '../../editions-fixture.ts';
import { BASE, siteFixture, type SiteFixture } from '../../site-helpers.ts';

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
  it('the home heatmap counts 清瀬市\'s current (fifth) edition only, and says so', async () => {
    const home = await page('/');
    // The fifth edition tags two elements with 環境・みどり・脱炭素; the fourth, replaced, five more.
    expect(home).toContain(`<a href="/page/id/theme/environment?m=${KIYOSE}" aria-label="環境・みどり・脱炭素 × 清瀬市: 2">`);
    expect(home).toContain(`aria-label="子ども・子育て × 清瀬市: 1"`);
    expect(home).toContain(`aria-label="福祉 × 清瀬市: 0"`);
    // Other municipalities are counted as before.
    expect(home).toContain(`aria-label="環境・みどり・脱炭素 × 小金井市: 9"`);
    expect(home).toContain('他の版に置き換えられていない現行の版だけを数えます');
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
