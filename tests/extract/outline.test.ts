// Drafting outlines from texts in styles the five curated plans do not have.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { draftOutline, readInlineIndicator, type DraftElement } from '../../src/extract/outline.ts';
import { evaluateCases } from '../../src/extract/eval.ts';
import { normalizeGlyphs } from '../../src/extract/normalize.ts';
import { canonicalNumber } from '../../src/extract/numbering.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
/** Each element as "class level number title ← parent title". */
const shape = (es: readonly DraftElement[]) =>
  es.map((e) => `${e.cls} ${e.level ?? '-'} ${e.number ?? '-'} ${e.title ?? e.text?.slice(0, 10)} ← ${e.parent === undefined ? 'plan' : es[e.parent]!.title}`);

describe('draftOutline', () => {
  it('splits text flattened onto one line at its headings, with level words learned from the text', () => {
    const o = draftOutline(fixture('flattened.txt'));
    expect(shape(o.elements)).toEqual([
      'Goal 基本目標 1 安心して暮らせるまち ← plan',
      'Measure 施策 1-1 防災体制の強化 ← 安心して暮らせるまち',
      'Measure 施策 1-2 防犯対策の推進 ← 安心して暮らせるまち',
      'Goal 基本目標 2 子どもが健やかに育つまち ← plan',
      'Measure 施策 2-1 子育て支援の充実 ← 子どもが健やかに育つまち',
      'Measure 施策 2-2 学校教育の充実 ← 子どもが健やかに育つまち',
    ]);
    expect(o.elements[1]!.text).toBe('地域の防災力を高めるため、自主防災組織の活動を支援します。');
    expect(o.levelWords).toEqual(['基本目標', '施策']);
  });

  it('skips a table of contents with page numbers and 第N章 sections, reads letter-spaced labels and N-M numbering', () => {
    const o = draftOutline(fixture('toc-chapters.txt'));
    expect(shape(o.elements)).toEqual([
      'Vision 基本理念 - みどりとともに未来をひらく ← plan',
      'Goal 基本目標 1 子どもが育つまち ← みどりとともに未来をひらく',
      'Policy - 1-1 子育て支援の充実 ← 子どもが育つまち',
      'Policy - 1-2 学校教育の充実 ← 子どもが育つまち',
      'Goal 基本目標 2 安全に暮らせるまち ← みどりとともに未来をひらく',
      'Policy - 2-1 防災の強化 ← 安全に暮らせるまち',
      'Policy - 2-2 交通安全の推進 ← 安全に暮らせるまち',
    ]);
    const reasons = o.unplaced.map((u) => `${u.reason}: ${u.text}`);
    expect(reasons).toContain('table of contents: 第1章 計画の概要・・・・・・・・・・ 1');
    expect(reasons).toContain('section heading (no level word): 第2章 政策の体系');
    expect(reasons).toContain('footnote: ※本計画の数値は令和5年度末現在のものです。');
    expect(o.elements.map((e) => e.cue)).toEqual(['layout', 'numbering', 'numbering', 'numbering', 'numbering', 'numbering', 'numbering']);
  });

  it('reads a table of 指標 with 現状値 and 目標値 into indicators with typed values under their measure', () => {
    const o = draftOutline(fixture('indicator-table.txt'));
    expect(shape(o.elements)).toEqual([
      'Goal 基本目標 1 健康で長生きできるまち ← plan',
      'Measure 施策 1 健康づくりの推進 ← 健康で長生きできるまち',
      'Indicator 指標 - 特定健診の受診率 ← 健康づくりの推進',
      'Indicator 指標 - 運動習慣のある町民の割合 ← 健康づくりの推進',
      'Measure 施策 2 地域医療の充実 ← 健康で長生きできるまち',
      'Goal 基本目標 2 学びあうまち ← plan',
      'Measure 施策 3 生涯学習の推進 ← 学びあうまち',
    ]);
    const first = o.elements[2]!;
    expect(first.unit).toBe('%');
    expect(first.baseline).toEqual({ value: 45.2, printed: '45.2%', fiscalYear: 2023, fiscalYearLabel: '令和5年度' });
    expect(first.target).toEqual({ value: 60, printed: '60.0%', fiscalYear: 2029, fiscalYearLabel: '令和11年度' });
  });

  it('reads a short block heading over a level table as the level above the table, and keeps 防災・防犯 in one cell item', () => {
    const o = draftOutline(fixture('block-table.txt'));
    expect(shape(o.elements)).toEqual([
      'Goal - - 健やかで支えあう町 ← plan',
      'Policy 政策 - 保健・医療の充実 ← 健やかで支えあう町',
      'Measure 施策 - 健診・予防の推進 ← 保健・医療の充実',
      'Measure 施策 - 地域医療・救急体制の確保 ← 保健・医療の充実',
      'Policy 政策 - 高齢者・障がい者の支援 ← 健やかで支えあう町',
      'Measure 施策 - 介護予防の推進 ← 高齢者・障がい者の支援',
      'Measure 施策 - 障がい者の就労・社会参加の支援 ← 高齢者・障がい者の支援',
      'Goal - - にぎわいと働く場のある町 ← plan',
      'Policy 政策 - 農林業の振興 ← にぎわいと働く場のある町',
      'Measure 施策 - 新規就農者の育成 ← 農林業の振興',
      'Measure 施策 - 特産品・ブランドづくり ← 農林業の振興',
      'Policy 政策 - 観光・交流の推進 ← にぎわいと働く場のある町',
      'Measure 施策 - 観光拠点の整備 ← 観光・交流の推進',
    ]);
    // The paragraph under a block heading is its text; the cell's description is its item's text.
    expect(o.elements[0]!.text).toBe('誰もが住み慣れた地域で、健やかに、互いに支えあって暮らせる町をつくります。');
    expect(o.elements[1]!.text).toBe('町民の健康寿命を延ばし、身近で安心できる医療を確保します');
  });

  it('nests 1 / (1) / ① by the document\'s own numbering, moves a gloss listing fields to field, and joins a wrapped table cell', () => {
    const o = draftOutline(fixture('three-levels.txt'));
    expect(shape(o.elements)).toEqual([
      'Goal 基本目標 １ 誰もが学び続ける村 ← plan',
      'Policy - （１） 学校教育の充実 ← 誰もが学び続ける村',
      'Measure - ① 少人数指導の推進 ← 学校教育の充実',
      'Measure - ② 学校施設の長寿命化 ← 学校教育の充実',
      'Policy - （２） 生涯学習の推進 ← 誰もが学び続ける村',
      'Measure - ① 公民館講座の充実 ← 生涯学習の推進',
      'Measure - ② 図書館サービスの向上 ← 生涯学習の推進',
      'Goal 基本目標 ２ 安心して暮らせる村 ← plan',
      'Policy - （１） 防災・減災の推進 ← 安心して暮らせる村',
      'Measure - ① 自主防災組織の結成と訓練の支援 ← 防災・減災の推進',
      'Measure - ② 避難所の環境整備 ← 防災・減災の推進',
      'Policy - （２） 地域公共交通の維持・確保 ← 安心して暮らせる村',
      'Policy - （３） 空き家の適正管理と利活用の促進 ← 安心して暮らせる村',
    ]);
    expect(o.elements[1]!.field).toBe('学力向上、教育環境、ＩＣＴ');
    expect(o.elements[8]!.field).toBe('消防、防災、減災');
  });

  it('hangs goals off a vision printed after them in a figure, skips the figure\'s repeats, and reads 施策 4 日本一… as a heading', () => {
    const o = draftOutline(fixture('figure-repeat.txt'));
    expect(shape(o.elements)).toEqual([
      'Goal 目標 1 人と人がつながるまち ← ひと・みどり・まちが響きあう ひばり市',
      'Measure 施策 1 人材の育成と活動の支援 ← 人と人がつながるまち',
      'Measure 施策 2 日々の交流の場づくり ← 人と人がつながるまち',
      'Goal 目標 2 子どもの笑顔があふれるまち ← ひと・みどり・まちが響きあう ひばり市',
      'Measure 施策 3 年齢に応じた子育て支援 ← 子どもの笑顔があふれるまち',
      'Measure 施策 4 日本一の読書のまちづくり ← 子どもの笑顔があふれるまち',
      'Vision 将来都市像 - ひと・みどり・まちが響きあう ひばり市 ← plan',
    ]);
    const reasons = o.unplaced.map((u) => `${u.reason}: ${u.text}`);
    expect(reasons).toContain('repeat of an earlier title: 人と人がつながるまち');
    expect(reasons).toContain('repeat of an earlier heading: 目標2　子どもの笑顔があふれるまち');
  });

  it('pairs numbers printed apart (重点施策➊ ➋ after the blocks) with their titles, and each 目指す姿 block with its title, in order', () => {
    const o = draftOutline(fixture('apart.txt'));
    expect(shape(o.elements)).toEqual([
      'Measure 重点施策 ➊ まちの魅力を世界に発信する ← plan',
      'Measure 重点施策 ➋ 誰もが学び挑戦できる ← plan',
      'DesiredState 目指す姿 - 市の観光資源が国内外 ← まちの魅力を世界に発信する',
      'DesiredState 目指す姿 - 地元の産品が市外の店 ← まちの魅力を世界に発信する',
      'DesiredState 目指す姿 - 子どもから大人までが ← 誰もが学び挑戦できる',
    ]);
    // A sentence broken by a blank line where the layout wrapped it is one item.
    expect(o.elements[2]!.text).toBe('市の観光資源が国内外に広く知られ、訪れる人が毎年増えている。');
    expect(o.elements[4]!.text).toBe('子どもから大人までが学びたいときに学べる場があり、新しいことに挑戦する人を地域が応援している。');
  });

  it('nests a list whose levels differ only by marker and indent (◆ / ○ / ・) when no label names them', () => {
    const o = draftOutline(fixture('bullets-indent.txt'));
    expect(shape(o.elements)).toEqual([
      'Goal - - 子育てと教育 ← plan',
      'Policy - - 子育て家庭への支援 ← 子育てと教育',
      'Measure - - 保育サービスの充実 ← 子育て家庭への支援',
      'Measure - - 子育て相談窓口の一本化 ← 子育て家庭への支援',
      'Policy - - 学校教育の充実 ← 子育てと教育',
      'Measure - - 少人数学級の推進 ← 学校教育の充実',
      'Goal - - 健康と福祉 ← plan',
      'Policy - - 健康づくりの推進 ← 健康と福祉',
      'Measure - - 特定健診の受診勧奨 ← 健康づくりの推進',
      'Policy - - 高齢者福祉の充実 ← 健康と福祉',
      'Measure - - 介護予防教室の開催 ← 高齢者福祉の充実',
      'Measure - - 見守りネットワークの構築 ← 高齢者福祉の充実',
    ]);
  });

  it('reads a markdown level table with numbered cells and cells spanned from the row above', () => {
    const o = draftOutline(fixture('web-table.txt'));
    expect(shape(o.elements)).toEqual([
      'Goal 基本目標 1 活力ある産業のまち ← plan',
      'Measure 基本施策 (1) 農業の振興 ← 活力ある産業のまち',
      'Measure 基本施策 (2) 商工業の振興 ← 活力ある産業のまち',
      'Goal 基本目標 2 安心して暮らせるまち ← plan',
      'Measure 基本施策 (1) 防災対策の推進 ← 安心して暮らせるまち',
      'Measure 基本施策 (2) 交通安全の推進 ← 安心して暮らせるまち',
    ]);
  });

  it('scores every fixture that has an expectation file: a check that the expectations and the drafts agree', () => {
    const names = readdirSync(new URL('./fixtures/', import.meta.url)).filter((f) => f.endsWith('.expected.json'));
    expect(names.length).toBeGreaterThanOrEqual(6);
    const cases = names.map((f) => ({ file: f, text: fixture(f.replace('.expected.json', '.txt')), gold: JSON.parse(fixture(f)) }));
    const { overall } = evaluateCases(cases);
    expect(overall.elements.f1).toBe(1);
    expect(overall.links.f1).toBe(1);
  });

  it('reads bracketed section labels as labels, never elements: a text section holds no elements, a label a measure cannot hold lists its approaches', () => {
    const t = ['施策1 交流の推進', '【現状と課題】', '(1) 人口の減少', '人口は減っています。', '【施策の方向】', '(1) 移住相談の充実', '【成果指標】', '指標\t現状値（令和4年度）\t目標値（令和9年度）', '移住者数\t10人\t30人', '', '施策2 観光の振興', '【施策の方向】', '(1) 観光案内の充実'].join('\n');
    const o = draftOutline(t);
    expect(shape(o.elements)).toEqual([
      'Measure 施策 1 交流の推進 ← plan',
      'Perspective 施策の方向 (1) 移住相談の充実 ← 交流の推進',
      'Indicator 指標 - 移住者数 ← 交流の推進',
      'Measure 施策 2 観光の振興 ← plan',
      'Perspective 施策の方向 (1) 観光案内の充実 ← 観光の振興',
    ]);
    expect(o.elements[2]!.baseline?.fiscalYear).toBe(2022);
    expect(o.unplaced.filter((u) => u.reason === 'section label').map((u) => u.text)).toEqual(['【現状と課題】', '【施策の方向】', '【成果指標】', '【施策の方向】']);
  });

  it('makes an element listed in an overview and printed again as a heading one element, and hangs N-M off N', () => {
    const t = ['第2章 政策の体系', '政策1 ひとを育む', '子どもが育つ県をめざします。', '政策2 まちをつくる', '災害に強い県をめざします。', '', '第3章 施策の展開', '', '政策1 ひとを育む', '', '施策1 保育の充実', '施策2 学びの充実', '', '第4章 重点施策', '', '施策2-1 防災の強化'].join('\n');
    expect(shape(draftOutline(t).elements)).toEqual([
      'Policy 政策 1 ひとを育む ← plan',
      'Policy 政策 2 まちをつくる ← plan',
      'Measure 施策 1 保育の充実 ← ひとを育む',
      'Measure 施策 2 学びの充実 ← ひとを育む',
      'Measure 施策 2-1 防災の強化 ← まちをつくる',
    ]);
  });

  it('nests levels marked by numbering alone (Ⅰ / 1 / (1)) as Goal / Policy / Measure; the title line and a 第N章 heading are not elements', () => {
    const o = draftOutline(fixture('dev-pref.txt'));
    const s = shape(o.elements);
    expect(s.length).toBe(23);
    expect(s.slice(0, 6)).toEqual([
      'Goal - Ⅰ 安全・安心な暮らしの実現 ← plan',
      'Policy - 1 防災力の強化 ← 安全・安心な暮らしの実現',
      'Measure - (1) 地域防災体制の充実 ← 防災力の強化',
      'Measure - (2) 災害に強い県土づくり ← 防災力の強化',
      'Measure - (3) 防災教育の推進 ← 防災力の強化',
      'Policy - 2 医療提供体制の確保 ← 安全・安心な暮らしの実現',
    ]);
    expect(s.filter((x) => x.startsWith('Goal'))).toEqual(['Goal - Ⅰ 安全・安心な暮らしの実現 ← plan', 'Goal - Ⅱ 活力ある産業の振興 ← plan', 'Goal - Ⅲ 人が輝く地域社会の形成 ← plan']);
    expect(s).toContain('Policy - 3 農林水産業の成長産業化 ← 活力ある産業の振興');
    expect(s.at(-1)).toBe('Measure - (2) 外国人県民との共生 ← 多様な人材の活躍');
    const reasons = new Map(o.unplaced.map((u) => [u.text, u.reason]));
    expect(reasons.get('□□県総合計画 基本計画（令和6年度～令和10年度）')).toBe('document title');
    expect(reasons.get('第3章 政策の展開')).toBe('section heading (no level word)');
  });

  it('reads 1 / (1) / ア as three levels, while numbered headings over prose stay sections of the document', () => {
    const o = draftOutline(fixture('town-kana.txt'));
    const s = shape(o.elements);
    expect(s.slice(0, 4)).toEqual([
      'Goal - 1 子どもが健やかに育つまち ← plan',
      'Policy - (1) 子育て支援の充実 ← 子どもが健やかに育つまち',
      'Measure - ア 保育サービスの拡充 ← 子育て支援の充実',
      'Measure - イ 子育て相談体制の強化 ← 子育て支援の充実',
    ]);
    expect(s.filter((x) => x.startsWith('Goal')).length).toBe(3);
    expect(s).not.toContain(expect.stringContaining('計画策定の趣旨'));
    expect(o.unplaced.filter((u) => u.reason === 'section heading (no level word)').map((u) => u.text)).toEqual(['第1章 計画の概要', '1 計画策定の趣旨', '2 計画の期間', '第2章 施策の体系']);
  });

  it('closes the open elements at a 第N章 heading with no level word, so numbered sections after it are not their children', () => {
    const t = ['施策1 交流の推進', '移住を進めます。', '施策2 観光の振興', '観光を進めます。', '', '第4章 計画の推進', '', '1 推進体制', '町民と協働して計画を進めます。', '2 進行管理', '毎年度点検します。'].join('\n');
    const o = draftOutline(t);
    expect(shape(o.elements)).toEqual(['Measure 施策 1 交流の推進 ← plan', 'Measure 施策 2 観光の振興 ← plan']);
    expect(o.unplaced.find((u) => u.text === '第4章 計画の推進')?.reason).toBe('section heading (no level word)');
  });

  it('takes a line naming a plan with its period as the document title, and a sentence mentioning a period as prose', () => {
    const o = draftOutline(['□□市総合計画（2026年度～2030年度）', '', 'この計画の期間は令和8年度～令和12年度です。'].join('\n'));
    expect(o.elements).toEqual([]);
    expect(o.unplaced.map((u) => u.reason)).toEqual(['document title', 'prose']);
  });

  it('reads a bare めざす姿 label followed by a sentence as that section\'s DesiredState, never taking the next label\'s content', () => {
    const t = ['施策1 子育て支援の充実', 'めざす姿', '安心して子どもを産み育てられます。', '主な取組', '①相談支援', '', '施策2 学校教育の充実', 'めざす姿', '確かな学力が身についています。', '指標', '学力調査の平均正答率　現状値 60%（R5）　目標値 65%（R11）'].join('\n');
    const o = draftOutline(t);
    expect(shape(o.elements)).toEqual([
      'Measure 施策 1 子育て支援の充実 ← plan',
      'DesiredState めざす姿 - 安心して子どもを産み ← 子育て支援の充実',
      'Perspective 主な取組 ① 相談支援 ← 子育て支援の充実',
      'Measure 施策 2 学校教育の充実 ← plan',
      'DesiredState めざす姿 - 確かな学力が身につい ← 学校教育の充実',
      'Indicator 指標 - 学力調査の平均正答率 ← 学校教育の充実',
    ]);
    expect(o.elements[1]!.text).toBe('安心して子どもを産み育てられます。');
    expect(o.elements[4]!.text).toBe('確かな学力が身についています。');
  });

  it('hangs the 主な取組 items of the first section after an overview off its measure: bare labels recurring are no table of contents', () => {
    const t = ['施策の体系', '政策1 子どものまち', '施策1 子育て支援', '施策2 学校教育', '政策2 安心のまち', '施策3 防災', '', '政策1 子どものまち', '施策1 子育て支援', '主な取組', '①相談支援', '②保育の確保', '指標', '出生数　現状値 820人（R5）　目標値 850人（R11）', '', '施策2 学校教育', '主な取組', '①少人数指導', '指標', '不登校児童数　現状値 40人　目標値 30人', '', '政策2 安心のまち', '施策3 防災', '主な取組', '①避難所の整備'].join('\n');
    const o = draftOutline(t);
    expect(shape(o.elements)).toEqual([
      'Policy 政策 1 子どものまち ← plan',
      'Measure 施策 1 子育て支援 ← 子どものまち',
      'Perspective 主な取組 ① 相談支援 ← 子育て支援',
      'Perspective 主な取組 ② 保育の確保 ← 子育て支援',
      'Indicator 指標 - 出生数 ← 子育て支援',
      'Measure 施策 2 学校教育 ← 子どものまち',
      'Perspective 主な取組 ① 少人数指導 ← 学校教育',
      'Indicator 指標 - 不登校児童数 ← 学校教育',
      'Policy 政策 2 安心のまち ← plan',
      'Measure 施策 3 防災 ← 安心のまち',
      'Perspective 主な取組 ① 避難所の整備 ← 防災',
    ]);
  });

  it('reads inline indicator lines: the name alone as title, values typed with the years printed, untyped when no year is printed', () => {
    const o = draftOutline(['施策1 子育て支援', '指標', '出生数　現状値 820人（R5）　目標値 850人（R11）', '待機児童数　現状値 12人　目標値 0人', '見守り協力事業者数 基準値 45事業者（令和5年度） 目標値 60事業者（令和11年度）', '防災訓練の参加者数　現状 3,200人　目標 4,000人', '', '施策2 学校教育'].join('\n'));
    const ind = o.elements.filter((e) => e.cls === 'Indicator');
    expect(ind.map((e) => [e.title, e.unit, e.parent])).toEqual([['出生数', '人', 0], ['待機児童数', '人', 0], ['見守り協力事業者数', '事業者', 0], ['防災訓練の参加者数', '人', 0]]);
    expect(ind[0]!.baseline).toEqual({ value: 820, printed: '820人', fiscalYear: 2023, fiscalYearLabel: 'R5' });
    expect(ind[0]!.target).toEqual({ value: 850, printed: '850人', fiscalYear: 2029, fiscalYearLabel: 'R11' });
    expect(ind[0]!.text).toBeUndefined();
    expect(ind[2]!.baseline).toEqual({ value: 45, printed: '45事業者', fiscalYear: 2023, fiscalYearLabel: '令和5年度' });
    // No year printed: the schema needs a fiscal year, so the values are not typed; they stay in the text for the curator.
    expect([ind[1]!.baseline, ind[1]!.target, ind[1]!.text]).toEqual([undefined, undefined, '現状値 12人　目標値 0人']);
    expect([ind[3]!.baseline, ind[3]!.text]).toEqual([undefined, '現状 3,200人　目標 4,000人']);
  });

  it('reads the year beside a value in every form the validator reads, and no cell that is more than a year', () => {
    const target = (year: string) => readInlineIndicator(`出生数　現状値 ―　目標値 850人（${year}）`)?.target;
    // Kanji era years were not read before (the validator took them).
    expect(target('令和十一年度')).toEqual({ value: 850, printed: '850人', fiscalYear: 2029, fiscalYearLabel: '令和十一年度' });
    expect(target('2029年度')).toMatchObject({ fiscalYear: 2029 });
    expect(target('H30')).toMatchObject({ fiscalYear: 2018 });
    expect(target('令和2年')).toMatchObject({ year: 2020, yearLabel: '令和2年' });
    expect(target('令和2年10月1日現在')).toMatchObject({ year: 2020, yearLabel: '令和2年10月1日現在' });
    // Two years that disagree, two years, or a year with other words: no year, so no typed value.
    for (const bad of ['令和5年度～令和11年度', '令和11年度末見込み', '2029']) expect(target(bad), bad).toBeUndefined();
  });

  it('reads an inline indicator whose 現状値 is printed ―, －, - or 新規 as a new indicator: its target alone, nothing left in its text', () => {
    for (const none of ['―', '－', '-', '新規']) {
      const read = readInlineIndicator(`出生数　現状値 ${none}　目標値 850人（R11）`);
      expect(read, none).toEqual({ title: '出生数', text: undefined, unit: '人', baseline: undefined, target: { value: 850, printed: '850人', fiscalYear: 2029, fiscalYearLabel: 'R11' } });
    }
    // A target printed with no year is not typed: the values stay in the text, as for any indicator.
    expect(readInlineIndicator('出生数　現状値 ―　目標値 850人')).toMatchObject({ baseline: undefined, target: undefined, text: '現状値 ―　目標値 850人' });
  });

  it('reads inline indicator lines only in their own form: a sentence mentioning 現状 and 目標 is prose', () => {
    expect(readInlineIndicator('出生数 現状値 820人 目標値 850人')?.title).toBe('出生数');
    expect(readInlineIndicator('Visitors 現状値 1,200 目標値 1,500')?.title).toBe('Visitors');
    expect(readInlineIndicator('現状を踏まえ、目標の達成に向けて取り組みます。')).toBeUndefined();
    expect(readInlineIndicator('出生数は現状値 820人から目標値 850人をめざします。')).toBeUndefined();
  });

  it('drafts ①② printed straight under a 施策, with no 主な取組 label, as Perspectives of that 施策 (audit E4)', () => {
    const t = ['基本目標１　健康で安心して暮らせる村', '施策１－１　健康づくりの推進', '村民が生涯にわたり健康に暮らせるよう、健診と食育を進めます。', '①　健診受診の促進', '②　食育の推進', '施策１－２　子育て支援の充実', '①　相談体制の充実', '基本目標２　豊かな産業と交流の村'].join('\n');
    expect(shape(draftOutline(t).elements)).toEqual([
      'Goal 基本目標 １ 健康で安心して暮らせる村 ← plan',
      'Measure 施策 １－１ 健康づくりの推進 ← 健康で安心して暮らせる村',
      'Perspective - ① 健診受診の促進 ← 健康づくりの推進',
      'Perspective - ② 食育の推進 ← 健康づくりの推進',
      'Measure 施策 １－２ 子育て支援の充実 ← 健康で安心して暮らせる村',
      'Perspective - ① 相談体制の充実 ← 子育て支援の充実',
      'Goal 基本目標 ２ 豊かな産業と交流の村 ← plan',
    ]);
  });

  it('reads an indicator table whose columns are set apart by full-width spaces, typing values by the year in the cell or its header (audit E5)', () => {
    const t = ['施策１　健康づくりの推進', '【成果指標】', '指標名　　　現状値　　　目標値', '特定健診の受診率　　４５％（R4）　　６０％（R14）', '運動習慣のある村民の割合　　３０％（令和４年度）　　４０％（令和１４年度）', '', '施策２　学びの場づくり', '【成果指標】', '指標名　　現状値（R4）　　目標値（R14）', '村営塾の利用者数　　１２０人　　１５０人', '図書の貸出冊数　　１万冊　　未定'].join('\n');
    const o = draftOutline(t);
    expect(shape(o.elements)).toEqual([
      'Measure 施策 １ 健康づくりの推進 ← plan',
      'Indicator 指標名 - 特定健診の受診率 ← 健康づくりの推進',
      'Indicator 指標名 - 運動習慣のある村民の割合 ← 健康づくりの推進',
      'Measure 施策 ２ 学びの場づくり ← plan',
      'Indicator 指標名 - 村営塾の利用者数 ← 学びの場づくり',
      'Indicator 指標名 - 図書の貸出冊数 ← 学びの場づくり',
    ]);
    const [, health, exercise, , school, books] = o.elements;
    expect([health!.unit, health!.baseline, health!.target]).toEqual(['％', { value: 45, printed: '４５％', fiscalYear: 2022, fiscalYearLabel: 'R4' }, { value: 60, printed: '６０％', fiscalYear: 2032, fiscalYearLabel: 'R14' }]);
    expect(exercise!.baseline).toEqual({ value: 30, printed: '３０％', fiscalYear: 2022, fiscalYearLabel: '令和４年度' });
    expect(school!.baseline).toEqual({ value: 120, printed: '１２０人', fiscalYear: 2022, fiscalYearLabel: 'R4' });
    expect(school!.target).toEqual({ value: 150, printed: '１５０人', fiscalYear: 2032, fiscalYearLabel: 'R14' });
    // 未定 is no number: that value stays for the curator.
    expect(books!.target).toBeUndefined();
  });

  it('splits a line into cells only at runs of spaces including a full-width one: one space joins a number and its title', () => {
    expect(draftOutline('みんなが笑顔で暮らせる　緑と清流の村').unplaced.map((u) => u.reason)).toEqual(['prose']);
    expect(draftOutline('人口は  減って  います').unplaced.map((u) => u.reason)).toEqual(['prose']);
  });

  it('drafts a goal listed in the 基本構想 with no section of its own in the 基本計画; the goals printed again are read at their sections (audit E3)', () => {
    const o = draftOutline(fixture('ono-village.txt'));
    const goals = o.elements.filter((e) => e.cls === 'Goal');
    expect(goals.map((e) => `${e.number} ${e.title} ← ${o.elements[e.parent!]!.cls}`)).toEqual(['３ 学び合い支え合う村 ← Vision', '１ 健康で安心して暮らせる村 ← Vision', '２ 豊かな産業と交流の村 ← Vision']);
    expect(o.unplaced.filter((u) => u.reason === 'table of contents').map((u) => u.text)).toEqual(['基本目標１　健康で安心して暮らせる村', '基本目標２　豊かな産業と交流の村']);
  });

  it('reads a tab-separated level table whose 基本目標 and 施策 cells span the rows below them (left empty there) (audit E6)', () => {
    const o = draftOutline(fixture('taikei.txt'));
    expect(shape(o.elements)).toEqual([
      'Goal 基本目標 １ 健康で安心して暮らせる村 ← plan',
      'Measure 施策 １－１ 健康づくりの推進 ← 健康で安心して暮らせる村',
      'Perspective 主な取組 ① 健診受診の促進 ← 健康づくりの推進',
      'Perspective 主な取組 ② 食育の推進 ← 健康づくりの推進',
      'Measure 施策 １－２ 子育て支援の充実 ← 健康で安心して暮らせる村',
      'Perspective 主な取組 ① 相談体制の充実 ← 子育て支援の充実',
      'Goal 基本目標 ２ 豊かな産業と交流の村 ← plan',
      'Measure 施策 ２－１ 農業の振興 ← 豊かな産業と交流の村',
      'Perspective 主な取組 ① 新規就農者の支援 ← 農業の振興',
      'Perspective 主な取組 ② 特産品づくり ← 農業の振興',
      'Measure 施策 ２－２ 観光の振興 ← 豊かな産業と交流の村',
      'Perspective 主な取組 ① 観光拠点の整備 ← 観光の振興',
    ]);
    // The same table as markdown, its spanned cells empty.
    const md = ['| 基本目標 | 施策 | 主な取組 |', '|---|---|---|', '| 1 健康な村 | 1-1 健康づくり | ① 健診 |', '| | | ② 食育 |', '| | 1-2 子育て | ① 相談 |'].join('\n');
    expect(shape(draftOutline(md).elements)).toEqual([
      'Goal 基本目標 1 健康な村 ← plan',
      'Measure 施策 1-1 健康づくり ← 健康な村',
      'Perspective 主な取組 ① 健診 ← 健康づくり',
      'Perspective 主な取組 ② 食育 ← 健康づくり',
      'Measure 施策 1-2 子育て ← 健康な村',
      'Perspective 主な取組 ① 相談 ← 子育て',
    ]);
  });

  it('gives the same outline for the same text', () => {
    const t = fixture('toc-chapters.txt');
    expect(JSON.stringify(draftOutline(t))).toBe(JSON.stringify(draftOutline(t)));
  });
});

describe('normalizeGlyphs', () => {
  it('maps Kangxi and supplement radicals, U+2027 and half-width katakana, and keeps numbering systems', () => {
    expect(normalizeGlyphs('⽬標 ⻑期 ⾏政‧計画 ｶﾞｲﾄﾞ ① ❶ Ⅱ １')).toBe('目標 長期 行政・計画 ガイド ① ❶ Ⅱ １');
  });
});

describe('canonicalNumber', () => {
  it('erases numbering systems for comparison', () => {
    expect(['Ⅱ', '❶', '5-①', '1 2', '(3)', '第2章', 'IV', 'ウ'].map(canonicalNumber)).toEqual(['2', '1', '5-1', '12', '3', '2', '4', '3']);
  });
});
