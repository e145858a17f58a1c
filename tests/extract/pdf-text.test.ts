// PDFs printed by Chromium from an HTML fixture: reading order of two columns, running header and footer removed, table rows kept.
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../src/extract/pdf-text.ts';
import { CHROMIUM } from '../browser/browser-helpers.ts';

const p = (s: string) => `<p>${s}</p>`;
const html = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>
body { font-family: sans-serif; font-size: 11pt; margin: 0; }
h1 { font-size: 20pt; } .cols { column-count: 2; column-gap: 30mm; } table { border-collapse: collapse; margin-top: 8mm; }
td, th { padding: 1mm 12mm 1mm 0; text-align: left; } .page { page-break-after: always; }
</style></head><body>
<div class="page"><h1>基本目標 1 安心して暮らせるまち</h1><div class="cols">
${p('ひだりの段の一行目です。ここには左の段の文章が続き、段の幅で折り返します。左の段の文章はまだ続きます。左の段の終わりです。')}
${p('みぎの段の一行目です。ここには右の段の文章が続き、段の幅で折り返します。右の段の文章はまだ続きます。右の段の終わりです。')}
</div></div>
<div class="page"><table><tr><th>指標</th><th>現状値(令和5年度)</th><th>目標値(令和11年度)</th></tr>
<tr><td>特定健診の受診率</td><td>45.2%</td><td>60.0%</td></tr><tr><td>町民の割合</td><td>30%</td><td>40%</td></tr></table></div>
<div class="page">${p('三ページ目の本文です。')}</div>
</body></html>`;

describe('pdfText', () => {
  let text = '';
  beforeAll(async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.setContent(html);
      const pdf = await page.pdf({
        format: 'A4',
        displayHeaderFooter: true,
        margin: { top: '25mm', bottom: '25mm', left: '20mm', right: '20mm' },
        headerTemplate: '<div style="font-size:9pt;width:100%;text-align:center">あおば町総合計画 ヘッダー</div>',
        footerTemplate: '<div style="font-size:9pt;width:100%;text-align:center"><span class="pageNumber"></span></div>',
      });
      text = await pdfText(new Uint8Array(pdf), 'fixture.pdf');
    } finally {
      await browser.close();
    }
  }, 60_000);
  afterAll(() => undefined);

  it('reads the left column before the right one', () => {
    // Lines wrap where the columns do; reading order is compared without the line breaks.
    const flat = text.replace(/\s+/g, '');
    const left = flat.indexOf('左の段の終わりです。');
    const right = flat.indexOf('みぎの段の一行目です。');
    expect(flat.indexOf('ひだりの段の一行目です。')).toBeGreaterThanOrEqual(0);
    expect(left).toBeGreaterThan(0);
    expect(right).toBeGreaterThan(left);
  });

  it('drops the running header and the page numbers', () => {
    expect(text).not.toContain('ヘッダー');
    expect(text.split('\n').filter((l) => /^\d+$/.test(l.trim()))).toEqual([]);
  });

  it('keeps table rows as tab-separated cells', () => {
    expect(text).toContain('指標\t現状値(令和5年度)\t目標値(令和11年度)');
    expect(text).toContain('特定健診の受診率\t45.2%\t60.0%');
  });
});
