// `npm run bench:scale -- --sizes 5,100 [--seed 1] [--skip-real] [--skip-rebuild] [--backends embedded,virtuoso] [--keep] [--root dir]`:
// the issue's scale table.
// One row per dataset and backend: the five real plans first, then a synthetic set of each size (bodies). For each:
// convert time and peak RSS (and, synthetic, a rebuild after one plan changed), the engine's load time, the server's
// start-up time (process start to the first 200 on /) and RSS after every scenario ran and again after 20 s idle, and p50 / p99 / req/s at 10 connections
// for a 303 dereference, a Turtle document, an HTML page, a search, a SPARQL label lookup, a GROUP BY and a 3-hop join
// (bench/load.ts: the load generator and queries of `npm run bench`), with the CPU time per answered request of the
// server and, on Virtuoso, of virtuoso-t (from /proc: every thread, user and system), and of this process, which drives
// the load on the same cores ("load" in the cell); on Virtuoso, two references of the
// lookup beside it (Virtuoso alone, and a bare Node front relaying to it: see Direct). The embedded store is skipped, with a note, above
// its ceiling (EMBEDDED_MAX_QUADS). Virtuoso runs through `npm run virtuoso -- start|load|stop` in a temp directory on
// free ports, started and stopped by this script. BENCH_SECONDS (default 3) is the length of each measurement
// (or until BENCH_MIN_ANSWERS, default 20, are answered, for a scenario slower than that),
// BENCH_WARMUP_SECONDS (default 10) that of the warm-up before it. A national build takes an hour: `--keep` leaves
// each dataset's root (printed) in place, and `--root <dir>` measures the build already in such a root (one size; its
// convert columns left blank) instead of making one; `--skip-rebuild` leaves out the rebuild (eleven minutes
// nationally). `--warm-files` reads the SQLite files the server answers from once
// before it starts (documents, pages, search, paths), so that the measurements see them in the page cache, as a server that
// has run for a while with the memory for them does, rather than as a Virtuoso load just left it.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type autocannon from 'autocannon';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../src/config.ts';
import { DOCUMENTS_FILE, PATHS_FILE, SEARCH_FILE } from '../src/convert/index.ts';
import { PAGES_FILE } from '../src/publish/page-store.ts';
import { createLocalStore } from '../src/store/index.ts';
import { Endpoint, httpRequestOf } from '../src/store/virtuoso/endpoint.ts';
import { mergeGraphOf, readMarker } from '../src/store/virtuoso/marker.ts';
import { rewriteQuery } from '../src/store/virtuoso/query-rewrite.ts';
import { writeSynthetic } from '../src/synth/index.ts';
import { cpuMs, drive, freePort, NPM_START, QUERIES, start, uncached } from './load.ts';

const PROJECT = resolve(import.meta.dirname, '..');
const BASE = 'http://localhost:3000/';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
/**
 * Seconds each scenario is driven before its measurement (BENCH_WARMUP_SECONDS): a fresh server's answers cost more
 * until V8 has compiled their paths (60 synthetic bodies, uncached Turtle documents over HTTP: 1.3–1.8 ms of server CPU
 * each in the first 4 s, 0.7–0.8 ms after some 30,000), and a server that has run a while is what clients meet.
 */
const WARM_UP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
/**
 * Answers a measurement holds at least (BENCH_MIN_ANSWERS): a scenario that answered fewer in BENCH_SECONDS (a GROUP BY
 * or a 3-hop join of some 2 s nationally: one or two, so that their p50 was mostly their queue) is measured again until
 * that many are answered.
 */
const MIN_ANSWERS = Number(process.env.BENCH_MIN_ANSWERS ?? 20);
/** How long one such answer may take at 10 connections before it counts as an error. */
const ANSWER_TIMEOUT_S = 120;
/** How long the server is left idle before its RSS is read the second time. */
const IDLE_SECONDS = 20;
const CONNECTIONS = 10;
/**
 * Element IRIs (and titles) the document, page and search scenarios rotate through, spread over every plan
 * (BENCH_TARGETS): enough that a warm-up and a measurement of a fast scenario ask for each at most once, since a
 * second request is answered from the server's caches (a cell says when targets were repeated).
 */
