// One search thread: its own read-only handle on the build's search index, answering one search at a time, given the
// phrase row counts other threads made and returning the ones it made (search-threads.ts).
import { workerData } from 'node:worker_threads';
import { openSearchFile, type PhraseCount, type SearchOptions } from '../../search/index.ts';
import { serveTasks } from './pool-thread.ts';
import type { SearchAnswer, SearchTask } from './search-threads.ts';

const { path, cacheKiB } = workerData as { path: string; cacheKiB?: number };
let counted: PhraseCount[] = [];
const index = openSearchFile(path, { cacheKiB, counted: (phrase, rows) => counted.push([phrase, rows]) });

serveTasks(({ query, options, counts }: SearchTask): SearchAnswer => {
  index.knowCounts(counts);
  counted = [];
  const result = index.search(query, options satisfies SearchOptions);
  return { result, counted };
});
