// Servers on Virtuoso hold no state of their own: two real server processes (what `STORE=virtuoso npm start` runs,
// with VIRTUOSO_AUTOLOAD=false as behind a load balancer) on the same slots and build give byte-identical answers and
// ETags, so a balancer may send any request to either. And a server that finds no slot holding its build says so in
// one line naming the command to run, and exits 1.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertAndWrite } from '../../src/convert/index.ts';
import { freePort } from '../free-port.ts';
import { removeDir, run, SERVER_MAIN, startServer, tempRoot, TEST_BASE, type ServerProc } from '../server/lifecycle/processes.ts';

const REPO = process.cwd();
let root: string;
const buildDir = () => join(root, 'build');
const servers: ServerProc[] = [];

/** `npm run virtuoso -- load <dir>`, as an operator types it (the slots come from the test run's VIRTUOSO_* variables). */
const loadCommand = (dir: string) =>
  new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'scripts/virtuoso/main.ts'), 'load', dir], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => resolve({ code, out }));
  });

beforeAll(async () => {
  root = tempRoot();
  await convertAndWrite({ root, baseIri: TEST_BASE, buildDir: buildDir() });
  const load = await loadCommand(buildDir());
  expect(load.code, load.out).toBe(0);
  const env = { STORE: 'virtuoso', VIRTUOSO_AUTOLOAD: 'false' };
  // One after the other: each checks the build (and would rebuild a stale one) before it listens.
  servers.push(await startServer({ cwd: root, buildDir: buildDir(), env }));
  servers.push(await startServer({ cwd: root, buildDir: buildDir(), env }));
}, 300_000);
afterAll(async () => {
  for (const s of servers) await s.kill();
  removeDir(root);
});

const SPARQL = `SELECT ?s ?l { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } ORDER BY ?s ?l`;
const REQUESTS: Record<string, [string, Record<string, string>]> = {
  document: ['/data/id/theme/children.ttl', {}],
  'document, gzip': ['/data/id/theme/children.ttl', { 'accept-encoding': 'gzip' }],
  page: ['/page/id/theme/children', { accept: 'text/html' }],
  catalog: ['/catalog', { accept: 'text/turtle' }],
  'SPARQL SELECT': [`/sparql?query=${encodeURIComponent(SPARQL)}`, { accept: 'application/sparql-results+json' }],
  'SPARQL CONSTRUCT': [`/sparql?query=${encodeURIComponent('CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 500')}`, { accept: 'text/turtle' }],
  stats: ['/sparql', { accept: 'text/turtle' }],
};

describe('two server processes on the same Virtuoso slots', () => {
  it('serve the same build version', async () => {
    const versions = await Promise.all(servers.map(async (s) => ((await (await fetch(`${s.origin}/healthz`)).json()) as { version: string }).version));
    expect(versions[0]).toMatch(/^[0-9a-f]{16}$/);
    expect(versions[1]).toBe(versions[0]);
  });

  it.each(Object.keys(REQUESTS))('answer %s with identical status, ETag, headers and bytes, and honour each other\'s ETag', async (name) => {
    const [path, headers] = REQUESTS[name]!;
    const [a, b] = await Promise.all(servers.map((s) => fetch(s.origin + path, { headers, redirect: 'manual' })));
    const [ba, bb] = await Promise.all([a!, b!].map(async (r) => Buffer.from(await r.arrayBuffer())));
    expect(a!.status, `${name}: ${ba!.toString().slice(0, 300)}`).toBe(200);
    expect(b!.status).toBe(200);
    expect(a!.headers.get('etag')).toMatch(/^(W\/)?"/);
    expect(b!.headers.get('etag')).toBe(a!.headers.get('etag'));
    for (const h of ['content-type', 'content-length', 'content-encoding', 'cache-control', 'vary', 'link']) expect(b!.headers.get(h), h).toBe(a!.headers.get(h));
    expect(bb!.equals(ba!), name).toBe(true);
    // A client that cached the answer from one server revalidates it at the other: 304.
    const again = await fetch(servers[1]!.origin + path, { headers: { ...headers, 'if-none-match': a!.headers.get('etag')! }, redirect: 'manual' });
    expect(again.status).toBe(304);
  });
});

describe('a server whose build is in no slot', () => {
  it('exits 1 with one line naming the slots and the command to run, without a stack', async () => {
    const [http, sql] = [await freePort(), await freePort()];
    const port = await freePort();
    // Ports where no Virtuoso listens: nothing holds the build, and autoload has nowhere to load it.
    const p = run(SERVER_MAIN, {
      cwd: root,
      env: { PORT: String(port), HOST: '127.0.0.1', BASE_IRI: TEST_BASE, BUILD_DIR: buildDir(), STORE: 'virtuoso', VIRTUOSO_AUTOLOAD: 'false', VIRTUOSO_HTTP_PORTS: String(http), VIRTUOSO_SQL_PORTS: String(sql) },
    });
    try {
      expect(await p.exited).toBe(1);
      const lines = p.stderr().trim().split('\n');
      expect(lines, p.stderr()).toHaveLength(1);
      expect(lines[0]).toContain(`127.0.0.1:${http}`);
      expect(lines[0]).toContain('npm run virtuoso -- start');
      expect(lines[0]).not.toMatch(/\n\s+at |node:internal|StoreError/);
    } finally {
      await p.kill();
    }
  });
});
