// The inputs hash that tells a build whether it is stale, and its memo: an unchanged tree is not read again, and any
// change to a file's bytes, a file added or removed, or a file written too recently to trust its stamp reads it all.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashInputs } from '../../src/convert/inputs.ts';

const BASE = 'http://example.org/';
const roots: string[] = [];
const tree = () => {
  const root = mkdtempSync(join(tmpdir(), 'jpp-inputs-'));
  roots.push(root);
  mkdirSync(join(root, 'data/plans'), { recursive: true });
  writeFileSync(join(root, 'data/plans/a.yaml'), 'a: 1\n');
  writeFileSync(join(root, 'data/catalog.yaml'), 'title: x\n');
  return root;
};
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});
// Stamps are trusted only once settled: a clock well past every stamp lets the memo be written.
const later = () => Date.now() + 60_000;

describe('hashInputs', () => {
  it('gives the same hash with a memo as without, and keeps it only once every stamp has settled', () => {
    const root = tree();
    const file = join(root, 'memo/inputs.json');
    const plain = hashInputs(root, BASE);
    expect(hashInputs(root, BASE, [], { file })).toBe(plain);
    // Files written just now: their stamps could still change within the clock's tick, so nothing is kept.
    expect(existsSync(file)).toBe(false);
    expect(hashInputs(root, BASE, [], { file, now: later })).toBe(plain);
    expect(JSON.parse(readFileSync(file, 'utf8')).hash).toBe(plain);
  });

  it('trusts the memo while no stamp changed, and reads every input again when one did', () => {
    const root = tree();
    const file = join(root, 'memo/inputs.json');
    hashInputs(root, BASE, [], { file, now: later });
    // A memo that matches is what answers (the inputs are not read): shown by a hash no read could give.
    const memo = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...memo, hash: 'from the memo' }));
    expect(hashInputs(root, BASE, [], { file, now: later })).toBe('from the memo');

    writeFileSync(join(root, 'data/plans/a.yaml'), 'a: 2\n');
    const changed = hashInputs(root, BASE);
    expect(changed).not.toBe(memo.hash);
    expect(hashInputs(root, BASE, [], { file, now: later })).toBe(changed);
  });

  it('reads again when a file is added or removed, or the base IRI differs', () => {
    const root = tree();
    const file = join(root, 'memo/inputs.json');
    const first = hashInputs(root, BASE, [], { file, now: later });
    writeFileSync(join(root, 'data/plans/b.yaml'), 'b: 1\n');
    const added = hashInputs(root, BASE, [], { file, now: later });
    expect(added).not.toBe(first);
    expect(added).toBe(hashInputs(root, BASE));
    unlinkSync(join(root, 'data/plans/b.yaml'));
    expect(hashInputs(root, BASE, [], { file, now: later })).toBe(first);
    expect(hashInputs(root, 'http://example.net/', [], { file, now: later })).toBe(hashInputs(root, 'http://example.net/'));
  });
});
