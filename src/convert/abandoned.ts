// Staging folders are named after the process writing them (`<name>.tmp-<pid>`, `<name>.tmp-<pid>-<thread>`), so that
// one left by a converter that was killed (SIGKILL, the OOM killer, a power cut) can be told from one in use: its
// process is gone. A national build stages GBs, which would otherwise stay on disk for good.

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
