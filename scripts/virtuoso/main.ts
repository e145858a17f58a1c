// `npm run virtuoso -- install|start|stop|status|load [buildDir]`: runs the Virtuoso slots the server's STORE=virtuoso uses.
import { execFileSync } from 'node:child_process';
import { loadConfig } from '../../src/config.ts';
import { describeError, ensureBuild, readVerifiedBuild } from '../../src/convert/index.ts';
import { loadIntoSlot, readMarker, slotsOf, type Marker } from '../../src/store/index.ts';
import { datasetSource } from '../../src/server/lifecycle/generation.ts';
import { runningPid, startSlot, stopSlot } from './instance.ts';

const config = loadConfig();
const slots = slotsOf(config.virtuoso);
const say = (line: string) => process.stdout.write(`${line}\n`);

const install = () => {
  try {
    execFileSync('sh', ['-c', 'command -v virtuoso-t && command -v isql-vt'], { stdio: 'ignore' });
    say('virtuoso-t and isql-vt are installed');
  } catch {
    execFileSync('bash', ['scripts/virtuoso/install.sh'], { stdio: 'inherit' });
  }
};

const commands: Record<string, (args: string[]) => Promise<void>> = {
  install: async () => install(),
  async start() {
    install();
    for (const slot of slots) say(`Virtuoso ${slot.name}: PID ${await startSlot(slot, config)}, SPARQL at ${slot.endpoint.url}, data in ${slot.dir}`);
  },
  async stop() {
    for (const slot of slots) say(`Virtuoso ${slot.name}: ${(await stopSlot(slot)) ? 'stopped' : 'was not running'}`);
  },
  async status() {
    for (const slot of slots) {
      const pid = runningPid(slot);
      const marker = pid ? await readMarker(slot.endpoint, 10_000).catch((e: unknown) => e as Error) : undefined;
      const holds = marker instanceof Error ? `not answering (${marker.message})` : marker ? `dataset ${marker.version}, loaded ${marker.loadedAt}` : 'no dataset';
      say(`Virtuoso ${slot.name}: ${pid ? `PID ${pid}, ${holds}` : 'not running'}`);
    }
  },
  /** Loads a verified build into the slot that does not hold the newest load (or reports the slot that holds it already). */
  async load([dir]) {
    // Without a folder: the server's own build, made or remade first as `npm start` would (a fresh clone has none yet).
    const build = dir ? readVerifiedBuild(dir, config.synthetic) : await ensureBuild(config, (reason) => say(`rebuilding ${config.buildDir}: ${reason}`));
    const { manifest } = build;
    const source = datasetSource(dir ?? config.buildDir, build);
    const markers = await Promise.all(slots.map((s) => readMarker(s.endpoint, config.sparql.timeoutMs)));
    const holding = slots.find((_, i) => markers[i]?.version === manifest.version);
    if (holding) {
      say(`Virtuoso ${holding.name} already holds dataset ${manifest.version}`);
      return;
    }
    const order = slots.map((s, i) => ({ s, m: markers[i] as Marker | undefined })).sort((a, b) => (a.m?.loadedAt ?? '').localeCompare(b.m?.loadedAt ?? ''));
    const target = order[0]!.s;
    const started = performance.now();
    // The file as it is (Virtuoso's bulk loader reads it); the triples each graph and their merge must hold, from the build.
    await loadIntoSlot(target, { file: source.file }, manifest.version, { graphs: source.graphCounts, merge: source.mergeTriples }, config.virtuoso.loadTimeoutMs);
    say(`Virtuoso ${target.name}: loaded dataset ${manifest.version} (${manifest.quads} quads) in ${Math.round(performance.now() - started)} ms; send SIGHUP to the servers to take it in`);
  },
};

const [name = '', ...args] = process.argv.slice(2);
const command = commands[name];
if (!command) {
  process.stderr.write(`usage: npm run virtuoso -- ${Object.keys(commands).join('|')} [buildDir]\n`);
  process.exit(2);
}
try {
  await command(args);
} catch (e) {
  process.stderr.write(`virtuoso ${name}: ${describeError(e)}\n`);
  process.exit(1);
}
