// The extract command end to end: the files it writes pass draft validation, and bad input fails with one clear line.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { extract } from '../../src/extract/extract.ts';
import { checkDraft } from '../../src/plan/check-draft.ts';
import { removeDir } from '../server/lifecycle/processes.ts';

const root = process.cwd();
const fixture = (name: string) => join(root, 'tests/extract/fixtures', name);
const made: string[] = [];
const tmp = () => { const dir = mkdtempSync(join(tmpdir(), 'jpp-extract-')); made.push(dir); return dir; };
afterAll(() => made.forEach(removeDir));

describe('extract', () => {
  it('writes the source text byte for byte, a draft that passes --draft validation, and a sidecar', async () => {
    const out = tmp();
    const r = await extract({ root, input: fixture('indicator-table.txt'), code: '132101', out, name: 'aoba' });
    expect(readFileSync(r.sourcePath)).toEqual(readFileSync(fixture('indicator-table.txt')));
    const { problems, warnings, elements } = checkDraft(root, r.planPath);
    expect(problems).toEqual([]);
    expect(elements).toBe(7);
    expect(warnings.map((w) => w.reason)).toContain('no themes yet');
    const sidecar = JSON.parse(readFileSync(r.sidecarPath, 'utf8'));
    expect(sidecar.normalizationVersion).toBe(1);
    expect(sidecar.elements[2]).toMatchObject({ id: 'indicator/1', cue: 'table header', confidence: 0.8 });
    expect(sidecar.elements[0].themeSuggestions).toContain('health');
    // The same input gives byte-identical files.
    const again = await extract({ root, input: fixture('indicator-table.txt'), code: '132101', out: tmp(), name: 'aoba' });
    expect(readFileSync(again.planPath)).toEqual(readFileSync(r.planPath));
    expect(readFileSync(again.sidecarPath)).toEqual(readFileSync(r.sidecarPath));
  });

  it('reports a missing parent as a warning in --draft validation and as an error in curated validation', async () => {
    const out = tmp();
    const text = '第1次テスト総合計画\n\n施策 1 防災の強化\n\n施策 2 防犯の推進\n';
    writeFileSync(join(out, 'input.txt'), text);
    const r = await extract({ root, input: join(out, 'input.txt'), code: '132101', out, name: 'orphan' });
    const { problems, warnings } = checkDraft(root, r.planPath);
    expect(problems).toEqual([]);
    expect(warnings.map((w) => w.reason)).toContain('missing parent: a Measure sits under a Goal, Policy or Measure');
  });

  it('drafts inline indicators with their printed years as valid values; one printed with no year is a --draft warning, not an error', async () => {
    const r = await extract({ root, input: fixture('city-bare.txt'), code: '132101', out: tmp(), name: 'sakura' });
    const { problems, warnings } = checkDraft(root, r.planPath);
    expect(problems).toEqual([]);
    // 待機児童数 is printed with no year; 防災訓練の参加者数' grouped digits (3,200人) are its printed value.
    expect(warnings.filter((w) => w.reason.startsWith('an Indicator needs a baseline, a target or a direction'))).toHaveLength(1);
    const yaml = readFileSync(r.planPath, 'utf8');
    expect(yaml).toContain('fiscalYearLabel: R5');
    expect(yaml).toContain('printed: 3,200人');
  });

  it('drafts a new indicator printed with 現状値 ―, －, -, 新規 or blank with its target alone, and warns only of values left unread', async () => {
    const r = await extract({ root, input: fixture('new-indicators.txt'), code: '132101', out: tmp(), name: 'shinki' });
    const { problems, warnings } = checkDraft(root, r.planPath);
    expect(problems).toEqual([]);
    const plan = parse(readFileSync(r.planPath, 'utf8')) as { elements: { id: string; type: string; title: string; baseline?: unknown; target?: { printed: string } }[] };
    const indicators = plan.elements.filter((e) => e.type === 'Indicator');
    expect(indicators.map((e) => [e.title, e.baseline, e.target?.printed])).toEqual([
      ['特定健診の受診率', undefined, '60%'],
      ['運動習慣のある町民の割合', undefined, '40%'],
      ['がん検診の受診率', undefined, '50%'],
      ['歯科健診の受診率', undefined, '30%'],
      ['健康教室の参加者数', undefined, '500人'],
      ['出生数', undefined, '850人'],
      ['待機児童数', undefined, '0人'],
      ['図書の貸出冊数', undefined, undefined],
      ['講座の受講者数', undefined, undefined],
    ]);
    // Only the two rows whose values were printed with no fiscal year are warned of; the sidecar names what was not read.
    const ids = new Map(plan.elements.map((e, i) => [`elements[${i}]`, e.title]));
    expect(warnings.filter((w) => w.reason !== 'no themes yet').map((w) => `${ids.get(w.path!)}: ${w.reason.split(' (')[0]}`)).toEqual([
      '図書の貸出冊数: an Indicator needs a baseline, a target or a direction',
      '講座の受講者数: an Indicator needs a baseline, a target or a direction',
    ]);
    const sidecar = JSON.parse(readFileSync(r.sidecarPath, 'utf8')) as { elements: { id: string; unread?: string[]; confidence: number }[] };
    expect(sidecar.elements.filter((e) => e.unread).map((e) => e.unread)).toEqual([
      ['現状値 12,000冊: not drafted: no number with a year (年度, 年 or a date) was read from it', '目標値 15,000冊: not drafted: no number with a year (年度, 年 or a date) was read from it'],
      ['目標値 100人: not drafted: no number with a year (年度, 年 or a date) was read from it'],
    ]);
  });

  it('drafts a value printed for a calendar year (令和2年) or a date (令和2年10月1日現在) with year and yearLabel, not as a fiscal year', async () => {
    const r = await extract({ root, input: fixture('census-years.txt'), code: '132101', out: tmp(), name: 'census' });
    const { problems } = checkDraft(root, r.planPath);
    expect(problems).toEqual([]);
    const plan = parse(readFileSync(r.planPath, 'utf8')) as { elements: { title: string; baseline?: unknown; target?: unknown }[] };
    expect(plan.elements.map((e) => [e.title, e.baseline, e.target])).toEqual([
      ['総人口', { value: 12000, printed: '12,000人', year: 2020, yearLabel: '令和2年' }, { value: 11000, printed: '11,000人', year: 2030, yearLabel: '令和12年' }],
      ['年少人口の割合', { value: 11.5, printed: '11.5%', year: 2020, yearLabel: '令和2年10月1日現在' }, { value: 12, printed: '12.0%', year: 2030, yearLabel: '令和12年' }],
      ['転入者数', { value: 300, printed: '300人', fiscalYear: 2023, fiscalYearLabel: '令和5年度' }, { value: 350, printed: '350人', year: 2030, yearLabel: '令和12年' }],
    ]);
  });

  it('reads the period as the validator does (months, kanji era years, a 策定 date after it left out) and a header date whole', async () => {
    const dir = tmp();
    const input = join(dir, 'plan.txt');
    writeFileSync(
      input,
      '第1次テスト町総合計画\n\n計画期間は令和四年4月から令和十三年3月まで（令和4年3月策定）\n\n基本目標 1 住み続けられるまち\n\n施策 1 定住の促進\n\n' +
        '指標\t現状値（令和6年3月31日現在）\t目標値（令和13年度）\n総人口\t12,000人\t11,000人\n',
    );
    const r = await extract({ root, input, code: '132101', out: tmp(), name: 'period' });
    expect(checkDraft(root, r.planPath).problems).toEqual([]);
    const plan = parse(readFileSync(r.planPath, 'utf8')) as { plan: { period?: { fromFiscalYear: number; toFiscalYear: number } }; elements: { baseline?: unknown }[] };
    // March 令和十三年 (2031) is in fiscal year 2030; the 策定 date after the period is not its end.
    expect(plan.plan.period).toMatchObject({ fromFiscalYear: 2022, toFiscalYear: 2030 });
    expect(plan.elements.find((e) => e.baseline)?.baseline).toEqual({ value: 12000, printed: '12,000人', year: 2024, yearLabel: '令和6年3月31日現在' });
  });

  it.each([
    ['a missing file', () => join(tmp(), 'nothing.pdf'), '132101', /nothing\.pdf: no such file$/],
    ['a text file named .pdf', () => { const f = join(tmp(), 'fake.pdf'); writeFileSync(f, '基本目標 1 これはPDFではない'); return f; }, '132101', /fake\.pdf: not a PDF \(no %PDF- header\)$/],
    ['a broken PDF', () => { const f = join(tmp(), 'broken.pdf'); writeFileSync(f, '%PDF-1.7\n1 0 obj garbage'); return f; }, '132101', /broken\.pdf: not a readable PDF/],
    ['an unsupported extension', () => { const f = join(tmp(), 'plan.docx'); writeFileSync(f, 'x'); return f; }, '132101', /unsupported input "\.docx"/],
    ['a bad code', () => fixture('flattened.txt'), '132102', /--code 132102 is not a six-digit local government code with a valid check digit$/],
  ])('fails on %s with a clear error', async (_, input, code, message) => {
    await expect(extract({ root, input: input(), code, out: tmp() })).rejects.toThrow(message);
  });

  it('prints one line, not a stack, when the command fails', { timeout: 60_000 }, () => {
    const r = spawnSync('npx', ['tsx', 'src/extract/main.ts', join(tmp(), 'missing.pdf'), '--code', '132101'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^extract failed: .*missing\.pdf: no such file/);
  });

  it('validate --draft exits 0 on a valid draft and lists its warnings', { timeout: 60_000 }, async () => {
    const out = tmp();
    const r = await extract({ root, input: fixture('toc-chapters.txt'), code: '132101', out, name: 'midori' });
    const stdout = execFileSync('npx', ['tsx', 'src/publish/main.ts', '--check', '--draft', r.planPath], { cwd: root, encoding: 'utf8' });
    expect(stdout).toMatch(/valid draft, 7 elements; 0 error\(s\), 7 warning\(s\)/);
  });
});
