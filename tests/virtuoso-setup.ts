// vitest globalSetup of the "virtuoso" project: starts Virtuoso slots on free loopback ports in a temp directory,
// loads the test fixture into one, points the tests at them (STORE=virtuoso, VIRTUOSO_*), and stops them afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { graphCounts, loadIntoSlot, slotsOf } from '../src/store/index.ts';
import { startSlot, stopSlot } from '../scripts/virtuoso/instance.ts';
import { freePort } from './free-port.ts';
import { MINI_NQ, MINI_VERSION } from './helpers.ts';

/** Slots: the fixture, the real build, and room for the few other datasets test files load side by side. */
const SLOTS = 4;
/**
 * ResultSetMaxRows is an instance setting, read at start: the slots allow the largest row cap any test file asks for
 * (sparql-main-thread: 100,000), plus one. A store refuses a slot whose limit is below its own cap + 1.
 */
const LARGEST_ROW_CAP = 100_000;

export default async function setup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'jpp-virtuoso-'));
  const ports = async () => {
    const list: number[] = [];
    for (let i = 0; i < SLOTS; i++) list.push(await freePort());
    return list.join(',');
  };
  Object.assign(process.env, {
    STORE: 'virtuoso',
    VIRTUOSO_DIR: dir,
    VIRTUOSO_HTTP_PORTS: await ports(),
    VIRTUOSO_SQL_PORTS: await ports(),
    VIRTUOSO_MEMORY_MB: '64',
  });
  const base = loadConfig(process.env);
  const config = { ...base, sparql: { ...base.sparql, maxRows: LARGEST_ROW_CAP } };
  const slots = slotsOf(config.virtuoso);
  const stop = async () => {
    await Promise.all(slots.map((s) => stopSlot(s).catch(() => false)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all(slots.map((s) => startSlot(s, config)));
    await loadIntoSlot(slots[0]!, { text: MINI_NQ }, MINI_VERSION, { graphs: graphCounts(MINI_NQ) }, 30_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return stop;
}