const MAX_TARGETS = Number(process.env.BENCH_TARGETS ?? 20000);

interface Row { [column: string]: string | number }
interface Manifest { version: string; quads: number; graphs: { plan?: { municipality: string; id: string; file: string } }[] }
interface Dataset { label: string; root: string; synthetic: boolean; buildDir: string; manifest?: Manifest }

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    'skip-real': { type: 'boolean', default: false },
    backends: { type: 'string', default: 'embedded,virtuoso' },
    keep: { type: 'boolean', default: false },
    'skip-rebuild': { type: 'boolean', default: false },
    root: { type: 'string' },
    'warm-files': { type: 'boolean', default: false },
  },
});
const backends = new Set(values.backends.split(',').filter(Boolean));
for (const b of backends) if (b !== 'embedded' && b !== 'virtuoso') throw new Error(`--backends: embedded and/or virtuoso, got "${b}"`);

const modeEnv = (d: Dataset): Record<string, string> => ({ SYNTHETIC: d.synthetic ? 'true' : 'false', BASE_IRI: BASE });
const rssMb = (pid: number | undefined): number | string => {
  const status = `/proc/${pid}/status`;
  if (pid === undefined || !existsSync(status)) return '–';
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(status, 'utf8'));
  return kb ? Math.round(Number(kb[1]) / 1024) : '–';
};
const s1 = (ms: number) => (ms / 1000).toFixed(1);
/** The seconds `npm run convert` spent rendering pages ahead, from its report (part of its wall time). */
const prerenderSeconds = (out: string): number => {
  const m = /pages rendered ahead: \d+ \(.*; ([\d.]+) s\)/.exec(out);
  if (!m) throw new Error(`the converter did not report its pages rendered ahead:\n${out}`);
  return Number(m[1]);
};

/** Runs the converter as one process (worker threads included), timed by GNU time: wall seconds and peak RSS. */
const timedConvert = (d: Dataset): { seconds: number; rssMb: number; out: string } => {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', process.execPath, '--import', import.meta.resolve('tsx'), join(PROJECT, 'src/publish/main.ts')], {
    cwd: d.root,
    env: { ...process.env, ...modeEnv(d) },
    encoding: 'utf8',
  });
  const m = /TIME ([\d.]+) (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`convert failed:\n${r.stdout}\n${r.stderr}`);
  return { seconds: Number(m[1]), rssMb: Math.round(Number(m[2]) / 1024), out: r.stdout };
};

const fullBuild = (d: Dataset, row: Row) => {
  const t = timedConvert(d);
  d.manifest = JSON.parse(readFileSync(join(d.buildDir, 'manifest.json'), 'utf8')) as Manifest;
  Object.assign(row, { triples: d.manifest.quads, 'convert s': t.seconds, 'convert pages s': prerenderSeconds(t.out), 'convert peak RSS MB': t.rssMb });
};

const rebuildOneChanged = (d: Dataset, row: Row) => {
  const plan = join(d.root, 'synth/plans/900001-synth.yaml');
  writeFileSync(plan, readFileSync(plan, 'utf8') + '# edited by bench\n');
  const t = timedConvert(d);
  if (!/\b1 plan\(s\) converted/.test(t.out)) throw new Error(`expected exactly one plan converted again:\n${t.out}`);
  Object.assign(row, { 'rebuild (1 changed) s': t.seconds, 'rebuild pages s': prerenderSeconds(t.out), 'rebuild peak RSS MB': t.rssMb });
};

/** Element IRI paths and titles from the build's plan files, spread evenly over every plan. */
const targetsOf = (d: Dataset): { path: string; title: string }[] => {
  const all: { path: string; title: string }[] = [];
  for (const g of d.manifest!.graphs) {
    if (!g.plan) continue;
    const file = parseYaml(readFileSync(join(d.root, g.plan.file), 'utf8')) as { elements?: { id: string; title?: string }[] };
    for (const e of file.elements ?? []) if (e.title) all.push({ path: `/id/${g.plan.municipality}/plan/${g.plan.id}/${e.id}`, title: e.title });
  }
  const step = Math.max(1, Math.floor(all.length / MAX_TARGETS));
  return all.filter((_, i) => i % step === 0).slice(0, MAX_TARGETS);
};

