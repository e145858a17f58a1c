// The fuzz suite in CI: its generators are deterministic and its verdicts right (fast checks), and a short run of
// 400 hostile requests against the real server finds no 5xx but the deliberate 503s, no reset, no hang, no crash.
import { describe, expect, it } from 'vitest';
import type { FuzzCase } from '../../bench/fuzz/cases.ts';
import { caseAt, readQueries } from '../../bench/fuzz/generate.ts';
import type { Outcome } from '../../bench/fuzz/http-client.ts';
import { judge } from '../../bench/fuzz/judge.ts';
import { formatReport } from '../../bench/fuzz/report.ts';
import { runFuzz } from '../../bench/fuzz/runner.ts';
import { ROOT } from '../../bench/fuzz/server.ts';

const ctx = { queries: readQueries(ROOT), upstream: 'http://127.0.0.1:9/sparql', maxQueryBytes: 65_536 };
const wire = (c: FuzzCase) => JSON.stringify({ ...c, target: c.target.toString('base64'), body: c.body?.toString('base64') });

describe('fuzz generators', () => {
  it('draw the same case for the same seed and index, whatever was drawn before', () => {
    const forward = Array.from({ length: 150 }, (_, i) => wire(caseAt(7, i, ctx)));
    const backward = Array.from({ length: 150 }, (_, i) => wire(caseAt(7, 149 - i, ctx))).reverse();
    expect(backward).toEqual(forward);
    expect(wire(caseAt(8, 0, ctx))).not.toEqual(forward[0]);
  });

  it('cover the SPARQL mutations, the hostile paths and headers, and every route family', () => {
    const cases = Array.from({ length: 2_000 }, (_, i) => caseAt(1, i, ctx));
    const kinds = new Set(cases.map((c) => c.kind.split(' ')[0]!));
    for (const k of ['sparql:byte-flip', 'sparql:truncate', 'sparql:nest-braces', 'sparql:nest-parens-path', 'sparql:huge-literal', 'sparql:filter-chain', 'sparql:invalid-utf8', 'sparql:service', 'sparql:update', 'path:traversal', 'path:encoded-traversal', 'path:bad-percent', 'path:nul', 'header:accept', 'header:host', 'header:range'])
      expect(kinds).toContain(k);
    const families = new Set(cases.map((c) => c.family));
    for (const f of ['/id', '/data', '/page', '/def', '/sources', '/source', '/dumps', '/search', '/catalog', '/.well-known/void', '/sitemap.xml', '/assets', 'sparql'])
      expect(families).toContain(f);
    expect(cases.some((c) => c.note.includes('depth 5000'))).toBe(true);
    expect(cases.some((c) => c.oversized)).toBe(true);
  });

  it('send SERVICE only to loopback addresses (or schemes nothing fetches)', () => {
    for (let i = 0; i < 1_500; i++) {
      const c = caseAt(3, i, ctx);
      if (!c.kind.startsWith('sparql:service')) continue;
      const iri = /SERVICE (?:SILENT )?<([^>]*)>/.exec(c.note)?.[1];
      if (iri !== undefined) expect(iri).toMatch(/^(https?:\/\/([^/@]*@)?(127\.0\.0\.1|localhost|\[::1\])[:/]|file:)/);
    }
  });
});

describe('fuzz verdicts', () => {
  const c = caseAt(1, 0, ctx);
  const outcome = (o: Partial<Outcome>): Outcome => ({ status: 200, headers: {}, body: Buffer.alloc(0), ms: 1, error: undefined, timedOut: false, complete: true, ...o });
  const json = (error: string) => Buffer.from(JSON.stringify({ error, status: 503, message: 'x' }));

  it('accept 4xx, the deliberate 503s and 501 for an unknown method; fail other 5xx, hangs, resets and cut answers', () => {
    expect(judge(c, outcome({ status: 404 }), 1).ok).toBe(true);
    expect(judge(c, outcome({ status: 503, body: json('busy') }), 1).ok).toBe(true);
    expect(judge(c, outcome({ status: 503, body: json('timeout') }), 1).ok).toBe(true);
    expect(judge(c, outcome({ status: 503, body: Buffer.from('full\n'), headers: { 'retry-after': '5' } }), 1).ok).toBe(true);
    expect(judge(c, outcome({ status: 503, body: json('unavailable') }), 1).ok).toBe(false);
    expect(judge(c, outcome({ status: 500, body: json('query_failed') }), 1).ok).toBe(false);
    expect(judge(c, outcome({ status: 502 }), 1).ok).toBe(false);
    expect(judge({ ...c, method: 'FOO' }, outcome({ status: 501 }), 1).ok).toBe(true);
    expect(judge({ ...c, method: 'GET' }, outcome({ status: 501 }), 1).ok).toBe(false);
    expect(judge(c, outcome({ status: undefined, timedOut: true }), 1).ok).toBe(false);
    expect(judge(c, outcome({ status: undefined, error: 'ECONNRESET' }), 1).ok).toBe(false);
    expect(judge({ ...c, oversized: true }, outcome({ status: undefined, error: 'EPIPE' }), 1).ok).toBe(true);
    expect(judge(c, outcome({ status: 200, complete: false }), 1).ok).toBe(false);
  });
});

describe('npm run fuzz, short', () => {
  it('answers 400 hostile requests with no failure, and still answers queries and /healthz after', async () => {
    const result = await runFuzz({ seed: 1, requests: 400, seconds: 25, concurrency: 4, hangMs: 12_000, sparqlTimeoutMs: 4_000, log: () => {} });
    const report = formatReport(result);
    expect(result.serverExit, report).toBeUndefined();
    expect(result.failures.map((f) => `#${f.index} ${f.kind} → ${f.label}: ${f.message}`), report).toEqual([]);
    expect(result.checks.filter((check) => !check.ok), report).toEqual([]);
    // A run cut short by its time bound tested less than it claims.
    expect(result.records.length, report).toBeGreaterThanOrEqual(200);
  }, 150_000);
});
