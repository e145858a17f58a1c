// `npm start` on a missing or stale build runs the converter (src/publish/main.ts, what `npm run convert` runs) as its
// own process: a national build takes GBs of heap, which would otherwise meet the server's heap limit (package.json's
// start script) and stay in the server's memory long after the build was written.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CONVERTER = fileURLToPath(new URL('../../publish/main.ts', import.meta.url));

/** Node's flags that load modules before the script (tsx's hook), each with its value; no other flag is passed on. */
const MODULE_FLAGS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);

/** The flags of `execArgv` that the converter needs to load TypeScript as this process does: the module hooks only. */
export const moduleFlags = (execArgv: readonly string[]): string[] => {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    const name = arg.split('=', 1)[0]!;
    if (!MODULE_FLAGS.has(name)) continue;
    if (arg.includes('=')) kept.push(arg);
    else if (i + 1 < execArgv.length) kept.push(arg, execArgv[++i]!);
  }
  return kept;
};

/** The server was asked to stop (SIGINT, SIGTERM) while the converter it ran was making the build. */
export class StoppedWhileConverting extends Error {
  constructor(signal: NodeJS.Signals, finished: boolean) {
    super(
      finished
        ? `${signal} while the converter was rebuilding: it had just written the new build; stopping`
        : `${signal} while the converter was rebuilding: it was stopped, and the previous build is left untouched`,
    );
  }
}

/**
 * Runs the converter in the server's working folder and environment (so with the same inputs and build folder); its
 * output goes to stderr, which keeps stdout for the access log. Rejects when it fails: its own message, naming the
 * file, the place and the reason, is then already on stderr, and the previous build is untouched. SIGINT and SIGTERM
 * are passed on to it, which then stops (removing its staging folder) and rejects with StoppedWhileConverting; the
 * IPC channel ends it if this process dies (converter main.ts). What a killed converter leaves, ensureBuild clears.
 */
export const convertInChildProcess = (): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...moduleFlags(process.execArgv), CONVERTER], { stdio: ['ignore', 2, 2, 'ipc'] });
    let stoppedBy: NodeJS.Signals | undefined;
    const forward = (signal: NodeJS.Signals) => {
      // A second signal does not wait for the converter to clean up.
      child.kill(stoppedBy ? 'SIGKILL' : signal);
      stoppedBy ??= signal;
    };
    const signals = ['SIGINT', 'SIGTERM'] as const;
    for (const signal of signals) process.on(signal, forward);
    const done = () => {
      for (const signal of signals) process.off(signal, forward);
    };
    child.once('error', (e) => {
      done();
      reject(new Error(`could not run the converter (${CONVERTER}): ${e.message}`));
    });
    child.once('exit', (code, signal) => {
      done();
      if (code === 0 && !stoppedBy) return resolve();
      if (stoppedBy) reject(new StoppedWhileConverting(stoppedBy, code === 0));
      else reject(new Error(`the converter (${CONVERTER}) ${signal ? `was stopped by ${signal}` : `exited with code ${code}`}; its message is above`));
    });
  });