/**
 * GETs that rotate through paths, one per request; the warm-up and the measurement share the rotation, so that the
 * measurement goes on where the warm-up stopped.
 */
const rotating = (paths: readonly string[], headers: Record<string, string>): Pick<Scenario, 'opts' | 'repeated'> => {
  let i = 0;
  return {
    opts: (origin) => ({
      url: origin,
      requests: [{ method: 'GET', headers, setupRequest: (req: autocannon.Request) => ({ ...req, path: paths[i++ % paths.length]! }) }],
    }),
    repeated: () => i > paths.length,
  };
};

interface Scenario {
  name: string;
  opts: (origin: string) => autocannon.Options;
  /** Whether a path was asked for twice so far (its answer may have come from a cache). */
  repeated?: () => boolean;
  /** The process that answers in place of the server (a reference), whose CPU is counted instead of the server's. */
  pid?: number | undefined;
}
/**
 * The references of the lookup, measured in the same run. Both send Virtuoso the very query the server sends it (its
 * dataset and row cap made explicit, query-rewrite.ts), as the server's endpoint client sends it (httpRequestOf: GET
 * for a query this short), asking for the XML the server reads:
 * - "Virtuoso alone": sent by the same client straight to the slot's endpoint. What Virtuoso gives at 10 connections
 *   on this machine, below which no server in front of it can answer.
 * - "Node front alone": the client's lookup (unique comment and all) POSTed to bench/lookup-front.ts, a bare node:http
 *   server that sends the fixed query to Virtuoso through the server's endpoint client and its answer back unread.
 *   What a front in Node costs at least on top.
 */
interface Direct {
  readonly url: string;
  readonly lookup: (path: string) => string;
  /** The server's query timeout, which it hands Virtuoso with every query. */
  readonly timeoutMs: number;
}
const directLookup = (direct: Direct, path: string) => (): autocannon.Options => {
  // The same bytes for every request, as the server sends them: its rewrite sends the query's tokens without its
  // comments, so the unique comment of the client's lookup never reaches Virtuoso, which compiles the text once.
  // (With the comment Virtuoso compiled each one: 1.19 against 0.69 ms of its CPU a lookup, by hand, at 18M.)
  const { method, path: target, headers, body } = httpRequestOf(direct.url, { query: direct.lookup(path), accept: 'application/sparql-results+xml', timeoutMs: direct.timeoutMs });
  return { url: new URL(direct.url).origin, requests: [{ method, path: target, headers: { ...headers }, ...(body === undefined ? {} : { body }) }] };
};
const LOOKUP_DIRECT = 'lookup, Virtuoso alone';
const LOOKUP_FRONT = 'lookup, Node front alone';

/** A reference that answers in place of the server: where it listens, and its process. */
interface Front {
  readonly origin: string;
  readonly pid: number | undefined;
}

/** bench/lookup-front.ts relaying the lookup of `path` to the slot, on a free port; stopped by the caller. */
const startFront = async (direct: Direct, path: string): Promise<Front & { child: ChildProcess }> => {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env = { PORT: String(port), FRONT_ENDPOINT: direct.url, FRONT_QUERY: direct.lookup(path), FRONT_TIMEOUT_MS: String(direct.timeoutMs) };
  const child = await start(join(PROJECT, 'bench/lookup-front.ts'), env, `${origin}/`);
  return { origin, child, pid: child.pid };
};

