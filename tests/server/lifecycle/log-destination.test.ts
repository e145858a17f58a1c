// The server's log destination: every line written, whole and in order, in batches rather than a write per line, and
// nothing lost at exit.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logDestination } from '../../../src/server/lifecycle/log-destination.ts';

let dir: string;
let file: string;
let fd: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jpp-log-'));
  file = join(dir, 'out.log');
  fd = openSync(file, 'a');
});
afterEach(() => {
  closeSync(fd);
  rmSync(dir, { recursive: true, force: true });
});

const read = () => readFileSync(file, 'utf8');
const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('logDestination', () => {
  it('writes pino lines whole and in order, later rather than a write per line', async () => {
    const log = pino({ level: 'info', base: undefined, timestamp: false }, logDestination(fd));
    // About 5,600 characters: fewer than a batch, so nothing is written while they are being logged.
    for (let i = 0; i < 100; i++) log.info({ i, url: `/data/${i}.ttl` }, 'request');
    expect(read()).toBe('');
    await until(() => read().split('\n').length > 100);
    const lines = read().trimEnd().split('\n').map((l) => JSON.parse(l) as { i: number; msg: string });
    expect(lines.map((l) => l.i)).toEqual([...Array(100).keys()]);
    expect(lines.every((l) => l.msg === 'request')).toBe(true);
  });

  it('writes a few lines without waiting for more (within its delay)', async () => {
    const destination = logDestination(fd);
    destination.write('{"msg":"one"}\n');
    const since = Date.now();
    await until(() => read() !== '');
    expect(read()).toBe('{"msg":"one"}\n');
    expect(Date.now() - since).toBeLessThan(1500);
  });

  it('flushSync writes every waiting line before it returns', () => {
    const destination = logDestination(fd);
    for (let i = 0; i < 3; i++) destination.write(`{"n":${i}}\n`);
    destination.flushSync();
    expect(read()).toBe('{"n":0}\n{"n":1}\n{"n":2}\n');
  });

  it('keeps Japanese text and every character of a burst of several batches', async () => {
    const destination = logDestination(fd);
    const line = `{"url":"/page/id/132101/${'施策'.repeat(100)}"}\n`;
    for (let i = 0; i < 300; i++) destination.write(line);
    await until(() => read().length >= line.length * 300);
    expect(read()).toBe(line.repeat(300));
  });
});
