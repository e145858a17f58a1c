// PDFs made by reportlab (tests/extract/fixtures/pdf/make-pdfs.py), drafted end to end: the plan file a curator gets.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateCases } from '../../src/extract/eval.ts';
import { extract } from '../../src/extract/extract.ts';
import { pdfText } from '../../src/extract/pdf-text.ts';
import { removeDir } from '../server/lifecycle/processes.ts';

const root = process.cwd();
const pdf = (name: string) => join(root, 'tests/extract/fixtures/pdf', name);
const made: string[] = [];
afterAll(() => made.forEach(removeDir));

interface Drafted { plan: { edition?: { number?: number; text?: string }; title: string; version: { text: string } }; elements: Record<string, unknown>[] }
const draft = async (name: string): Promise<{ text: string; plan: Drafted; byTitle: (t: string) => Record<string, unknown> | undefined }> => {
  const out = mkdtempSync(join(tmpdir(), 'jpp-extract-pdf-'));
  made.push(out);
  const r = await extract({ root, input: pdf(name), code: '204170', out, name: 'ono' });
  const plan = parse(readFileSync(r.planPath, 'utf8')) as Drafted;
  return { text: readFileSync(r.sourcePath, 'utf8'), plan, byTitle: (t) => plan.elements.find((e) => e.title === t) };
};

describe('a village plan PDF (ono-village.pdf)', () => {
  let d: Awaited<ReturnType<typeof draft>>;
  beforeAll(async () => {
    d = await draft('ono-village.pdf');
  }, 30_000);

  it('keeps ideographic spaces, which pdfjs returns as items of their own (E1)', async () => {
    const text = await pdfText(new Uint8Array(readFileSync(pdf('ono-village.pdf'))), 'ono-village.pdf');
    expect(text).toContain('１　村の将来像\n');
    expect(text).toContain('みんなが笑顔で暮らせる　緑と清流の村\n');
    expect(text).toContain('出生数　現状値 42人（R4）　目標値 45人（R14）\n');
    // Columns stay cells: the spaces between them do not join them.
    expect(text).toContain('指標名\t現状値\t目標値\n');
  });

  it('drafts the vision under its level word with its printed title, and the one-line indicator with typed values (E1)', () => {
    const vision = d.byTitle('みんなが笑顔で暮らせる　緑と清流の村');
    expect(vision).toMatchObject({ id: 'vision/1', type: 'Vision', level: '村の将来像' });
    const births = d.byTitle('出生数')!;
    const measure = d.byTitle('子育て支援の充実')!;
    expect(births).toMatchObject({
      type: 'Indicator', parent: measure.id, unit: '人',
      baseline: { value: 42, printed: '42人', fiscalYear: 2022, fiscalYearLabel: 'R4' },
      target: { value: 45, printed: '45人', fiscalYear: 2032, fiscalYearLabel: 'R14' },
    });
  });

  it('drafts ①② printed straight under a 施策 as Perspectives of that 施策 (E4)', () => {
    const measure = d.byTitle('健康づくりの推進')!;
    expect(measure).toMatchObject({ type: 'Measure', level: '施策', number: '１－１' });
    expect(d.byTitle('健診受診の促進')).toMatchObject({ type: 'Perspective', number: '①', parent: measure.id });
    expect(d.byTitle('食育の推進')).toMatchObject({ type: 'Perspective', number: '②', parent: measure.id });
  });

  it('types the values of an indicator table by the years printed in its cells (E5)', () => {
    const measure = d.byTitle('健康づくりの推進')!;
    expect(d.byTitle('特定健診の受診率')).toMatchObject({
      type: 'Indicator', level: '指標名', parent: measure.id, unit: '％',
      baseline: { value: 45, printed: '４５％', fiscalYear: 2022, fiscalYearLabel: 'R4' },
      target: { value: 60, printed: '６０％', fiscalYear: 2032, fiscalYearLabel: 'R14' },
    });
    expect(d.byTitle('村営塾の利用者数')).toMatchObject({
      type: 'Indicator', parent: d.byTitle('学びと交流の場づくり')!.id, unit: '人',
      baseline: { value: 120, printed: '１２０人', fiscalYear: 2022, fiscalYearLabel: '令和４年度' },
      target: { value: 150, printed: '１５０人', fiscalYear: 2032, fiscalYearLabel: '令和１４年度' },
    });
  });

  it('drafts 基本目標３, listed only in the 基本構想, under the vision (E3)', () => {
    expect(d.byTitle('学び合い支え合う村')).toMatchObject({ type: 'Goal', level: '基本目標', number: '３', parent: 'vision/1' });
  });

  it('gives the elements a curator drafts from the same content as text (ono-village.expected.json)', () => {
    const gold = JSON.parse(readFileSync(join(root, 'tests/extract/fixtures/ono-village.expected.json'), 'utf8'));
    const { overall } = evaluateCases([{ file: 'ono-village.pdf', text: d.text, gold }]);
    expect([overall.elements.f1, overall.links.f1]).toEqual([1, 1]);
  });

  it('keeps the cover title printed in the top tenth of page 1 that the running header repeats, and drops the header (E2)', () => {
    expect(d.text.startsWith('第２次おの村総合計画\n')).toBe(true);
    expect(d.text.match(/第２次おの村総合計画/g)).toHaveLength(1);
    expect(d.text).not.toMatch(/－ \d －/);
    expect(d.plan.plan.edition).toEqual({ number: 2, text: '第２次' });
    expect(d.plan.plan.title).toBe('第２次おの村総合計画');
    expect(d.plan.plan.version.text).toBe('第２次おの村総合計画');
  });
});

describe('a 施策の体系 table PDF with spanned cells (taikei.pdf)', () => {
  it('keeps a spanned cell as an empty cell and drafts all twelve elements under their columns\' levels (E6)', async () => {
    const d = await draft('taikei.pdf');
    expect(d.text).toContain('\t\t②　食育の推進\n\t１－２　子育て支援の充実\t①　相談体制の充実\n');
    const measure = d.byTitle('子育て支援の充実')!;
    expect(measure).toMatchObject({ type: 'Measure', level: '施策', number: '１－２', parent: d.byTitle('健康で安心して暮らせる村')!.id });
    expect(d.byTitle('相談体制の充実')).toMatchObject({ type: 'Perspective', level: '主な取組', number: '①', parent: measure.id });
    expect(d.byTitle('特産品づくり')).toMatchObject({ type: 'Perspective', number: '②', parent: d.byTitle('農業の振興')!.id });
    const gold = JSON.parse(readFileSync(join(root, 'tests/extract/fixtures/taikei.expected.json'), 'utf8'));
    const { overall } = evaluateCases([{ file: 'taikei.pdf', text: d.text, gold }]);
    expect([overall.elements.drafted, overall.elements.f1, overall.links.f1]).toEqual([12, 1, 1]);
  }, 30_000);
});