const scenariosFor = (targets: { path: string; title: string }[], direct?: Direct, front?: Front): Scenario[] => {
  const paths = targets.map((t) => t.path);
  return [
    { name: '303', ...rotating(paths, { accept: 'text/turtle' }) },
    { name: 'Turtle doc', ...rotating(paths.map((p) => `/data${p}.ttl`), {}) },
    { name: 'HTML page', ...rotating(paths.map((p) => `/page${p}`), { accept: 'text/html' }) },
    { name: 'search', ...rotating(targets.map((t) => `/search?q=${encodeURIComponent(t.title)}&format=json`), {}) },
    { name: 'lookup', opts: uncached(QUERIES.lookup(BASE, paths[0]!)) },
    ...(direct ? [{ name: LOOKUP_DIRECT, opts: directLookup(direct, paths[0]!) }] : []),
    ...(front ? [{ name: LOOKUP_FRONT, opts: () => uncached(QUERIES.lookup(BASE, paths[0]!))(front.origin), pid: front.pid }] : []),
    { name: 'GROUP BY', opts: uncached(QUERIES.groupBy()) },
    { name: '3-hop join', opts: uncached(QUERIES.join3()) },
  ];
};
const SCENARIO_NAMES = scenariosFor([{ path: '/x', title: 'x' }], { url: '', lookup: () => '', timeoutMs: 0 }, { origin: '', pid: undefined }).map((s) => s.name);

/** The slot's endpoint and the lookup's text as the server rewrites it for the build the slot holds. */
const directOf = async (d: Dataset, httpPort: string): Promise<Direct> => {
  const url = `http://127.0.0.1:${httpPort}/sparql`;
  const endpoint = new Endpoint(url);
  const { timeoutMs, maxRows } = loadConfig({ ...process.env, ...modeEnv(d), BUILD_DIR: d.buildDir }, d.root).sparql;
  try {
    const marker = await readMarker(endpoint, timeoutMs);
    if (!marker) throw new Error(`the Virtuoso slot at ${url} holds no build`);
    const options = {
      graphs: new Set(marker.graphs.keys()),
      defaultGraphs: [],
      namedGraphs: [],
      mergeGraph: mergeGraphOf(marker),
      baseIri: BASE,
      rowLimit: maxRows + 1,
    };
    return { url, timeoutMs, lookup: (path) => rewriteQuery(QUERIES.lookup(BASE, path), options) };
  } finally {
    await endpoint.close();
  }
};

/** Keeps the targets whose IRI the server dereferences (303): a plan file may name elements another graph holds. */
const checkedTargets = async (origin: string, targets: { path: string; title: string }[]) => {
  const dereferenced = new Array<boolean>(targets.length);
  let next = 0;
  const lane = async () => {
    for (let i; (i = next++) < targets.length; ) dereferenced[i] = (await fetch(origin + targets[i]!.path, { headers: { accept: 'text/turtle' }, redirect: 'manual' })).status === 303;
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, lane));
  const ok = targets.filter((_, i) => dereferenced[i]);
  if (ok.length === 0) throw new Error('no element IRI of the plan files is dereferenced by the server');
  return ok;
};

/**
 * The time of one request of a scenario sent right after its measurement, in ms (its status appended when not 2xx/3xx):
 * requests the measurement left in the server and the engine are answered first.
 */
const alone = async (opts: autocannon.Options): Promise<string> => {
  const req = opts.requests![0]!;
  const started = performance.now();
  const res = await fetch(new URL(req.path ?? '/', opts.url), { method: req.method, headers: req.headers as Record<string, string>, body: typeof req.body === 'string' ? req.body.replace('[<id>]', `alone ${Date.now()}`) : undefined, redirect: 'manual' });
  await res.arrayBuffer();
  const ms = Math.round(performance.now() - started);
  return res.status < 400 ? String(ms) : `${ms} (${res.status})`;
};

/**
 * Waits for what a measurement left running: `/healthz` and a fresh SPARQL ASK answered after it (the server drops the
 * queued queries of clients that left; the ASK waits for a query slot).
 */
