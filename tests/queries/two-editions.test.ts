// The research queries on a municipality with two editions (tests/editions-fixture.ts: 清瀬市's fourth edition and a
// fifth that replaces it): what counts plans or compares municipalities counts the current editions only.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.ts';
import { editionsRoot, FIFTH, FOURTH, KIYOSE } from '../editions-fixture.ts';
import { BASE, realStore, runQueryFile } from './run-query.ts';

let root: string;
let store: Store;
beforeAll(async () => {
  root = editionsRoot();
  store = await realStore(root);
});
afterAll(async () => {
  await store?.close();
  rmSync(root, { recursive: true, force: true });
});

const run = (file: string) => runQueryFile(store, file);
const themeId = (iri: string) => iri.replace(`${BASE}id/theme/`, '');

describe('queries/ with two editions of one plan', () => {
  it('03 compares with the number of current plans (five of six): themes the fifth edition lacks are not in all plans', async () => {
    const rows = await run('03-themes-in-all-plans.rq');
    // The fifth edition's themes are environment, children and safety; welfare is in all five real plans, the
    // replaced fourth edition among them, but not in the fifth.
    expect(rows.map((r) => themeId(r.theme!))).toEqual(expect.arrayContaining(['children', 'environment']));
    expect(rows.map((r) => themeId(r.theme!))).not.toContain('welfare');
    expect(rows.every((r) => ['children', 'environment', 'safety'].includes(themeId(r.theme!)))).toBe(true);
    expect(rows.every((r) => r.plans === '5')).toBe(true);
  });

  it('01 counts the measures of 清瀬市\'s current edition only', async () => {
    const rows = await run('01-measures-per-theme.rq');
    expect(rows.filter((r) => r.municipality === '清瀬市').map((r) => `${r.theme} ${r.measures}`)).toEqual(['環境・みどり・脱炭素 1', '防災・防犯・安全 1']);
    // The other municipalities are as before.
    expect(rows.find((r) => r.municipality === '小金井市')).toBeDefined();
  });

  it('05 walks the current edition\'s measure only, though the fourth has one of the same title', async () => {
    const rows = await run('05-hierarchy-path.rq');
    expect(rows.map((r) => `${r.level}: ${r.label}`)).toEqual([
      '施策: 防災体制の充実・強化',
      'まちづくりの基本目標: 安全・安心に生活できるまち',
      '将来像: みんなで育む、緑と笑顔のまち',
    ]);
  });

  it('07 and 11 give each edition rows of its own', async () => {
    const plan = (id: string) => `${BASE}id/${KIYOSE}/plan/${id}`;
    const sdgs = (await run('07-sdgs-through-themes.rq')).filter((r) => r.municipality === '清瀬市');
    expect(new Set(sdgs.map((r) => r.plan))).toEqual(new Set([plan(FOURTH), plan(FIFTH)]));
    const levels = (await run('11-level-names.rq')).filter((r) => r.municipality === '清瀬市');
    expect(levels.filter((r) => r.plan === plan(FIFTH)).map((r) => `${r.level} ${r.count}`)).toEqual(['まちづくりの基本目標 1', '施策 2', '将来像 1']);
    expect(levels.filter((r) => r.plan === plan(FOURTH)).map((r) => `${r.level} ${r.count}`)).toEqual(['まちづくりの基本目標 15', '施策 39', '将来像 5']);
  });
});
