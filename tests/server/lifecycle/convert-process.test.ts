// The converter the server runs on a stale build gets this process's module hooks (tsx) and none of its other flags:
// not the server's heap limit, not an inspector port the server already holds.
import { describe, expect, it } from 'vitest';
import { moduleFlags } from '../../../src/server/lifecycle/convert-process.ts';

describe('moduleFlags', () => {
  it('keeps --import, --require and --loader with their values, in either form, and drops every other flag', () => {
    expect(
      moduleFlags(['--max-old-space-size=1024', '--import', 'file:///r/tsx/esm.mjs', '--inspect=9230', '--require=./hook.cjs', '-r', 'x', '--experimental-loader', 'l.mjs', '--trace-gc']),
    ).toEqual(['--import', 'file:///r/tsx/esm.mjs', '--require=./hook.cjs', '-r', 'x', '--experimental-loader', 'l.mjs']);
  });

  it('drops a module flag that lost its value, and keeps nothing from an empty list', () => {
    expect(moduleFlags(['--heapsnapshot-signal=SIGUSR2', '--import'])).toEqual([]);
    expect(moduleFlags([])).toEqual([]);
  });
});
