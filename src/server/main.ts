// Starts the server: config, an intact and current build, the first generation (store + site + app), then listen.
// A new build is taken in without a restart (SIGHUP, or manifest.json changing when RELOAD_WATCH is on); SIGTERM and
// SIGINT drain in-flight requests (at most SHUTDOWN_GRACE_MS) and exit 0. A start-up failure is one line naming the
// file or setting and the reason, and exit code 1.
import { getHeapStatistics } from 'node:v8';
import { pino } from 'pino';
import { loadConfig, type Config } from '../config.ts';
import { describeError, ensureBuild } from '../convert/index.ts';
import { convertInChildProcess, StoppedWhileConverting } from './lifecycle/convert-process.ts';
import { loadGeneration, type Generation } from './lifecycle/generation.ts';
import { logDestination } from './lifecycle/log-destination.ts';
import { reloader } from './lifecycle/reload.ts';
import { serve, type Serving } from './lifecycle/serve.ts';

const fail = (e: unknown): never => {
  process.stderr.write(`jp-plan-lod: cannot start: ${describeError(e)}\n`);
  process.exit(1);
};

// Log lines are written asynchronously and in batches (a write per access line costs as much as serving a document);
// what is still waiting is written on exit.
const destination = logDestination(1);
process.on('exit', () => {
  try {
    destination.flushSync();
  } catch {
    // stdout is gone: nothing more can be written
  }
});

const start = async (): Promise<{ config: Config; serving: Serving; logging: { loggerInstance: pino.Logger } }> => {
  let first: Generation | undefined;
  try {
    const config = loadConfig();
    const logging = { loggerInstance: pino({ level: config.logLevel }, destination) };
    const build = await ensureBuild(
      config,
      (reason) => process.stderr.write(`jp-plan-lod: rebuilding ${config.buildDir}: ${reason}\n`),
      convertInChildProcess,
    );
    first = await loadGeneration(config, logging, build);
    const serving = serve(config, first);
    await serving.listen(config.host, config.port);
    return { config, serving, logging };
  } catch (e) {
    await first?.close().catch(() => {});
    if (e instanceof StoppedWhileConverting) {
      process.stderr.write(`jp-plan-lod: ${e.message}\n`);
      process.exit(0);
    }
    return fail(e);
  }
};

const { config, serving, logging } = await start();
const log = () => serving.current.app.log;
const reload = reloader(config, serving, logging);
process.on('SIGHUP', () => void reload.trigger('SIGHUP'));

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) {
    // A second signal does not wait for the grace period.
    log().warn(`${signal} again: closing every connection now`);
    serving.server.closeAllConnections();
    return;
  }
  stopping = true;
  reload.stop();
  log().info(`${signal}: shutting down; no new connections, in-flight requests have ${config.http.shutdownGraceMs} ms to finish`);
  const drained = await serving.shutdown(config.http.shutdownGraceMs);
  if (drained) log().info('every request answered; workers stopped; bye');
  else log().warn(`requests still running after ${config.http.shutdownGraceMs} ms were cut off; workers stopped`);
  process.exit(drained ? 0 : 1);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

const { manifest, app } = serving.current;
log().info(
  `dataset ${manifest.version} (${manifest.quads} quads) on http://${config.host}:${config.port}/; SPARQL at ${app.urls.sparql()}; ` +
    `new builds are taken in on SIGHUP${config.reloadWatch ? ` or when ${config.buildDir}/manifest.json changes` : ''}; ` +
    `V8 heap limit ${Math.round(getHeapStatistics().heap_size_limit / 2 ** 20)} MB`,
);
