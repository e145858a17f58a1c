// `npm run bench`: starts the real server (default configuration) and a bare node:http server that replays copies of
// its answers (same status, headers and bytes), drives both with autocannon, and prints req/s, p50/p99, the ratio to the
// replay (measured right before each round, as the machine's speed drifts) and server CPU per request. The same
// scenarios then run against a second server with STORE=virtuoso, on a Virtuoso slot this script starts (through
// scripts/virtuoso, in a temp directory) and stops; BENCH_VIRTUOSO=0 leaves that column out.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import { cpuMs, drive, freePort, NPM_START, QUERIES, start as startScript, uncached, type Launch } from './load.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARM_UP_SECONDS = 2;
const CONNECTIONS = [10, 50];
const PIN = process.env.BENCH_PIN === '1';
if (PIN) spawnSync('taskset', ['-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
const BASE_PATH = '/id/132101/plan/dai5ji-kihon-koso/measure/12';
/** What a browser sends (Chromium 2026); most HTTP clients (curl --compressed, requests, undici's fetch) accept gzip too. */
const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'accept-encoding': 'gzip, deflate, br, zstd' };

/** Starts a script in its own process and resolves once `ready` answers 200 (polled, so nothing is logged per request). */
// With BENCH_PIN=1 (and `taskset` on the PATH) servers run on CPU 0 and this process, the load generator, on CPU 1.
const start = (script: string, env: Record<string, string>, ready: string, launch?: Launch): Promise<ChildProcess> =>
  startScript(script, env, ready, { launch, ...(PIN ? { prefix: ['taskset', '-c', '0'] } : {}) });

interface Sample { rps: number; p50: number; p99: number; failed: number; errors: number; cpuUs: number }

/** CPU of the server process, plus any other process serving with it (virtuoso-t behind a STORE=virtuoso server). */
const cpuOf = (server: ChildProcess) => cpuMs(server.pid) + (server === virtuoso?.server ? cpuMs(virtuoso.pid) : 0);

const measure = async (server: ChildProcess, connections: number, opts: autocannon.Options): Promise<Sample> => {
  const before = cpuOf(server);
  const r = await drive(opts, connections, DURATION);
  const cpuUs = ((cpuOf(server) - before) * 1000) / Math.max(1, r.requests);
  // 303 is the expected answer of a dereference: count only 4xx and 5xx as failures.
  return { rps: r.rps, p50: r.p50, p99: r.p99, failed: r.failed, errors: r.errors, cpuUs };
};

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const port = await freePort();
const ceilingPort = await freePort();
const origin = `http://127.0.0.1:${port}`;
const base = `http://localhost:${port}/`;
console.log('starting the server (converts first if build/ is stale) …');
const copiesFile = join(mkdtempSync(join(tmpdir(), 'jpp-bench-')), 'copies.json');
// The default `npm start` configuration (log level info: one access line per request), output to /dev/null. A deep queue
// so that 50 connections of uncached queries wait for a worker instead of getting 503.
const server = await start('src/server/main.ts', { PORT: String(port), HOST: '127.0.0.1', BASE_IRI: base, SPARQL_MAX_QUEUED: '256' }, `${origin}/healthz`, NPM_START);

/** Headers Node's http server writes itself, on both servers alike. */
const NODE_OWN = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
interface Copy { path: string; status: number; headers: [string, string][]; base64: string }
/** One real answer as the server sent it: status, every header in order, and the body bytes (node:http: fetch would decompress). */
const copyOf = (copyPath: string, path: string, headers: Record<string, string>) =>
  new Promise<Copy>((resolve, reject) => {
    request(origin + path, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = res.rawHeaders;
        const kept: [string, string][] = [];
        for (let i = 0; i < raw.length; i += 2) if (!NODE_OWN.has(raw[i]!.toLowerCase())) kept.push([raw[i]!, raw[i + 1]!]);
        resolve({ path: copyPath, status: res.statusCode ?? 0, headers: kept, base64: Buffer.concat(chunks).toString('base64') });
      });
    })
      .on('error', reject)
      .end();
  });

