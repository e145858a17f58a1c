// Interoperability: the real server (npm start's entry point) read by Python's rdflib and SPARQLWrapper (Debian packages).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../free-port.ts';

const PYTHON = '/usr/bin/python3'; // Debian's, where python3-rdflib and python3-sparqlwrapper are installed (scripts/ci-setup.sh)

let server: ChildProcess;
let base: string;
let buildDir: string;

beforeAll(async () => {
  const port = await freePort();
  base = `http://localhost:${port}/`;
  buildDir = join(mkdtempSync(join(tmpdir(), 'jpp-interop-')), 'build');
  server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', BASE_IRI: base, BUILD_DIR: buildDir, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 240; i++) {
    if (await fetch(`${base}healthz`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the server did not come up');
}, 150_000);

afterAll(() => {
  server?.kill('SIGTERM');
  rmSync(join(buildDir, '..'), { recursive: true, force: true });
});

describe('Python clients', () => {
  it('rdflib dereferences IRIs and parses every document format, the catalog and VoID; SPARQLWrapper queries the endpoint', async () => {
    const { stdout } = await promisify(execFile)(PYTHON, ['tests/interop/python_clients.py', base], { timeout: 60_000 });
    const r = JSON.parse(stdout) as Record<string, unknown>;
    const deref = r.deref as { triples: number; hasPlan: boolean };
    expect(deref.hasPlan).toBe(true);
    // The same document, whatever the format.
    for (const ext of ['ttl', 'nt', 'rdf', 'jsonld']) expect(r[`doc_${ext}`]).toBe(deref.triples);
    const catalogs = ['turtle', 'xml', 'json-ld'].map((f) => r[`catalog_${f}`] as { triples: number; datasets: number; downloadURLs: number });
    expect(new Set(catalogs.map((c) => c.triples)).size).toBe(1);
    for (const c of catalogs) {
      expect(c.datasets).toBeGreaterThanOrEqual(6); // one per plan and one for the whole
      expect(c.downloadURLs).toBeGreaterThanOrEqual(6);
    }
    expect(r.void_triples).toBeGreaterThan(100);
    expect(r.select_json).toBe('68'); // 29 measures of 小金井市 + 39 of 清瀬市
    expect(r.select_xml).toBe('68');
    expect(r.select_csv).toBe('n\r\n68\r\n');
    expect(r.select_post).toBe('68');
    expect(r.construct).toBe(68);
    expect(r.ask).toBe(true);
    expect(r.sparqlstore_plans).toBe(8); // five plans and three named parts of 小金井市's
  });
});
