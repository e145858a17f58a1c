// Test fixture: the real inputs plus a second edition of 清瀬市's plan (第5次, invented: a test fixture, never published
// data) that replaces the fourth and continues three of its elements, in a temp project root. What a municipality with
// two editions looks like to the queries, the counts and the pages.
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const KIYOSE = '132217';
export const FOURTH = 'dai4ji-choki-sogo-keikaku';
export const FIFTH = 'dai5ji-choki-sogo-keikaku';
export const FIFTH_SOURCE_FILE = '132217-kiyosefifth.txt';

export const FIFTH_SOURCE = `第5次清瀬市長期総合計画

将来像

みんなで育む、緑と笑顔のまち

まちづくりの基本目標

◆安全・安心に生活できるまち
○防災体制の充実・強化
○緑と水辺の保全

令和8年度から令和19年度までの12年間を計画期間とします。
`;

/** Elements: a vision (environment, children), a goal and a measure (safety) that continue the fourth edition's, and a new measure (environment). */
export const FIFTH_PLAN = `municipality:
  code: "${KIYOSE}"
  name: { ja: 清瀬市, en: Kiyose City }
source:
  file: ${FIFTH_SOURCE_FILE}
  coverage: { ja: 将来像と基本目標の一つのみ（テスト用）。, en: One vision and one goal only (a test fixture). }
series:
  id: choki-sogo-keikaku
  title: { ja: 清瀬市長期総合計画, en: Kiyose City Long-term Comprehensive Plan }
plan:
  id: ${FIFTH}
  edition: { number: 5, text: 第5次清瀬市長期総合計画 }
  version: { status: draft, evidence: "https://example.org/kiyose/dai5ji-an" }
  replaces: ${FOURTH}
  title: 第5次清瀬市長期総合計画
  titleEn: Kiyose City 5th Long-term Comprehensive Plan
  period: { fromFiscalYear: 2026, toFiscalYear: 2037, text: 令和8年度から令和19年度までの12年間を計画期間とします。 }
elements:
  - id: vision/1
    type: Vision
    level: 将来像
    title: みんなで育む、緑と笑顔のまち
    continues: vision/1
    themes: [environment, children]
  - id: goal/1-1
    type: Goal
    level: まちづくりの基本目標
    title: 安全・安心に生活できるまち
    parent: vision/1
    continues: goal/1-1
    themes: [safety]
  - id: measure/1-1-1
    type: Measure
    level: 施策
    title: 防災体制の充実・強化
    parent: goal/1-1
    continues: measure/1-1-1
    themes: [safety]
  - id: measure/1-1-2
    type: Measure
    level: 施策
    title: 緑と水辺の保全
    parent: goal/1-1
    themes: [environment]
`;

/** A temp project root holding the real inputs, so a test can add or change plan files without touching data/. */
export const freshRoot = (): string => {
  const root = mkdtempSync(join(tmpdir(), 'jpp-editions-'));
  for (const d of ['data', 'ontology']) cpSync(d, join(root, d), { recursive: true });
  return root;
};

/** Adds a source text as a curator does: the file, and its hash in SHA256SUMS. */
export const addSource = (root: string, name: string, text: string): void => {
  writeFileSync(join(root, 'data/sources', name), text);
  appendFileSync(join(root, 'data/sources/SHA256SUMS'), `${createHash('sha256').update(text).digest('hex')}  ${name}\n`);
};

/** A temp project root holding the real data and ontology and the fifth edition's source text and plan file. */
export const editionsRoot = (): string => {
  const root = freshRoot();
  addSource(root, FIFTH_SOURCE_FILE, FIFTH_SOURCE);
  writeFileSync(join(root, 'data/plans/132217-kiyosefifth.yaml'), FIFTH_PLAN);
  return root;
};