/** The Virtuoso slot and the STORE=virtuoso server in front of it (same build, same BASE_IRI, its own port). */
let virtuoso: { server: ChildProcess; origin: string; pid: number; stop: () => void } | undefined;
if (process.env.BENCH_VIRTUOSO !== '0') {
  const vPort = await freePort();
  const env = {
    STORE: 'virtuoso',
    VIRTUOSO_DIR: mkdtempSync(join(tmpdir(), 'jpp-bench-virtuoso-')),
    VIRTUOSO_HTTP_PORTS: String(await freePort()),
    VIRTUOSO_SQL_PORTS: String(await freePort()),
    SPARQL_MAX_QUEUED: '256',
    // The build (and so its version) depends on BASE_IRI: the loader must see the servers' own.
    BASE_IRI: base,
  };
  const cli = (command: string) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/virtuoso/main.ts', command], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`npm run virtuoso -- ${command} failed (exit ${r.status}); BENCH_VIRTUOSO=0 runs the bench without Virtuoso`);
  };
  const stop = () => {
    cli('stop');
    rmSync(env.VIRTUOSO_DIR, { recursive: true, force: true });
  };
  console.log('starting a Virtuoso slot and a STORE=virtuoso server …');
  try {
    cli('start');
    cli('load');
    const vOrigin = `http://127.0.0.1:${vPort}`;
    const vServer = await start('src/server/main.ts', { ...env, PORT: String(vPort), HOST: '127.0.0.1', BASE_IRI: base, VIRTUOSO_AUTOLOAD: 'false' }, `${vOrigin}/healthz`, NPM_START);
    const pid = Number(readFileSync(join(env.VIRTUOSO_DIR, 'blue', 'virtuoso.pid'), 'utf8'));
    virtuoso = { server: vServer, origin: vOrigin, pid, stop };
  } catch (e) {
    server.kill('SIGTERM');
    stop();
    throw e;
  }
}

const sparqlGet = (q: string) => `/sparql?query=${encodeURIComponent(q)}`;
/** A GET of the server compared with a bare node:http server replaying that very answer (status, headers, body). */
interface Compared { name: string; path: string; headers: Record<string, string> }
const COMPARED: Compared[] = [
  { name: 'dereference /id/… → 303', path: BASE_PATH, headers: { accept: 'text/turtle' } },
  { name: 'Turtle document /data/….ttl', path: `/data${BASE_PATH}.ttl`, headers: {} },
  { name: 'Turtle document, Accept-Encoding: gzip', path: `/data${BASE_PATH}.ttl`, headers: { 'accept-encoding': 'gzip' } },
  { name: 'HTML page /page/…, Accept: text/html', path: `/page${BASE_PATH}`, headers: { accept: 'text/html' } },
  { name: 'HTML page, a browser’s Accept and Accept-Encoding', path: `/page${BASE_PATH}`, headers: BROWSER },
];
const copies = await Promise.all(COMPARED.map((c, i) => copyOf(`/copy/${i}`, c.path, c.headers)));
writeFileSync(copiesFile, JSON.stringify(copies));
const ceiling = await start('bench/ceiling-server.ts', { PORT: String(ceilingPort), CEILING_COPIES: copiesFile }, `http://127.0.0.1:${ceilingPort}/ceiling`);

/** A scenario's requests, aimed at a server's origin: the same for the embedded and the Virtuoso server. */
interface Scenario { name: string; opts: (origin: string) => autocannon.Options; ceiling?: autocannon.Options; solo?: boolean }
const ONLY = process.env.BENCH_ONLY;
const scenarios: Scenario[] = [
  ...COMPARED.map((c, i) => ({
    name: c.name,
    opts: (o: string) => ({ url: o + c.path, headers: c.headers }),
    ceiling: { url: `http://127.0.0.1:${ceilingPort}/copy/${i}`, headers: c.headers },
  })),
  { name: 'SPARQL lookup, uncached', opts: uncached(QUERIES.lookup(base, BASE_PATH)), solo: true },
  { name: 'SPARQL GROUP BY, uncached', opts: uncached(QUERIES.groupBy()), solo: true },
  { name: 'SPARQL 3-hop join, uncached', opts: uncached(QUERIES.join3()), solo: true },
  { name: 'SPARQL 3-hop join, cached', opts: (o: string) => ({ url: o + sparqlGet(QUERIES.join3()), headers: { accept: 'application/sparql-results+json' } }) },
].filter((s) => !ONLY || s.name.includes(ONLY));

