// `npm run bench`: starts the real server and a 2 KB ceiling route, drives both with autocannon, prints req/s and p50/p99.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = [10, 50];
const PIN = process.env.BENCH_PIN === '1';
if (PIN) spawnSync('taskset', ['-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
const BASE_PATH = '/id/132101/plan/dai5ji-kihon-koso/measure/12';

const PREFIX = 'PREFIX jpp: <https://w3id.org/jp-plan/def#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX dcterms: <http://purl.org/dc/terms/>\n';
const QUERIES = {
  lookup: (base: string) => `${PREFIX}SELECT ?p ?o WHERE { <${base}${BASE_PATH.slice(1)}> ?p ?o }`,
  groupBy: () => `${PREFIX}SELECT ?plan ?theme (COUNT(?e) AS ?n) WHERE { ?e jpp:plan ?plan ; jpp:theme ?theme } GROUP BY ?plan ?theme ORDER BY ?plan ?theme`,
  join3: () => `${PREFIX}SELECT ?m ?g ?v WHERE { ?m a jpp:Measure ; jpp:parent ?g . ?g jpp:parent ?v . ?v rdfs:label ?l . ?m jpp:theme/skos:prefLabel ?t . FILTER(lang(?t) = "ja") }`,
};

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Starts a script in its own process and resolves once `ready` answers 200 (polled, so nothing is logged per request). */
const start = async (script: string, env: Record<string, string>, ready: string): Promise<ChildProcess> => {
  // With BENCH_PIN=1 (and `taskset` on the PATH) servers run on CPU 0 and this process, the load generator, on CPU 1.
  const [command, args] = PIN ? ['taskset', ['-c', '0', process.execPath]] : [process.execPath, []];
  const child = spawn(command, [...args, '--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  let exited = false;
  child.on('exit', () => (exited = true));
  for (let i = 0; i < 600; i++) {
    if (exited) throw new Error(`${script} exited before it was ready`);
    const ok = await fetch(ready).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error(`${script} was not ready after 150 s`);
};

interface Row { name: string; connections: number; rps: number; p50: number; p99: number; failed: number; errors: number }

const run = async (name: string, connections: number, opts: autocannon.Options): Promise<Row> => {
  const r = await autocannon({ ...opts, connections, duration: DURATION, pipelining: 1 });
  // 303 is the expected answer of a dereference: count only 4xx and 5xx as failures.
  return { name, connections, rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, failed: r['4xx'] + r['5xx'], errors: r.errors + r.timeouts };
};

const port = await freePort();
const ceilingPort = await freePort();
const origin = `http://127.0.0.1:${port}`;
const base = `http://localhost:${port}/`;
console.log('starting the server (converts first if build/ is stale) …');
// A deep queue so that 50 connections of uncached queries wait for a worker instead of getting 503.
const copyFile = join(mkdtempSync(join(tmpdir(), 'jpp-bench-')), 'document.json');
const server = await start('src/server/main.ts', { PORT: String(port), HOST: '127.0.0.1', BASE_IRI: base, LOG_LEVEL: 'warn', SPARQL_MAX_QUEUED: '256' }, `${origin}/healthz`);
// A copy of one real document answer, served by the bare ceiling route: same bytes, no routing.
const sample = await fetch(`${origin}/data${BASE_PATH}.ttl`);
const keep = ['content-type', 'etag', 'cache-control', 'link', 'access-control-allow-origin', 'access-control-expose-headers'];
writeFileSync(copyFile, JSON.stringify({ headers: Object.fromEntries(keep.map((h) => [h, sample.headers.get(h) ?? ''])), body: await sample.text() }));
const ceiling = await start('bench/ceiling-server.ts', { PORT: String(ceilingPort), CEILING_COPY: copyFile }, `http://127.0.0.1:${ceilingPort}/ceiling`);

const sparqlGet = (q: string) => `/sparql?query=${encodeURIComponent(q)}`;
const uncached = (q: string): autocannon.Options => ({
  url: origin,
  idReplacement: true,
  requests: [{ method: 'POST', path: '/sparql', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' }, body: `${q}\n# [<id>]` }],
});
const scenarios: [string, autocannon.Options][] = [
  ['ceiling: Fastify, precomputed 2 KB', { url: `http://127.0.0.1:${ceilingPort}/ceiling` }],
  ['ceiling: same route, bytes of the Turtle document', { url: `http://127.0.0.1:${ceilingPort}/ceiling-copy` }],
  ['dereference /id/… → 303', { url: origin + BASE_PATH, headers: { accept: 'text/turtle' } }],
  ['Turtle document /data/….ttl', { url: `${origin}/data${BASE_PATH}.ttl` }],
  ['HTML page /page/…', { url: `${origin}/page${BASE_PATH}`, headers: { accept: 'text/html' } }],
  ['SPARQL lookup, uncached', uncached(QUERIES.lookup(base))],
  ['SPARQL GROUP BY, uncached', uncached(QUERIES.groupBy())],
  ['SPARQL 3-hop join, uncached', uncached(QUERIES.join3())],
  ['SPARQL 3-hop join, cached', { url: origin + sparqlGet(QUERIES.join3()), headers: { accept: 'application/sparql-results+json' } }],
];

const rows: Row[] = [];
try {
  for (const [name, opts] of scenarios) {
    if (name.includes('uncached')) rows.push(await run(name, 1, opts));
    for (const c of CONNECTIONS) rows.push(await run(name, c, opts));
  }
} finally {
  server.kill('SIGTERM');
  ceiling.kill('SIGTERM');
}

const ceilingRps = (c: number) => rows.find((r) => r.name.startsWith('ceiling: Fastify') && r.connections === c)?.rps ?? NaN;
console.log(`\n${DURATION} s per row, Node ${process.version}, ${PIN ? 'servers on CPU 0, load generator on CPU 1' : 'unpinned'}, ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| scenario | conns | req/s | % of ceiling | p50 ms | p99 ms | 4xx/5xx | errors |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const pct = r.connections === 1 ? '' : `${Math.round((100 * r.rps) / ceilingRps(r.connections))}%`;
  console.log(`| ${r.name} | ${r.connections} | ${r.rps} | ${pct} | ${r.p50} | ${r.p99} | ${r.failed} | ${r.errors} |`);
}
