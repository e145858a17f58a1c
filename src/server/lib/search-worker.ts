// One search thread: its own read-only handle on the build's search index, answering one search at a time.
import { workerData } from 'node:worker_threads';
import { openSearchFile, type SearchOptions } from '../../search/index.ts';
import { serveTasks } from './pool-thread.ts';
import type { SearchTask } from './search-threads.ts';

const { path, cacheKiB } = workerData as { path: string; cacheKiB?: number };
const index = openSearchFile(path, { cacheKiB });

serveTasks(({ query, options }: SearchTask) => index.search(query, options satisfies SearchOptions));
