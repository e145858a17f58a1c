// The load generator and query set shared by `npm run bench` (bench/run.ts) and `npm run bench:scale` (bench/scale.ts):
// autocannon against a server started as its own process, the three SPARQL queries, and the helpers both need.
import { spawn, spawnSync, type ChildProcess, type StdioOptions } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import autocannon from 'autocannon';

const PREFIX = 'PREFIX jpp: <https://w3id.org/jp-plan/def#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX dcterms: <http://purl.org/dc/terms/>\n';
/** The benchmark's SPARQL queries: a label lookup of one resource, a GROUP BY over every element, a 3-hop join. */
export const QUERIES = {
  lookup: (base: string, path: string) => `${PREFIX}SELECT ?p ?o WHERE { <${base}${path.replace(/^\//, '')}> ?p ?o }`,
  groupBy: () => `${PREFIX}SELECT ?plan ?theme (COUNT(?e) AS ?n) WHERE { ?e jpp:plan ?plan ; jpp:theme ?theme } GROUP BY ?plan ?theme ORDER BY ?plan ?theme`,
  join3: () => `${PREFIX}SELECT ?m ?g ?v WHERE { ?m a jpp:Measure ; jpp:parent ?g . ?g jpp:parent ?v . ?v rdfs:label ?l . ?m jpp:theme/skos:prefLabel ?t . FILTER(lang(?t) = "ja") }`,
};

/** Clock ticks per second of /proc's CPU times (USER_HZ). */
const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
/** CPU time (user + system, every thread) a process has used so far, in ms; NaN where there is no /proc. */
export const cpuMs = (pid: number | undefined): number => {
  const stat = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(stat)) return NaN;
  // The fields after the command name (which may hold spaces), from the 3rd: utime is the 14th, stime the 15th.
  const text = readFileSync(stat, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
};

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** How a script's node process is run. */
export interface Launch {
  /** Flags given node before the script. */
  readonly nodeFlags: readonly string[];
  /** Variables set for the process (under the caller's own). */
  readonly env: Readonly<Record<string, string>>;
}
/**
 * How `npm start` runs node (package.json's start script: the environment it sets, e.g. glibc's arena limit, and the
 * flags before the server's script, e.g. the heap limit), so that a bench measures the process `npm start` runs.
 */
export const NPM_START: Launch = (() => {
  const script = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts.start!;
  const m = /^((?:[A-Z_][A-Z0-9_]*=\S+ )*)node ((?:--[\w-]+(?:=\S+)? )*)--import tsx src\/server\/main\.ts$/.exec(script);
  if (!m) throw new Error(`package.json's start script is not "[NAME=value …] node [--flag …] --import tsx src/server/main.ts": ${script}`);
  // NAME=${NAME:-default} keeps what the caller's environment says, as sh does.
  const env: Record<string, string> = {};
  for (const pair of m[1]!.split(' ').filter(Boolean)) {
    const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
    const fallback = new RegExp(`^\\$\\{${name}:-(.*)\\}$`).exec(value);
    env[name] = fallback ? (process.env[name] || fallback[1]!) : value;
  }
  return { env, nodeFlags: m[2]!.split(' ').filter(Boolean) };
})();

/**
 * Spawns a script in its own process: `node [launch's flags] --import tsx <script>`, optionally behind a command prefix
 * such as taskset, with launch's environment under `env` (stderr inherited unless `stdio` says otherwise).
 */
export const spawnScript = (
  script: string,
  env: Record<string, string>,
  opts: { prefix?: readonly string[]; cwd?: string; launch?: Launch; stdio?: StdioOptions } = {},
): ChildProcess => {
  const [command, ...args] = [...(opts.prefix ?? []), process.execPath];
  // tsx resolved here, so that a child whose working folder is a temp root still finds it.
  return spawn(command!, [...args, ...(opts.launch?.nodeFlags ?? []), '--import', import.meta.resolve('tsx'), script], {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.launch?.env, ...env },
    stdio: opts.stdio ?? ['ignore', 'ignore', 'inherit'],
  });
};

/** Spawns a script (spawnScript) and resolves once `ready` answers 200 (polled every 250 ms, at most `tries` times). */
export const start = async (
  script: string,
  env: Record<string, string>,
  ready: string,
  opts: { prefix?: readonly string[]; cwd?: string; tries?: number; launch?: Launch } = {},
): Promise<ChildProcess> => {
  const child = spawnScript(script, env, opts);
  let exited = false;
  child.on('exit', () => (exited = true));
  const tries = opts.tries ?? 600;
  for (let i = 0; i < tries; i++) {
    if (exited) throw new Error(`${script} exited before it was ready`);
    const ok = await fetch(ready).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error(`${script} was not ready after ${tries / 4} s`);
};

/** An uncached SPARQL query: POSTed with a unique comment each time, so that no answer cache serves it. */
export const uncached = (q: string) => (origin: string): autocannon.Options => ({
  url: origin,
  idReplacement: true,
  requests: [{ method: 'POST', path: '/sparql', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' }, body: `${q}\n# [<id>]` }],
});

export interface Load { rps: number; p50: number; p99: number; failed: number; errors: number; requests: number }

/**
 * Drives one server with autocannon for `seconds` at `connections` (no pipelining); 303 counts as success. With
 * `answers`, until that many requests are answered instead (each may take up to `timeoutS`): what a query slower than
 * the measurement needs for its p50 to be a p50.
 */
export const drive = async (opts: autocannon.Options, connections: number, seconds: number, answers?: { amount: number; timeoutS: number }): Promise<Load> => {
  const span = answers ? { amount: answers.amount, timeout: answers.timeoutS } : { duration: seconds };
  const r = await autocannon({ ...opts, connections, ...span, pipelining: 1 });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, failed: r['4xx'] + r['5xx'], errors: r.errors + r.timeouts, requests: r.requests.total };
};
