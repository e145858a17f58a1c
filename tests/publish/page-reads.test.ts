// What a municipality's pages read of the rest of the build: only reads outside their own slice are noted, and the
// hash of what the noted reads give changes exactly when one of them gives something else.
import { DataFactory, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { readsFingerprint, recordingReads, type BuildReads } from '../../src/publish/page-reads.ts';

const { namedNode, literal, quad } = DataFactory;
const BASE = 'http://localhost:3000/';
const FY = `${BASE}id/fiscal-year/2025`;

const buildWith = (label: string, built: readonly string[], has: readonly string[]): BuildReads => {
  const codes = new Set(built);
  const paths = new Set(has);
  return {
    outside: (iri): readonly Quad[] => (iri === FY ? [quad(namedNode(FY), namedNode('http://www.w3.org/2000/01/rdf-schema#label'), literal(label, 'ja'))] : []),
    sliceKey: (path) => {
      const m = /^id\/(\d{6})(?:\/|$)/.exec(path);
      return m ? (codes.has(m[1]!) ? m[1] : undefined) : 'shared';
    },
    has: (path) => paths.has(path),
  };
};

describe('page reads', () => {
  const build = buildWith('2025年度', ['132101', '132292'], ['id/132101/plan/p/m1', 'id/132292/plan/q', 'id/fiscal-year/2025']);

  it("notes the reads outside the slice's own, not its own paths", () => {
    const { reads, view } = recordingReads(build, '132101');
    expect(view.has('id/132101/plan/p/m1')).toBe(true);
    expect(view.sliceKey('id/132101/plan/p/m1')).toBe('132101');
    expect(view.has('id/132292/plan/q')).toBe(true);
    expect(view.sliceKey('id/999999/plan/x')).toBeUndefined();
    expect(view.outside(FY)).toHaveLength(1);
    expect(view.has('id/fiscal-year/2025')).toBe(true);
    expect([...reads].sort()).toEqual(['has id/132292/plan/q', 'has id/fiscal-year/2025', `outside ${FY}`, 'slice id/999999/plan/x']);
  });

  it('hashes what the reads give, and only that', () => {
    const reads = ['has id/132292/plan/q', `outside ${FY}`, 'slice id/999999/plan/x'];
    const before = readsFingerprint(reads, build);
    // Something the pages never read changed: the same hash.
    expect(readsFingerprint(reads, buildWith('2025年度', ['132101', '132292'], ['id/132292/plan/q', 'id/fiscal-year/2025', 'id/132292/plan/other']))).toBe(before);
    // What the pages read changed: the fiscal year's label, the other municipality's page, a municipality now built.
    expect(readsFingerprint(reads, buildWith('令和7年度', ['132101', '132292'], ['id/132292/plan/q', 'id/fiscal-year/2025']))).not.toBe(before);
    expect(readsFingerprint(reads, buildWith('2025年度', ['132101', '132292'], ['id/fiscal-year/2025']))).not.toBe(before);
    expect(readsFingerprint(reads, buildWith('2025年度', ['132101', '132292', '999999'], ['id/132292/plan/q', 'id/fiscal-year/2025']))).not.toBe(before);
    expect(() => readsFingerprint(['other thing'], build)).toThrow(/unknown page read: other thing/);
  });
});
