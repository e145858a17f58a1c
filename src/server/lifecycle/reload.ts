// Takes in a new build without a restart: on a trigger (manifest.json changed, SIGHUP) the build is verified and loaded
// as a new generation beside the serving one, then swapped in; any failure leaves the old generation serving.
import { unwatchFile, watchFile, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { describeError, MANIFEST, readManifest } from '../../convert/index.ts';
import type { BuildOptions } from '../app.ts';
import { loadGeneration } from './generation.ts';
import type { Serving } from './serve.ts';

/** How often manifest.json is polled (polling, unlike fs.watch, survives the converter renaming the whole folder). */
export const WATCH_INTERVAL_MS = 1_000;

export interface Reloader {
  /** Reloads now (or once more after the reload under way); resolves when done. */
  trigger(why: string): Promise<void>;
  /** Stops watching and refuses further reloads. */
  stop(): void;
}

export const reloader = (config: Config, serving: Serving, logging: Pick<BuildOptions, 'logger' | 'loggerInstance'>): Reloader => {
  const log = () => serving.current.app.log;
  let running: Promise<void> | undefined;
  let again: string | undefined;
  let stopped = false;

  const once = async (why: string): Promise<void> => {
    const old = serving.current.manifest.version;
    let version: string;
    try {
      version = readManifest(config.buildDir).version;
    } catch (e) {
      log().warn(`reload (${why}): refused the build in ${config.buildDir}: ${describeError(e)}; still serving ${old}`);
      return;
    }
    if (version === old) {
      log().info(`reload (${why}): ${config.buildDir} still holds dataset ${old}; nothing to take in`);
      return;
    }
    let next;
    try {
      next = await loadGeneration(config, logging);
    } catch (e) {
      log().warn(`reload (${why}): refused the build in ${config.buildDir}: ${describeError(e)}; still serving ${old}`);
      return;
    }
    // The folder may have been replaced again while it was read: then what was read may mix two builds; read it again.
    let now: string | undefined;
    try {
      now = readManifest(config.buildDir).version;
    } catch {
      now = undefined;
    }
    if (stopped || now !== next.manifest.version) {
      await next.close();
      if (!stopped) again ??= 'the build changed while it was loaded';
      return;
    }
    serving.swap(next);
    next.app.log.info(
      `reload (${why}): took in dataset ${old} → ${next.manifest.version} (${next.manifest.quads} quads, loaded in ${next.loadMs} ms); ${old} closes when its requests are answered`,
    );
  };

  const trigger = (why: string): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = why;
      return running;
    }
    running = (async () => {
      let reason: string | undefined = why;
      // One reload per trigger that arrived meanwhile, coalesced: ends as soon as no new trigger came.
      while (reason !== undefined && !stopped) {
        again = undefined;
        await once(reason);
        reason = again;
      }
    })().finally(() => (running = undefined));
    return running;
  };

  const manifestPath = join(config.buildDir, MANIFEST);
  const onChange = (curr: Stats, prev: Stats) => {
    // A missing file (between the converter's two renames) has no inode; the next poll sees the new manifest.
    if (curr.ino === 0 || (curr.ino === prev.ino && curr.mtimeMs === prev.mtimeMs)) return;
    void trigger(`${MANIFEST} changed`);
  };
  if (config.reloadWatch) watchFile(manifestPath, { interval: WATCH_INTERVAL_MS, persistent: false }, onChange);

  return {
    trigger,
    stop() {
      stopped = true;
      unwatchFile(manifestPath, onChange);
    },
  };
};
