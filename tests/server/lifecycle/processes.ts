// Test helper: the real server and converter as child processes (what `npm start` / `npm run convert` run), with a
// temp build folder and, where inputs change, a temp copy of data/, ontology/ and queries/ as the root.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../../free-port.ts';

const REPO = process.cwd();
// Absolute, so that a child whose working folder is a temp root still finds the loader.
const TSX = pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;
export const SERVER_MAIN = join(REPO, 'src/server/main.ts');
export const CONVERT_MAIN = join(REPO, 'src/publish/main.ts');
/** One base IRI for every test build, so a build made in-process suits the server whatever its port. */
export const TEST_BASE = 'http://localhost:3000/';

/** A temp folder holding copies of the inputs; remove it with rmSync(root, { recursive: true, force: true }). */
export const tempRoot = (): string => {
  const root = mkdtempSync(join(tmpdir(), 'jpp-life-'));
  for (const dir of ['data', 'ontology', 'queries']) cpSync(join(REPO, dir), join(root, dir), { recursive: true });
  return root;
};

export interface Proc {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Exit code (or the signal's name), once the process ended. */
  readonly exited: Promise<number | string>;
  /** Kills it if still running (SIGKILL) and waits for the end. */
  kill(): Promise<void>;
}

export const run = (script: string, opts: { cwd: string; env: Record<string, string> }): Proc => {
  const child = spawn(process.execPath, ['--import', TSX, script], {
    cwd: opts.cwd,
    env: { ...process.env, LOG_LEVEL: 'info', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
};

export interface ServerProc extends Proc {
  readonly port: number;
  readonly origin: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts src/server/main.ts on a free port and waits (at most 120 s) until /healthz answers. */
export const startServer = async (opts: { cwd: string; buildDir: string; env?: Record<string, string> }): Promise<ServerProc> => {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const p = run(SERVER_MAIN, { cwd: opts.cwd, env: { PORT: String(port), HOST: '127.0.0.1', BASE_IRI: TEST_BASE, BUILD_DIR: opts.buildDir, ...opts.env } });
  let ended = false;
  void p.exited.then(() => (ended = true));
  for (let i = 0; i < 480; i++) {
    if (ended) throw new Error(`the server exited before it was ready:\n${p.stderr()}`);
    if (await fetch(`${origin}/healthz`).then((r) => r.ok, () => false)) return { ...p, port, origin };
    await sleep(250);
  }
  await p.kill();
  throw new Error(`the server was not ready after 120 s:\n${p.stderr()}`);
};

/** Removes a temp folder. */
export const removeDir = (dir: string | undefined): void => {
  if (dir) rmSync(dir, { recursive: true, force: true });
};
