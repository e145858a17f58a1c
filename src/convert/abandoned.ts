// Staging folders and files are named after the process writing them (`<name>.tmp-<pid>`, `<name>.tmp-<pid>-<thread>`),
// so that one left by a converter that was killed (SIGKILL, the OOM killer, a power cut) can be told from one in use: its
// process is gone. A national build stages GBs, which would otherwise stay on disk for good.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Whether a process with this pid exists (one of another user counts: it may be a build running now). */
export const processRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The pid in `name` when it is `<prefix><pid>` (or, with `more`, `<prefix><pid>-<anything>`) and that process is gone
 * (never this one); undefined for any other name, and for a process still running.
 */
export const abandonedBy = (name: string, prefix: string, more = false): number | undefined => {
  if (!name.startsWith(prefix)) return undefined;
  const m = (more ? /^(\d+)(?:-|$)/ : /^(\d+)$/).exec(name.slice(prefix.length));
  if (!m) return undefined;
  const pid = Number(m[1]);
  return pid > 0 && pid !== process.pid && !processRunning(pid) ? pid : undefined;
};

/**
 * Writes a cache's file whole or not at all, through `<file>.tmp-<pid>` (another process may write it at once); a
 * failure leaves it unwritten, for the next run to make again.
 */
export const keepFile = (file: string, bytes: string | Buffer): void => {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const staging = `${file}.tmp-${process.pid}`;
    writeFileSync(staging, bytes);
    renameSync(staging, file);
  } catch {
    // not kept
  }
};

/**
 * Removes from `dir` the entries among `names` (files or folders) that are not `kept`, and the staging entries
 * (`<name>.tmp-<pid>[-<thread>]`) of processes that are gone; another run's staging is left alone. Returns the
 * removed entries that were not staging, sorted.
 */
export const pruneEntries = (dir: string, names: readonly string[], kept: (name: string) => boolean): string[] => {
  const gone: string[] = [];
  for (const name of names) {
    const at = name.indexOf('.tmp-');
    if (at >= 0 ? abandonedBy(name.slice(at), '.tmp-', true) === undefined : kept(name)) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    if (at < 0) gone.push(name);
  }
  return gone.sort();
};
