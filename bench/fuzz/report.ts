// The printed report of a fuzz run: the command, counts by status per route family, the slowest requests, the
// failures grouped by kind and message (with a replay command), the after-run checks and the verdict.
import type { FuzzOptions, FuzzResult } from './runner.ts';

export const commandOf = (o: Omit<FuzzOptions, 'log'>, only?: readonly number[]): string =>
  `npm run fuzz -- --seed ${o.seed} --requests ${o.requests} --seconds ${o.seconds} --concurrency ${o.concurrency} --hang-ms ${o.hangMs} --sparql-timeout-ms ${o.sparqlTimeoutMs}` +
  (o.skip?.length && !only?.length ? ` --skip ${o.skip.join(',')}` : '') +
  (only?.length ? ` --case ${only.join(',')}` : '');

const cell = (s: string, max = 80) => (s.length > max ? `${s.slice(0, max)}…` : s).replace(/\|/g, '\\|').replace(/[\r\n\u0000-\u001f]/g, ' ');

/** Status columns: numeric codes in order, then the other labels (503 busy, reset, hang, …). */
const labelOrder = (a: string, b: string) => {
  const [na, nb] = [Number(a), Number(b)];
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  if (Number.isFinite(na)) return -1;
  if (Number.isFinite(nb)) return 1;
  return a.localeCompare(b);
};

export const formatReport = (r: FuzzResult): string => {
  const out: string[] = [];
  const o = r.options;
  const failed = new Set(r.failures.map((f) => f.label));
  out.push(`\nfuzz: ${commandOf(o, o.only)}`);
  out.push(
    `${r.records.length} requests in ${(r.elapsedMs / 1000).toFixed(1)} s (${Math.round(r.records.length / (r.elapsedMs / 1000))} req/s), ` +
      `stopped by ${r.stoppedBy}; ${r.failures.length} failures; Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`,
  );

  const labels = [...new Set(r.records.map((x) => x.label))].sort(labelOrder);
  const families = [...new Set(r.records.map((x) => x.family))].sort();
  out.push(`| family | requests | ${labels.map((l) => (failed.has(l) ? `**${l}**` : l)).join(' | ')} |`);
  out.push(`|---|---:|${labels.map(() => '---:').join('|')}|`);
  for (const family of [...families, 'all']) {
    const rows = family === 'all' ? r.records : r.records.filter((x) => x.family === family);
    const counts = labels.map((l) => rows.filter((x) => x.label === l).length);
    out.push(`| ${family} | ${rows.length} | ${counts.map((n) => (n === 0 ? '' : String(n))).join(' | ')} |`);
  }
  out.push('(bold columns hold failures; "503 busy/timeout/query_too_costly" are deliberate refusals; "reset (oversized)" is the server cutting an oversized body)\n');

  out.push('slowest requests:\n');
  out.push('| ms | answer | family | kind | case | request |');
  out.push('|---:|---|---|---|---:|---|');
  for (const x of [...r.records].sort((a, b) => b.ms - a.ms).slice(0, 10))
    out.push(`| ${Math.round(x.ms)} | ${x.label} | ${x.family} | ${x.kind} | ${x.index} | ${cell(x.note)} |`);

  if (r.failures.length > 0) {
    const groups = new Map<string, typeof r.failures>();
    for (const f of r.failures) {
      const key = `${f.label}\u0000${f.kind}\u0000${(f.message ?? '').replace(/\d+/g, 'N').slice(0, 100)}`;
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    out.push(`\nfailures (${r.failures.length}), grouped:\n`);
    out.push('| count | answer | kind | message | cases |');
    out.push('|---:|---|---|---|---|');
    for (const fs of [...groups.values()].sort((a, b) => b.length - a.length))
      out.push(`| ${fs.length} | ${fs[0]!.label} | ${fs[0]!.kind} | ${cell(fs[0]!.message ?? '', 120)} | ${fs.slice(0, 5).map((f) => f.index).join(', ')} |`);
    const first = [...groups.values()].map((fs) => fs[0]!.index).slice(0, 10);
    out.push(`\nreplay the first of each group: ${commandOf(o, first)}`);
  }
  if (r.serverExit !== undefined) out.push(`\nTHE SERVER PROCESS DIED during the run: ${r.serverExit}`);
  out.push('\nafter the run:');
  for (const c of r.checks) out.push(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${cell(c.detail, 160)}`);
  if (!r.passed && r.stderrTail.length > 0) out.push(`\nlast lines of the server's log:\n${r.stderrTail.slice(-10).map((l) => `  ${cell(l, 300)}`).join('\n')}`);
  out.push(`\n${r.passed ? 'PASS' : 'FAIL'}: ${r.failures.length} failed requests, ${r.checks.filter((c) => !c.ok).length} failed checks${r.serverExit ? ', server died' : ''}`);
  return out.join('\n');
};
