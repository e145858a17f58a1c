// The real server's resident memory (RSS, from /proc) after start-up and after one client downloaded the whole
// dataset.nq (plain, then gzip): what the dumps, source texts and sitemap cost the process. One fresh server process,
// started as `npm start` starts it, on a free port. `SYNTHETIC=true` measures build-synth/ (npm run synth, then
// SYNTHETIC=true npm run convert). Usage: npx tsx bench/server-memory.ts
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg } from 'node:os';
import { freePort } from '../tests/free-port.ts';
import { NPM_START, spawnScript } from './load.ts';

const rssMb = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
};

/** GETs `path`, counting the body's bytes without keeping them. */
const download = (port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; bytes: number }> =>
  new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });

const port = await freePort();
// The build is made for the default base IRI; only the port the server listens on differs.
const env = { PORT: String(port), BASE_IRI: process.env.BASE_IRI ?? 'http://localhost:3000/', LOG_LEVEL: 'warn', RELOAD_WATCH: 'false' };
const started = performance.now();
const child = spawnScript('src/server/main.ts', env, { launch: NPM_START });
const exited = new Promise((resolve) => child.once('exit', resolve));
try {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before answering`);
    const up = await download(port, '/healthz').catch(() => undefined);
    if (up?.status === 200) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const startupMs = Math.round(performance.now() - started);
  await new Promise((r) => setTimeout(r, 1000));
  const afterStart = rssMb(child.pid!);
  const plain = await download(port, '/dumps/dataset.nq');
  const gzip = await download(port, '/dumps/dataset.nq', { 'accept-encoding': 'gzip' });
  const sitemap = await download(port, '/sitemap.xml');
  await new Promise((r) => setTimeout(r, 1000));
  const afterDownload = rssMb(child.pid!);
  console.log(
    JSON.stringify({
      synthetic: process.env.SYNTHETIC === 'true',
      startupMs,
      rssAfterStartMB: afterStart,
      rssAfterDownloadMB: afterDownload,
      datasetNq: { status: plain.status, bytes: plain.bytes, gzipBytes: gzip.bytes },
      sitemap: { status: sitemap.status, bytes: sitemap.bytes },
      loadavg: loadavg().map((l) => l.toFixed(2)),
    }),
  );
} finally {
  child.kill('SIGTERM');
  await exited;
}
