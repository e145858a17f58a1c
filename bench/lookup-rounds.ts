// The SPARQL label lookup of bench:scale, by hand, against servers already running (each with its own tree, say an old
// and a new commit on one Virtuoso slot): rounds of autocannon at 10 connections, the servers taken in turn within each
// round, so that a drift of the machine falls on every server alike. Each measurement prints p50 / p99, the rate, and
// the CPU time per answered lookup of the server's process (every thread, from /proc), of virtuoso-t, and of this process,
// which drives the load on the same cores.
// Run: npm run bench:lookup -- --virtuoso-pid <pid> [--rounds 4] [--seconds 5] [--warm-up 3] [--path /id/…]
//      name=http://127.0.0.1:<port>@<pid> …
// With --warm-up 0 and one server, consecutive measurements from its first lookup show how a fresh server warms up.
import { parseArgs } from 'node:util';
import { cpuMs, drive, QUERIES, uncached } from './load.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'virtuoso-pid': { type: 'string' },
    rounds: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '5' },
    'warm-up': { type: 'string', default: '3' },
    // The element the bench's lookup names (bench:scale takes the first of its targets; this is 900001's vision).
    path: { type: 'string', default: '/id/900001/plan/dai5ji-sogo-keikaku/vision/1' },
    base: { type: 'string', default: 'http://localhost:3000/' },
  },
});

const servers = positionals.map((arg) => {
  const m = /^([^=]+)=(https?:\/\/[^@]+)@(\d+)$/.exec(arg);
  if (!m) throw new Error(`not name=origin@pid: ${arg}`);
  return { name: m[1]!, origin: m[2]!, pid: Number(m[3]) };
});
if (servers.length === 0) throw new Error('give at least one server as name=origin@pid');

const virtuoso = values['virtuoso-pid'] === undefined ? undefined : Number(values['virtuoso-pid']);
const seconds = Number(values.seconds);
const warmUp = Number(values['warm-up']);
const lookup = uncached(QUERIES.lookup(values.base, values.path));

for (let round = 1; round <= Number(values.rounds); round++) {
  for (const s of servers) {
    const opts = lookup(s.origin);
    if (warmUp > 0) await drive(opts, 10, warmUp);
    const before = [cpuMs(s.pid), cpuMs(virtuoso), cpuMs(process.pid)];
    const r = await drive(opts, 10, seconds);
    const per = (now: number, then: number) => (r.requests > 0 ? ((now - then) / r.requests).toFixed(2) : '–');
    const cpu = `${per(cpuMs(s.pid), before[0]!)}${virtuoso === undefined ? '' : ` + ${per(cpuMs(virtuoso), before[1]!)}`}`;
    const load = per(cpuMs(process.pid), before[2]!);
    const bad = r.failed + r.errors > 0 ? ` (${r.failed} 4xx/5xx, ${r.errors} errors)` : '';
    console.log(`round ${round} ${s.name}: p50 ${r.p50} ms, p99 ${r.p99} ms, ${Math.round(r.requests / seconds)}/s, CPU ${cpu} ms a lookup (load ${load})${bad}`);
  }
}
