// `npm run convert` (writes build/: the converter's files, then every municipality resource's page rendered ahead) and
// `npm run validate` (--check: checks everything, writes nothing).
import { constants } from 'node:os';
import { loadConfig } from '../config.ts';
import { abandonBuild, convertAndWriteReport, describeError, validate } from '../convert/index.ts';
import { formatProblem } from '../plan/errors.ts';
import { checkDraft } from '../plan/check-draft.ts';
import type { PageStoreReport } from './page-store.ts';
import { prerenderStage } from './prerender.ts';

const check = process.argv.includes('--check');
const draftAt = process.argv.indexOf('--draft');
if (draftAt >= 0) {
  // `npm run validate -- --draft <file>`: one draft plan file; warnings are listed, only problems fail.
  const file = process.argv[draftAt + 1];
  if (file === undefined) {
    console.error('validate --draft needs a plan file: npm run validate -- --draft <file.yaml>');
    process.exit(2);
  }
  const { problems, warnings, elements } = checkDraft(loadConfig().root, file);
  for (const w of warnings) console.log(`warning: ${formatProblem(w)}`);
  for (const p of problems) console.error(`error: ${formatProblem(p)}`);
  console.log(`${file}: ${problems.length === 0 ? `valid draft, ${elements} elements` : 'invalid draft'}; ${problems.length} error(s), ${warnings.length} warning(s)`);
  process.exit(problems.length === 0 ? 0 : 1);
}
try {
  const config = loadConfig();
  // Stopped (Ctrl-C, a service manager, the server that ran it going away): its staging folder is removed and the
  // previous build stays as it was; the exit code is the shell's for the signal (130, 143), or 1.
  const stop = (why: string, code: number) => {
    if (!check) abandonBuild(config.buildDir);
    console.error(`${check ? 'validate' : 'convert'} stopped by ${why}; the previous build is left untouched.`);
    process.exit(code);
  };
  // `on`, not `once`: a repeated signal (Ctrl-C reaches the server and this, which it also passes on) must not find
  // the default action, which would end this in the middle of removing its staging folder.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stop(signal, 128 + constants.signals[signal]));
  // Run by the server (convert-process.ts) with an IPC channel: when the server exits, even by SIGKILL, so does this.
  if (process.channel) {
    process.channel.unref();
    process.once('disconnect', () => stop('the end of the server that ran it', 1));
  }
  const plans = (r: { converted: readonly string[]; cached: readonly string[] }) =>
    `${r.converted.length} plan(s) converted on ${Math.min(config.convertWorkers, r.converted.length)} worker(s), ${r.cached.length} unchanged from the cache`;
  if (check) {
    const report = await validate(config);
    console.log(`valid: ${report.quads} quads in ${report.graphs} graphs; ${plans(report)}; no build written`);
  } else {
    let pages: PageStoreReport | undefined;
    let seconds = 0;
    const { manifest, ...report } = await convertAndWriteReport(
      config,
      undefined,
      prerenderStage(config.convertWorkers, (made, took) => {
        pages = made;
        seconds = took;
      }),
    );
    console.log(
      `built ${config.buildDir}${manifest.synthetic ? ' (SYNTHETIC)' : ''}: ${manifest.quads} quads in ${manifest.graphs.length} graphs, version ${manifest.version}, base ${manifest.baseIri}; ${plans(report)}`,
    );
    console.log(
      `  pages rendered ahead: ${pages!.pages} (${pages!.rendered.length} municipalities rendered, ${pages!.reused.length} taken unchanged from the previous build; ${seconds.toFixed(1)} s)`,
    );
    // A national build has thousands of files: list them only for a small one.
    if (manifest.files.length <= 20) for (const f of manifest.files) console.log(`  ${f.path}  ${f.bytes} bytes`);
  }
} catch (e) {
  // Every failure is named (file and reason), never a stack: the messages of InputError and ShapeViolationError list
  // each problem, and Node's file errors name the path they could not read or write.
  console.error(`${check ? 'validate' : 'convert'} failed; the previous build is left untouched.\n${describeError(e)}`);
  process.exit(1);
}
