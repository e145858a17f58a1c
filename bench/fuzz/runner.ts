// Runs a fuzz: starts the target, sends cases at a fixed concurrency until the count or the time is used up (or the
// server dies), judges every answer, then checks the server still answers a real query and /healthz.
import type { FuzzContext } from './cases.ts';
import { caseAt, readQueries } from './generate.ts';
import { send } from './http-client.ts';
import { judge } from './judge.ts';
import { ROOT, startTarget } from './server.ts';

export interface FuzzOptions {
  readonly seed: number;
  /** At most this many requests … */
  readonly requests: number;
  /** … and none started after this many seconds. */
  readonly seconds: number;
  readonly concurrency: number;
  /** A request without a complete answer after this long is a hang (a failure). */
  readonly hangMs: number;
  /** The server's SPARQL_TIMEOUT_MS. */
  readonly sparqlTimeoutMs: number;
  /** Run only these case indexes (to replay failures); the count and time bounds still apply. */
  readonly only?: readonly number[] | undefined;
  /** Leave out cases whose kind contains one of these (e.g. a known crash), keeping every other case as it was. */
  readonly skip?: readonly string[] | undefined;
  readonly log: (line: string) => void;
}

/** What is kept of one request (not its body: some are megabytes). */
export interface CaseRecord {
  readonly index: number;
  readonly family: string;
  readonly kind: string;
  readonly note: string;
  readonly ms: number;
  /** Status code, 'reset (oversized)', '503 busy', 'hang', 'conn error', … */
  readonly label: string;
  readonly ok: boolean;
  readonly message?: string | undefined;
}

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface FuzzResult {
  readonly options: Omit<FuzzOptions, 'log'>;
  readonly records: readonly CaseRecord[];
  readonly failures: readonly CaseRecord[];
  readonly stoppedBy: 'count' | 'time' | 'server exit';
  readonly elapsedMs: number;
  /** How the server process ended during the run, if it did. */
  readonly serverExit: string | undefined;
  readonly checks: readonly Check[];
  readonly stderrTail: readonly string[];
  /** Every failure, and every failed check, and a dead server: the run failed. */
  readonly passed: boolean;
}

const MAX_QUERY_BYTES = 64 * 1024; // the server's default SPARQL_MAX_QUERY_BYTES, which the fuzz does not change

/** After the run: several fresh (uncached) queries, so that every engine worker takes one, and /healthz. */
const afterChecks = async (port: number, boundMs: number): Promise<Check[]> => {
  const checks: Check[] = [];
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 4; i++) {
    const name = `normal query ${i + 1}/4`;
    try {
      const r = await fetch(`${origin}/sparql`, {
        method: 'POST',
        headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' },
        body: `SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }\n# after the fuzz ${Date.now()} ${i}`,
        signal: AbortSignal.timeout(boundMs),
      });
      const text = await r.text();
      const n = r.ok ? (JSON.parse(text) as { results?: { bindings?: { n?: { value?: string } }[] } }).results?.bindings?.[0]?.n?.value : undefined;
      checks.push({ name, ok: r.ok && Number(n) > 0, detail: r.ok ? `200, ${n} triples` : `${r.status}: ${text.slice(0, 200)}` });
    } catch (e) {
      checks.push({ name, ok: false, detail: String((e as Error).message) });
      break; // a hung server would make every further check wait its whole bound
    }
  }
  try {
    const r = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(boundMs) });
    const body = await r.text();
    checks.push({ name: '/healthz', ok: r.ok && /"status":"ok"/.test(body), detail: `${r.status} ${body.slice(0, 200)}` });
  } catch (e) {
    checks.push({ name: '/healthz', ok: false, detail: String((e as Error).message) });
  }
  return checks;
};

export const runFuzz = async (options: FuzzOptions): Promise<FuzzResult> => {
  const { log, ...settings } = options;
  const target = await startTarget({ sparqlTimeoutMs: options.sparqlTimeoutMs, log });
  const ctx: FuzzContext = { queries: readQueries(ROOT), upstream: target.upstream, maxQueryBytes: MAX_QUERY_BYTES };
  // Skipped cases are not counted, so the indexes run on; at most 20× the count are drawn, a bound on a too broad skip.
  const indexes = options.only ?? Array.from({ length: options.requests * (options.skip?.length ? 20 : 1) }, (_, i) => i);
  const skipped = (kind: string) => options.skip?.some((s) => kind.includes(s)) ?? false;
  let sent = 0;
  const records: CaseRecord[] = [];
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  let next = 0;
  let stoppedBy: FuzzResult['stoppedBy'] = 'count';
  const progress = setInterval(() => log(`  … ${records.length} answered, ${records.filter((r) => !r.ok).length} failures`), 5_000);
  try {
    const lane = async () => {
      for (;;) {
        if (target.exited() !== undefined) return void (stoppedBy = 'server exit');
        if (next >= indexes.length || sent >= options.requests) return;
        if (performance.now() >= deadline) return void (stoppedBy = 'time');
        const c = caseAt(options.seed, indexes[next++]!, ctx);
        if (skipped(c.kind)) continue;
        sent++;
        const outcome = await send(c, target.port, options.hangMs);
        const verdict = judge(c, outcome, options.hangMs);
        records.push({
          index: c.index,
          family: c.family,
          kind: c.kind,
          note: c.note,
          ms: outcome.ms,
          label: verdict.label,
          ok: verdict.ok,
          message: verdict.ok ? undefined : verdict.message,
        });
        if (!verdict.ok && records.filter((r) => !r.ok).length <= 5) log(`  FAIL #${c.index} ${c.kind} → ${verdict.label}: ${verdict.message}`);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, lane));
  } finally {
    clearInterval(progress);
  }
  const elapsedMs = performance.now() - started;
  const serverExitDuringRun = target.exited();
  const checks = serverExitDuringRun === undefined ? await afterChecks(target.port, 10_000) : [{ name: 'server alive', ok: false, detail: `the server process ended: ${serverExitDuringRun}` }];
  const stderrTail = target.stderrTail();
  await target.stop();
  const failures = records.filter((r) => !r.ok);
  return {
    options: settings,
    records,
    failures,
    stoppedBy,
    elapsedMs,
    serverExit: serverExitDuringRun,
    checks,
    stderrTail,
    passed: failures.length === 0 && serverExitDuringRun === undefined && checks.every((c) => c.ok),
  };
};
