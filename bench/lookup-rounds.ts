// The SPARQL label lookup of bench:scale, by hand, against servers already running (each with its own tree, say an old
// and a new commit on one Virtuoso slot): rounds of autocannon at 10 connections, the servers taken in turn within each
// round, so that a drift of the machine falls on every server alike. Each measurement prints p50 / p99, the rate, and
// the CPU time per answered lookup of the server's process (every thread, from /proc), of virtuoso-t, and of this process,
// which drives the load on the same cores.
// Run: npm run bench:lookup -- --virtuoso-pid <pid> [--rounds 4] [--seconds 5] [--warm-up 3] [--path /id/…]
//      name=http://127.0.0.1:<port>@<pid> …
// With --warm-up 0 and one server, consecutive measurements from its first lookup show how a fresh server warms up.
// With --heavy N, N of the 10 connections send bench:scale's 3-hop join instead, during the lookups' measurement: how
// the server shares the engine between light and heavy queries (SPARQL_MAX_CONCURRENT decides it); the joins' p50 and
// count are printed in place of the CPU, which is then no longer the lookups' alone.
import { parseArgs } from 'node:util';
import { cpuMs, drive, QUERIES, uncached, type Load } from './load.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'virtuoso-pid': { type: 'string' },
    rounds: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '5' },
    'warm-up': { type: 'string', default: '3' },
    heavy: { type: 'string', default: '0' },
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
const heavy = Number(values.heavy);
if (!Number.isInteger(heavy) || heavy < 0 || heavy > 9) throw new Error(`--heavy must be an integer from 0 to 9, got "${values.heavy}"`);
const join = uncached(QUERIES.join3());

for (let round = 1; round <= Number(values.rounds); round++) {
  for (const s of servers) {
    const opts = lookup(s.origin);
    if (warmUp > 0) await drive(opts, 10, warmUp);
    const before = [cpuMs(s.pid), cpuMs(virtuoso), cpuMs(process.pid)];
    const [r, joins] = await Promise.all([drive(opts, 10 - heavy, seconds), heavy > 0 ? drive(join(s.origin), heavy, seconds) : undefined]);
    const after = [cpuMs(s.pid), cpuMs(virtuoso), cpuMs(process.pid)];
    const per = (i: number) => (r.requests > 0 ? ((after[i]! - before[i]!) / r.requests).toFixed(2) : '–');
    const bad = (l: Load) => (l.failed + l.errors > 0 ? ` (${l.failed} 4xx/5xx, ${l.errors} errors)` : '');
    // With joins beside, the processes' CPU is no longer the lookups' alone: their rates and p50s are printed instead.
    const spent = joins
      ? `; 3-hop join on ${heavy}: p50 ${joins.p50} ms, ${joins.requests} answered${bad(joins)}`
      : `, CPU ${per(0)}${virtuoso === undefined ? '' : ` + ${per(1)}`} ms a lookup (load ${per(2)})`;
    console.log(`round ${round} ${s.name}: p50 ${r.p50} ms, p99 ${r.p99} ms, ${Math.round(r.requests / seconds)}/s${bad(r)}${spent}`);
  }
}
