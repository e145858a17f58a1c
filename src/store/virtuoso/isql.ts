// Runs SQL on one Virtuoso instance through Debian's isql-vt, as dba: used only to load data and set permissions.
import { spawn } from 'node:child_process';

export interface SqlTarget {
  readonly host: string;
  readonly sqlPort: number;
  readonly password: string;
}

export class SqlError extends Error {}

/**
 * Runs the statements (each ending with ';') and resolves with what they printed. isql-vt exits 0 even when a statement
 * fails, so its error lines decide: any "*** Error" not explicitly tolerated rejects, naming the instance and the error.
 * After `timeoutMs` (when given) isql-vt is stopped and the call rejects.
 */
export const runSql = (target: SqlTarget, sql: string, tolerate: RegExp | undefined = undefined, timeoutMs?: number): Promise<string> =>
  new Promise((resolve, reject) => {
    const where = `${target.host}:${target.sqlPort}`;
    const child = spawn('isql-vt', [where, 'dba', target.password, 'VERBOSE=OFF', 'BANNER=OFF', 'PROMPT=OFF'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let timedOut = false;
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill();
          }, timeoutMs);
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', (e) => reject(new SqlError(`cannot run isql-vt for Virtuoso at ${where} (${e.message}); install virtuoso-opensource-7-bin`)));
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) {
        reject(new SqlError(`Virtuoso at ${where}: stopped after ${timeoutMs! / 1000} s (the limit)`));
        return;
      }
      const errors = (out + err).split('\n').filter((l) => l.startsWith('*** ') && !(tolerate && tolerate.test(l)));
      if (errors.length > 0 || code !== 0) {
        reject(new SqlError(`Virtuoso at ${where}: ${errors.join('; ') || `isql-vt exited with ${code}`}`));
        return;
      }
      resolve(out);
    });
    child.stdin.end(sql);
  });

/** A SQL string literal. */
export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
