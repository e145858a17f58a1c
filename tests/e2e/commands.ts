// Test helper for the end-to-end tests: the project's commands (the entry points `npm run synth`, `npm run validate`,
// `npm run convert` and `npm run virtuoso` run) as child processes in a temp root, with their exit code and output.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const REPO = process.cwd();
const TSX = pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;

/** The script each npm command runs (package.json "scripts"), and its fixed arguments. */
export const COMMANDS = {
  synth: [join(REPO, 'src/synth/main.ts')],
  validate: [join(REPO, 'src/publish/main.ts'), '--check'],
  convert: [join(REPO, 'src/publish/main.ts')],
  virtuoso: [join(REPO, 'scripts/virtuoso/main.ts')],
} as const;

export interface Ran {
  readonly code: number | null;
  readonly out: string;
  readonly ms: number;
}

/** Runs `npm run <name> -- <args>` as its script, in cwd, and waits (at most timeoutMs: then it is killed). */
export const command = (name: keyof typeof COMMANDS, args: readonly string[], opts: { cwd: string; env: Record<string, string>; timeoutMs: number }): Promise<Ran> =>
  new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', TSX, ...COMMANDS[name], ...args], {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const guard = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, out, ms: Math.round(performance.now() - started) });
    });
  });
