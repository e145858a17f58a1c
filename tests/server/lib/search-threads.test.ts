// Searches answered by the search threads: the same answers as the index file opened in process (hits, scores,
// totals, pages, municipality groups), each phrase's row count made once for all threads, a missing or damaged file
// refused at once with its name.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSearchFile, writeSearchFile, type SearchDocument, type SearchFile } from '../../../src/search/index.ts';
import { openSearchThreads, type SearchThreads } from '../../../src/server/lib/search-threads.ts';

const WORDS = ['脱炭素', '子育て', '防災', 'まちづくり', '公共交通', '健康', '観光', '農業'];
// Two municipalities' documents (groups), consecutive as the converter writes them.
const DOCS: SearchDocument[] = ['131001', '132012'].flatMap((group, g) =>
  Array.from({ length: 40 }, (_, i) => ({
    id: `http://localhost:3000/id/${group}/e${String(i).padStart(2, '0')}`,
    group,
    fields: {
      title: `${WORDS[(i + g) % WORDS.length]}の推進 ${i}`,
      text: `${WORDS[(i * 3) % WORDS.length]}と${WORDS[(i * 5 + g) % WORDS.length]}に取り組みます。`,
    },
  })),
);

let dir: string;
let file: SearchFile;
let threads: SearchThreads;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jpp-search-threads-'));
  writeSearchFile(join(dir, 'search.sqlite'), DOCS);
  file = openSearchFile(join(dir, 'search.sqlite'));
  threads = openSearchThreads(join(dir, 'search.sqlite'), { threads: 2 });
});
afterAll(async () => {
  file?.close();
  await threads?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('search threads', () => {
  it('give the answers of the index file opened in process, concurrently', async () => {
    const asked = [
      ...WORDS.map((q) => [q, {}] as const),
      ['推進', { limit: 5, offset: 10 }] as const,
      ['防災', { group: '132012' }] as const,
      ['まちづくり 健康', {}] as const,
      ['存在しない語', {}] as const,
    ];
    const answers = await Promise.all(asked.map(([q, o]) => threads.search(q, o)));
    expect(answers.some((a) => a.total > 0)).toBe(true);
    asked.forEach(([q, o], i) => expect(answers[i], q).toEqual(file.search(q, o)));
  });

  it('count a phrase once for all threads: a phrase one thread counted is handed to the others', async () => {
    const pool = openSearchThreads(join(dir, 'search.sqlite'), { threads: 2 });
    try {
      // Each word is one phrase, asked once at a time: both threads count some.
      await Promise.all(WORDS.map((q) => pool.search(q)));
      expect(pool.phrasesCounted).toBe(WORDS.length);
      // Asked again, many at once, each word reaches the thread that did not count it too.
      const again = await Promise.all([...WORDS, ...WORDS, ...WORDS].map((q) => pool.search(q)));
      expect(pool.phrasesCounted).toBe(WORDS.length);
      [...WORDS, ...WORDS, ...WORDS].forEach((q, i) => expect(again[i], q).toEqual(file.search(q)));
    } finally {
      await pool.close();
    }
  });

  it('refuse a missing or damaged index file at once, naming it', () => {
    expect(() => openSearchThreads(join(dir, 'none.sqlite'), { threads: 1 })).toThrow(/none\.sqlite: cannot open the search index/);
    writeFileSync(join(dir, 'junk.sqlite'), 'not a database');
    expect(() => openSearchThreads(join(dir, 'junk.sqlite'), { threads: 1 })).toThrow(/junk\.sqlite: (not a search index|cannot open)/);
  });
});
