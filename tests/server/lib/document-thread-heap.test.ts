// A document thread reads the shared slice's file on its first page (outsideSubjects). Nationally that file is ~42 MB
// of N-Quads with Japanese literals: decoded whole it is a two-byte string of ~80 MB, split into 200,000 lines, which
// nearly fills the thread's heap (96 MB; a 46 MB file ran out of it, by hand). Here a file of that size is read within
// half that heap, the other half left to the thread's documents and pages, in a process of its own.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DOCUMENT_THREAD_HEAP_MB } from '../../../src/server/lib/document-threads.ts';

const BASE = 'http://localhost:3000/';
const dir = mkdtempSync(join(tmpdir(), 'jpp-heap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a document thread', () => {
  it("reads a national-size shared slice's file within half its heap", { timeout: 120_000 }, () => {
    // Lines as the synthetic national build's (~210 bytes: 70,214 lines in 15 MB at 60 bodies), more than 200,000 of them.
    const text = '地域の子どもたちが安心して学び育つ環境をつくる';
    const line = (i: number) => `<${BASE}id/${900001 + (i % 1788)}/plan/p/measure/${i}> <http://www.w3.org/2000/01/rdf-schema#comment> "${text}"@ja <${BASE}graph/x/p> .\n`;
    const parts: string[] = [];
    for (let i = 0; i < 240_000; i++) parts.push(line(i));
    parts.push(`<${BASE}id/fiscal-year/2030> <http://www.w3.org/2000/01/rdf-schema#label> "2030年度"@ja <${BASE}graph/x/p> .\n`);
    const file = join(dir, 'shared.nq');
    writeFileSync(file, parts.join(''));
    expect(Buffer.byteLength(parts.join(''))).toBeGreaterThan(42 * 2 ** 20);

    const module = pathToFileURL(resolve('src/documents/row-documents.ts')).href;
    const uris = pathToFileURL(resolve('src/rdf/uris.ts')).href;
    const script = `
      const { readFileSync } = await import('node:fs');
      const { outsideSubjects } = await import(${JSON.stringify(module)});
      const { siteUrls } = await import(${JSON.stringify(uris)});
      const about = outsideSubjects(readFileSync(${JSON.stringify(file)}), [], siteUrls(${JSON.stringify(BASE)}));
      console.log(about(${JSON.stringify(`${BASE}id/fiscal-year/2030`)}).length, about(${JSON.stringify(`${BASE}id/900001/plan/p/measure/0`)}).length);
    `;
    const run = spawnSync(process.execPath, [`--max-old-space-size=${DOCUMENT_THREAD_HEAP_MB / 2}`, '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    expect(run.stdout.trim()).toBe('1 0');
  });
});