const settle = async (origin: string) => {
  await (await fetch(`${origin}/healthz`)).arrayBuffer();
  await (await fetch(`${origin}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query' }, body: `ASK {} # settle ${Date.now()}` })).arrayBuffer();
};

const stopServer = async (child: ChildProcess) => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 40_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
};

/** Reads the files once, front to back (into the page cache); their size in MB and the seconds it took. */
const readThrough = (files: readonly string[]): { mb: number; seconds: number } => {
  const started = performance.now();
  const chunk = Buffer.allocUnsafe(8 * 2 ** 20);
  let bytes = 0;
  for (const file of files) {
    const fd = openSync(file, 'r');
    try {
      for (let n; (n = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) bytes += n;
    } finally {
      closeSync(fd);
    }
  }
  return { mb: Math.round(bytes / 2 ** 20), seconds: Number(s1(performance.now() - started)) };
};
let warmed: { mb: number; seconds: number } | undefined;

/** Starts the server on a built dataset, measures start-up, warms every scenario up, then measures each. */
const serveAndMeasure = async (d: Dataset, env: Record<string, string>, row: Row, engine?: { rss: () => number | string; pid: () => number; direct: Direct }) => {
  if (values['warm-files']) warmed = readThrough([DOCUMENTS_FILE, PAGES_FILE, SEARCH_FILE, PATHS_FILE].map((f) => join(d.buildDir, f)).filter((f) => existsSync(f)));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const server = await start(
    join(PROJECT, 'src/server/main.ts'),
    { ...modeEnv(d), ...env, PORT: String(port), HOST: '127.0.0.1', BUILD_DIR: d.buildDir, RELOAD_WATCH: 'false', SPARQL_MAX_QUEUED: '256', LOG_LEVEL: 'warn' },
    `${origin}/`,
    { cwd: d.root, tries: 4 * 60 * 30, launch: NPM_START },
  );
  row['start-up s'] = s1(performance.now() - started);
  let front: (Front & { child: ChildProcess }) | undefined;
  try {
    const targets = await checkedTargets(origin, targetsOf(d));
    if (engine) front = await startFront(engine.direct, targets[0]!.path);
    // Each scenario is warmed up and measured in turn: warming every scenario first left the slow queries' backlog
    // (3-hop joins of 10–19 s nationally) in front of the lookup's measurement.
    for (const s of scenariosFor(targets, engine?.direct, front)) {
      await drive(s.opts(origin), CONNECTIONS, WARM_UP_SECONDS);
      await settle(origin);
      const pids = ['pid' in s ? s.pid : server.pid, engine?.pid(), process.pid];
      let cpu = pids.map(cpuMs);
      let r = await drive(s.opts(origin), CONNECTIONS, SECONDS);
      let span = `${SECONDS} s`;
      if (r.requests < MIN_ANSWERS) {
        await settle(origin);
        cpu = pids.map(cpuMs);
        r = await drive(s.opts(origin), CONNECTIONS, SECONDS, { amount: MIN_ANSWERS, timeoutS: ANSWER_TIMEOUT_S });
        span = `${MIN_ANSWERS} answers`;
      }
      // CPU per answered request, of the server (all its threads), of the engine's process and of the load generator
      // (this process): what bounds the rate on a machine of a given number of cores, however many connections wait.
      const perRequest = pids.map((pid, i) => (cpuMs(pid) - cpu[i]!) / r.requests);
      const cpuCell = r.requests > 0 ? `; CPU ${perRequest[0]!.toFixed(2)}${engine ? ` + ${perRequest[1]!.toFixed(2)}` : ''} ms (load ${perRequest[2]!.toFixed(2)})` : '';
      const bad = (span === `${SECONDS} s` ? '' : ` (over ${span})`) + (r.failed + r.errors > 0 ? ` (${r.failed} 4xx/5xx, ${r.errors} errors)` : '') + (s.repeated?.() ? ' (targets repeated)' : '');
      // A query slower than the measurement at 10 connections completes none: then say so, and time one alone.
      row[`${s.name} p50 / p99 ms, req/s, CPU ms/req`] = r.requests > 0 ? `${r.p50} / ${r.p99}, ${Math.round(r.rps)}${cpuCell}${bad}` : `none in ${span}${bad}; alone ${await alone(s.opts(origin))} ms`;
      await settle(origin);
    }
    row['server RSS MB'] = rssMb(server.pid);
    if (engine) row['virtuoso-t RSS MB'] = engine.rss();
    // Right after the 3-hop joins the heap holds their garbage (V8 collects the old generation late); the resident
    // footprint is read again once the server has been idle long enough for V8's memory reducer to run.
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
    row['server RSS idle MB'] = rssMb(server.pid);
  } finally {
    if (front) await stopServer(front.child);
    await stopServer(server);
  }
};

const embedded = async (d: Dataset, row: Row) => {
  const config = loadConfig({ ...process.env, ...modeEnv(d), BUILD_DIR: d.buildDir }, d.root);
  const max = config.sparql.embeddedMaxQuads;
  if (d.manifest!.quads > max) {
    row['engine load s'] = `skipped: ${d.manifest!.quads} quads is above the embedded ceiling (EMBEDDED_MAX_QUADS=${max})`;
    return;
  }
  // The engine alone: the N-Quads into a fresh embedded store (SPARQL_WORKERS workers, in parallel), as the server does.
  const nquads = readFileSync(join(d.buildDir, 'dataset.nq'), 'utf8');
  const store = createLocalStore({ ...config.sparql, baseIri: BASE });
  const t = performance.now();
  try {
    await store.load(nquads, d.manifest!.version);
    row['engine load s'] = s1(performance.now() - t);
  } finally {
    await store.close();
  }
  await serveAndMeasure(d, { STORE: 'embedded' }, row);
};

/** One Virtuoso slot in a temp directory on free ports, run through `npm run virtuoso -- …` (scripts/virtuoso/main.ts). */
const virtuosoSlot = async () => {
  const env = {
    VIRTUOSO_DIR: mkdtempSync(join(tmpdir(), 'jpp-scale-virtuoso-')),
    VIRTUOSO_HTTP_PORTS: String(await freePort()),
    VIRTUOSO_SQL_PORTS: String(await freePort()),
  };
  const cli = (command: string, d?: Dataset) => {
    const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(PROJECT, 'scripts/virtuoso/main.ts'), command], {
      cwd: d?.root ?? PROJECT,
      env: { ...process.env, ...env, ...(d ? modeEnv(d) : {}) },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`npm run virtuoso -- ${command} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
    return r.stdout;
  };
  cli('start');
  const pid = () => Number(readFileSync(join(env.VIRTUOSO_DIR, 'blue', 'virtuoso.pid'), 'utf8'));
  return {
    env,
    /** `npm run virtuoso -- load` in the dataset's root (its build, made first if stale); the load's own time in ms. */
    load: (d: Dataset) => {
      const out = cli('load', d);
      const ms = /loaded dataset \S+ \(\d+ quads\) in (\d+) ms/.exec(out);
      if (!ms) throw new Error(`npm run virtuoso -- load did not load:\n${out}`);
      return Number(ms[1]);
    },
    rss: () => rssMb(pid()),
    pid,
    stop: () => {
      try {
        cli('stop');
      } finally {
        rmSync(env.VIRTUOSO_DIR, { recursive: true, force: true });
      }
    },
  };
};

const virtuoso = async (d: Dataset, row: Row, slot: Awaited<ReturnType<typeof virtuosoSlot>>) => {
  row['engine load s'] = s1(slot.load(d));
  const direct = await directOf(d, slot.env.VIRTUOSO_HTTP_PORTS);
  await serveAndMeasure(d, { STORE: 'virtuoso', VIRTUOSO_AUTOLOAD: 'false', ...slot.env }, row, { ...slot, direct });
};

const datasets: Dataset[] = [];
const sizes = values.sizes.split(',').filter(Boolean).map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes: a comma-separated list of body counts, got "${values.sizes}"`);
const rows: Row[] = [];
const loadAtStart = loadavg();
const slot = backends.has('virtuoso') ? await virtuosoSlot() : undefined;
try {
  const prepare = (label: string, synthetic: boolean, bodies?: number): Dataset => {
    const root = mkdtempSync(join(tmpdir(), 'jpp-scale-'));
    for (const dir of ['data', 'ontology', 'queries']) symlinkSync(join(PROJECT, dir), join(root, dir));
    if (bodies) writeSynthetic(join(root, 'synth'), { bodies, seed: values.seed });
    const d = { label, root, synthetic, buildDir: join(root, synthetic ? 'build-synth' : 'build') };
    datasets.push(d);
    return d;
  };
  const plan = [...(values['skip-real'] ? [] : [{ label: 'real (5 plans)', bodies: undefined }]), ...sizes.map((n) => ({ label: `${n} bodies`, bodies: n }))];
  if (values.root !== undefined && (plan.length !== 1 || plan[0]!.bodies === undefined))
    throw new Error('--root: measures one synthetic size (give --sizes N --skip-real)');
  for (const { label, bodies } of plan) {
    const build: Row = { data: label };
    let d: Dataset;
    if (values.root !== undefined) {
      const root = resolve(values.root);
      d = { label, root, synthetic: true, buildDir: join(root, 'build-synth') };
      d.manifest = JSON.parse(readFileSync(join(d.buildDir, 'manifest.json'), 'utf8')) as Manifest;
      build.triples = d.manifest.quads;
    } else {
      d = prepare(label, bodies !== undefined, bodies);
      fullBuild(d, build);
      if (d.synthetic && !values['skip-rebuild']) rebuildOneChanged(d, build);
    }
    // Printed as soon as known: a later step of a national run may fail after an hour.
    console.error(`${label}: built, ${d.manifest!.quads} quads, ${JSON.stringify(build)} (${new Date().toISOString()}, root ${d.root})`);
    if (backends.has('embedded')) {
      const row: Row = { ...build, store: 'embedded' };
      await embedded(d, row);
      rows.push(row);
      console.error(`${label}: embedded measured, ${JSON.stringify(row)}`);
    }
    if (slot) {
      const row: Row = { ...build, store: 'Virtuoso' };
      await virtuoso(d, row, slot);
      rows.push(row);
      console.error(`${label}: Virtuoso measured, ${JSON.stringify(row)}`);
    }
  }
} finally {
  slot?.stop();
  for (const d of datasets) if (values.keep) console.error(`kept ${d.root}`);
  else rmSync(d.root, { recursive: true, force: true });
}

const fixed = ['data', 'store', 'triples', 'convert s', 'convert pages s', 'convert peak RSS MB', 'rebuild (1 changed) s', 'rebuild pages s', 'rebuild peak RSS MB', 'engine load s', 'start-up s', 'server RSS MB', 'server RSS idle MB', 'virtuoso-t RSS MB'];
const columns = [...fixed, ...SCENARIO_NAMES.map((n) => `${n} p50 / p99 ms, req/s, CPU ms/req`)].filter((c) => rows.some((r) => r[c] !== undefined));
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
console.log(
  `npm run bench:scale -- --sizes ${values.sizes}${values['skip-real'] ? ' --skip-real' : ''}${values['skip-rebuild'] ? ' --skip-rebuild' : ''} --backends ${values.backends}${values.root ? ` --root ${values.root}` : ''}${values['warm-files'] ? ' --warm-files' : ''}; ${new Date().toISOString()}; Node ${process.version}; ${availableParallelism()} cores; ` +
    `load average ${load(loadAtStart)} at the start, ${load(loadavg())} at the end; ${CONNECTIONS} connections, ${WARM_UP_SECONDS} s of warm-up and ${SECONDS} s of measurement per scenario; ` +
    `CONVERT_WORKERS=${process.env.CONVERT_WORKERS ?? 'default'}, SPARQL_WORKERS=${process.env.SPARQL_WORKERS ?? 'default'}, ${MAX_TARGETS} targets; convert peak RSS by GNU time` +
    `${warmed ? `; the server's SQLite files read once before each server started (last: ${warmed.mb} MB in ${warmed.seconds} s)` : ''}\n`,
);
console.log(`| ${columns.join(' | ')} |\n|${columns.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${columns.map((c) => r[c] ?? '').join(' | ')} |`);
