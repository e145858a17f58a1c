// Starts what the fuzz runs against: the real server (src/server/main.ts on a free loopback port, its own build
// directory under a temp dir, LOG_LEVEL=warn) and a fake SPARQL endpoint on 127.0.0.1 as its only SERVICE target.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NPM_START, spawnScript } from '../load.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** A SPARQL endpoint on loopback with a fixed tiny answer, so federated cases never leave the machine. */
const startUpstream = (): Promise<{ url: string; server: Server }> =>
  new Promise((resolve) => {
    const server = createHttpServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body = (body + c).slice(0, 100_000)));
      req.on('end', () => {
        const text = decodeURIComponent(`${req.url ?? ''} ${body}`.replace(/\+/g, ' ').replace(/%(?![0-9a-f]{2})/gi, '%25'));
        const answer = /\bASK\b/i.test(text)
          ? { head: {}, boolean: true }
          : { head: { vars: ['x', 'y', 'z'] }, results: { bindings: [{ x: { type: 'uri', value: 'urn:x' }, y: { type: 'uri', value: 'urn:y' }, z: { type: 'literal', value: 'z' } }] } };
        res.writeHead(200, { 'content-type': 'application/sparql-results+json' }).end(JSON.stringify(answer));
      });
    });
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sparql`, server }));
  });

export interface Target {
  readonly port: number;
  readonly upstream: string;
  readonly child: ChildProcess;
  /** Why the server process ended, if it did (exit code or signal). */
  exited(): string | undefined;
  /** The last lines the server wrote to stderr (its warn/error log). */
  stderrTail(): string[];
  stop(): Promise<void>;
}

export interface TargetOptions {
  /** SPARQL_TIMEOUT_MS for the server: short, so that a slow mutation ends in a 503 well within the hang bound. */
  readonly sparqlTimeoutMs: number;
  readonly log: (line: string) => void;
}

/** Starts the upstream and the server, resolving once /healthz answers (the first start converts the build). */
export const startTarget = async ({ sparqlTimeoutMs, log }: TargetOptions): Promise<Target> => {
  const upstream = await startUpstream();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'jpp-fuzz-'));
  const child = spawnScript(
    'src/server/main.ts',
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_IRI: `http://127.0.0.1:${port}/`,
      BUILD_DIR: join(dir, 'build'),
      LOG_LEVEL: 'warn',
      SPARQL_TIMEOUT_MS: String(sparqlTimeoutMs),
      // A client that announces more body than it sends (or never ends its headers) gets 408 at this deadline,
      // which must come well within the hang bound.
      HTTP_REQUEST_TIMEOUT_MS: String(sparqlTimeoutMs),
      HTTP_HEADERS_TIMEOUT_MS: String(sparqlTimeoutMs),
      SPARQL_SERVICE_ALLOWLIST: upstream.url,
    },
    { cwd: ROOT, launch: NPM_START, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const tail: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (s: string) => {
    for (const line of s.split('\n')) if (line.trim()) tail.push(line.slice(0, 500));
    tail.splice(0, Math.max(0, tail.length - 40));
  });
  let exit: string | undefined;
  const ended = new Promise<void>((resolve) => child.on('exit', (code, signal) => ((exit = signal ?? `exit code ${code}`), resolve())));
  const stop = async () => {
    if (exit === undefined) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await ended;
      clearTimeout(killer);
    }
    upstream.server.closeAllConnections();
    await new Promise<void>((resolve) => upstream.server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  };
  log(`starting the server on 127.0.0.1:${port} (converts into its own build dir first) …`);
  for (let i = 0; i < 600 && exit === undefined; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
    if (ok) return { port, upstream: upstream.url, child, exited: () => exit, stderrTail: () => [...tail], stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  const why = exit ?? 'not ready after 150 s';
  await stop();
  throw new Error(`the server did not start (${why}):\n${tail.join('\n')}`);
};