interface Row { name: string; connections: number; samples: Sample[]; ceilings: Sample[]; virtuoso: Sample[] }
const rows: Row[] = [];
try {
  // Warm-up: every route the compared rows use runs for a while first, so that no row pays for JIT compilation.
  for (const s of scenarios.filter((s) => s.ceiling))
    for (const opts of [s.ceiling!, s.opts(origin), ...(virtuoso ? [s.opts(virtuoso.origin)] : [])]) await drive(opts, 10, WARM_UP_SECONDS);
  for (const s of scenarios) {
    for (const connections of [...(s.solo ? [1] : []), ...CONNECTIONS]) {
      const row: Row = { name: s.name, connections, samples: [], ceilings: [], virtuoso: [] };
      // Compared rows alternate with the ceiling (and the Virtuoso server), round by round; the others are measured once.
      for (let round = 0; round < (s.ceiling ? ROUNDS : 1); round++) {
        if (s.ceiling) row.ceilings.push(await measure(ceiling, connections, s.ceiling));
        row.samples.push(await measure(server, connections, s.opts(origin)));
        if (virtuoso) row.virtuoso.push(await measure(virtuoso.server, connections, s.opts(virtuoso.origin)));
      }
      rows.push(row);
    }
  }
} finally {
  server.kill('SIGTERM');
  ceiling.kill('SIGTERM');
  virtuoso?.server.kill('SIGTERM');
  virtuoso?.stop();
}

const pinning = PIN ? 'servers on CPU 0, load generator on CPU 1' : 'unpinned';
console.log(`\n${ROUNDS} rounds of ${DURATION} s for compared rows, Node ${process.version}, ${pinning}, ${new Date().toISOString().slice(0, 10)}\n`);
const vHead = virtuoso ? ' Virtuoso req/s | V p50 ms | V p99 ms | V CPU µs/req (node + virtuoso-t) | V 4xx/5xx, errors |' : '';
console.log(`| scenario | conns | req/s | ceiling req/s | % of ceiling | p50 ms | p99 ms | server CPU µs/req (ceiling) | 4xx/5xx | errors |${vHead}`);
console.log(`|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|${virtuoso ? '---:|---:|---:|---:|---:|' : ''}`);
const int = (x: number) => (Number.isFinite(x) ? String(Math.round(x)) : '–');
for (const r of rows) {
  const of = (pick: (s: Sample) => number, xs: Sample[]) => median(xs.map(pick));
  const rps = of((s) => s.rps, r.samples);
  const compared = r.ceilings.length > 0;
  // The ratio of each round to the ceiling measured just before it; the median of those ratios.
  const pct = compared ? `${Math.round(100 * median(r.samples.map((s, i) => s.rps / r.ceilings[i]!.rps)))}%` : '';
  const cpu = `${int(of((s) => s.cpuUs, r.samples))}${compared ? ` (${int(of((s) => s.cpuUs, r.ceilings))})` : ''}`;
  const failed = r.samples.reduce((n, s) => n + s.failed, 0);
  const errors = r.samples.reduce((n, s) => n + s.errors, 0);
  const v = r.virtuoso;
  const vCells = v.length
    ? ` ${int(of((s) => s.rps, v))} | ${of((s) => s.p50, v)} | ${of((s) => s.p99, v)} | ${int(of((s) => s.cpuUs, v))} | ${v.reduce((n, s) => n + s.failed, 0)}, ${v.reduce((n, s) => n + s.errors, 0)} |`
    : '';
  console.log(
    `| ${r.name} | ${r.connections} | ${int(rps)} | ${compared ? int(of((s) => s.rps, r.ceilings)) : ''} | ${pct} | ${of((s) => s.p50, r.samples)} | ${of((s) => s.p99, r.samples)} | ${cpu} | ${failed} | ${errors} |${vCells}`,
  );
}
