// The embedded store's ceiling (EMBEDDED_MAX_QUADS): a build with more quads is refused before any WASM memory is spent,
// with a message that names the Virtuoso backend and its commands; `npm start` then exits 1 with that one line and never
// serves. At the ceiling exactly the build loads.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { convertAndWrite } from '../../src/convert/index.ts';
import { assertStoreFits, createLocalStore, StoreError, type Store } from '../../src/store/index.ts';
import { freePort } from '../free-port.ts';
import { MINI_NQ, MINI_VERSION } from '../helpers.ts';
import { removeDir, run, SERVER_MAIN, startServer, TEST_BASE } from '../server/lifecycle/processes.ts';

const MINI_QUADS = MINI_NQ.trim().split('\n').length;
const COMMANDS = ['Virtuoso', 'npm run virtuoso -- start', 'npm run virtuoso -- load', 'STORE=virtuoso npm start'];

describe('the embedded store ceiling', () => {
  const stores: Store[] = [];
  const store = (embeddedMaxQuads: number) => {
    const s = createLocalStore({ workers: 1, timeoutMs: 10_000, maxRows: 100, serviceAllowlist: [], embeddedMaxQuads });
    stores.push(s);
    return s;
  };
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
  });

  it('defaults to 2,000,000 quads and reads EMBEDDED_MAX_QUADS', () => {
    expect(loadConfig({}, '/x').sparql.embeddedMaxQuads).toBe(2_000_000);
    expect(loadConfig({ EMBEDDED_MAX_QUADS: '5' }, '/x').sparql.embeddedMaxQuads).toBe(5);
    expect(() => loadConfig({ EMBEDDED_MAX_QUADS: 'lots' }, '/x')).toThrow(/EMBEDDED_MAX_QUADS must be an integer/);
  });

  it('loads a dataset of exactly the ceiling', async () => {
    const s = store(MINI_QUADS);
    await s.load(MINI_NQ, MINI_VERSION);
    expect(s.version).toBe(MINI_VERSION);
    const stats = await s.stats();
    expect(stats.graphs.reduce((n, g) => n + g.triples, 0)).toBe(MINI_QUADS);
  });

  it('refuses one quad more, naming the Virtuoso backend and its commands, and keeps no data', async () => {
    const s = store(MINI_QUADS - 1);
    const refused = await s.load(MINI_NQ, MINI_VERSION).then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(StoreError);
    const message = (refused as StoreError).message;
    expect(message).toContain(`the build has ${MINI_QUADS} quads`);
    expect(message).toContain(`EMBEDDED_MAX_QUADS=${MINI_QUADS - 1}`);
    for (const c of COMMANDS) expect(message).toContain(c);
    expect(s.version).toBeUndefined();
  });

  it('is checked against the manifest count before loading, and only on the embedded store', () => {
    const embedded = loadConfig({ EMBEDDED_MAX_QUADS: '100' }, '/x');
    expect(() => assertStoreFits(embedded, 100)).not.toThrow();
    expect(() => assertStoreFits(embedded, 101)).toThrow(StoreError);
    expect(() => assertStoreFits({ ...embedded, store: 'virtuoso' }, 10_000_000_000)).not.toThrow();
  });
});

describe('npm start above the ceiling', () => {
  let parent: string;
  let quads: number;
  const buildDir = () => join(parent, 'build');
  beforeAll(async () => {
    parent = mkdtempSync(join(tmpdir(), 'jpp-ceiling-'));
    await convertAndWrite({ root: process.cwd(), baseIri: TEST_BASE, buildDir: buildDir() });
    quads = (JSON.parse(readFileSync(join(buildDir(), 'manifest.json'), 'utf8')) as { quads: number }).quads;
  }, 300_000);
  afterAll(() => removeDir(parent));

  it('exits 1 with one line naming Virtuoso and the commands, no stack trace, and never listens', async () => {
    const port = await freePort();
    const p = run(SERVER_MAIN, {
      cwd: process.cwd(),
      env: { PORT: String(port), HOST: '127.0.0.1', BASE_IRI: TEST_BASE, BUILD_DIR: buildDir(), STORE: 'embedded', EMBEDDED_MAX_QUADS: String(quads - 1) },
    });
    const guard = setTimeout(() => void p.kill(), 120_000);
    let served = false;
    const poll = setInterval(() => void fetch(`http://127.0.0.1:${port}/`).then(() => (served = true), () => {}), 100);
    try {
      expect(await p.exited).toBe(1);
      const lines = p.stderr().trim().split('\n');
      expect(lines, p.stderr()).toHaveLength(1);
      expect(lines[0]).toMatch(/^jp-plan-lod: cannot start: the build has [\d,]+ quads, more than the embedded store takes/);
      for (const c of COMMANDS) expect(lines[0]).toContain(c);
      expect(p.stderr()).not.toMatch(/\n\s+at |RuntimeError|out of memory|StoreError/);
      expect(served).toBe(false);
    } finally {
      clearTimeout(guard);
      clearInterval(poll);
      await p.kill();
    }
  });

  it('serves a build of exactly the ceiling', async () => {
    const server = await startServer({ cwd: process.cwd(), buildDir: buildDir(), env: { STORE: 'embedded', EMBEDDED_MAX_QUADS: String(quads) } });
    try {
      const health = (await (await fetch(`${server.origin}/healthz`)).json()) as { version: string };
      expect(health.version).toMatch(/^[0-9a-f]{16}$/);
      const count = await fetch(`${server.origin}/sparql?query=${encodeURIComponent('SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }')}`, {
        headers: { accept: 'application/sparql-results+json' },
      });
      expect(count.status).toBe(200);
      const body = (await count.json()) as { results: { bindings: { n: { value: string } }[] } };
      expect(Number(body.results.bindings[0]!.n.value)).toBe(quads);
    } finally {
      await server.kill();
    }
  });
});
