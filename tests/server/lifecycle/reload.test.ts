// A new build taken in by the running server without a restart, under load: every answer is 2xx/3xx, comes wholly from
// the old or wholly from the new dataset, and afterwards the new data is served; a damaged build or one that fails
// validation is never taken in.
import { readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertAndWrite } from '../../../src/convert/index.ts';
import { CONVERT_MAIN, removeDir, run, startServer, tempRoot, TEST_BASE, type ServerProc } from './processes.ts';

let root: string;
let server: ServerProc;
const buildDir = () => join(root, 'build');
const version = () => (JSON.parse(readFileSync(join(buildDir(), 'manifest.json'), 'utf8')) as { version: string }).version;
const OLD_LABEL = 'Children and child-rearing';
const NEW_LABEL = 'Children and child-rearing (revised)';

beforeAll(async () => {
  root = tempRoot();
  await convertAndWrite({ root, baseIri: TEST_BASE, buildDir: buildDir() });
  server = await startServer({ cwd: root, buildDir: buildDir() });
});
afterAll(async () => {
  await server?.kill();
  removeDir(root);
});

const convertCli = async () => {
  const p = run(CONVERT_MAIN, { cwd: root, env: { BASE_IRI: TEST_BASE, BUILD_DIR: buildDir() } });
  try {
    return { code: await p.exited, stderr: p.stderr() };
  } finally {
    await p.kill();
  }
};

const healthVersion = async () => ((await (await fetch(`${server.origin}/healthz`)).json()) as { version: string }).version;
const waitFor = async (what: string, ok: () => Promise<boolean> | boolean, ms = 120_000) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
};

const SPARQL = `SELECT ?l { <${TEST_BASE}id/theme/children> <http://www.w3.org/2004/02/skos/core#prefLabel> ?l FILTER(lang(?l) = "en") }`;

interface Answer {
  readonly kind: string;
  readonly status: number;
  readonly etag: string;
  /** Which label the body holds: 'old', 'new', or '' when the body does not show it. */
  readonly label: string;
  readonly error?: string;
}

const labelIn = (body: string) => (body.includes(NEW_LABEL) ? 'new' : body.includes(OLD_LABEL) ? 'old' : '');

const REQUESTS: Record<string, () => Promise<Response>> = {
  document: () => fetch(`${server.origin}/data/id/theme/children.ttl`),
  page: () => fetch(`${server.origin}/page/id/theme/children`, { headers: { accept: 'text/html' }, redirect: 'manual' }),
  search: () => fetch(`${server.origin}/search?q=${encodeURIComponent('子育て')}`, { headers: { accept: 'text/html' }, redirect: 'manual' }),
  sparql: () => fetch(`${server.origin}/sparql?query=${encodeURIComponent(SPARQL)}`, { headers: { accept: 'application/sparql-results+json' } }),
};

/** One loop per kind of request, until `stop` is set; each answer recorded. */
const load = (answers: Answer[], stop: { now: boolean }) =>
  Promise.all(
    Object.entries(REQUESTS).flatMap(([kind, request]) =>
      [0, 1].map(async () => {
        // Bounded: at most this many requests per loop, whatever happens.
        for (let i = 0; i < 100_000 && !stop.now; i++) {
          try {
            const r = await request();
            const body = await r.text();
            answers.push({ kind, status: r.status, etag: r.headers.get('etag') ?? '', label: labelIn(body) });
          } catch (e) {
            answers.push({ kind, status: 0, etag: '', label: '', error: String((e as Error).cause ?? e) });
          }
        }
      }),
    ),
  );

describe('reload', () => {
  it('takes in a new build under load with no failed request, each answer wholly old or wholly new', async () => {
    const oldVersion = version();
    expect(await healthVersion()).toBe(oldVersion);
    const answers: Answer[] = [];
    const stop = { now: false };
    const loading = load(answers, stop);
    try {
      await new Promise((r) => setTimeout(r, 1_000));
      const themes = join(root, 'data/themes.yaml');
      writeFileSync(themes, readFileSync(themes, 'utf8').replace(`en: "${OLD_LABEL}"`, `en: "${NEW_LABEL}"`));
      expect((await convertCli()).code).toBe(0);
      const newVersion = version();
      expect(newVersion).not.toBe(oldVersion);
      await waitFor('the new build to be served', async () => (await healthVersion()) === newVersion);
      await new Promise((r) => setTimeout(r, 1_000));
      stop.now = true;
      await loading;

      const tally = new Map<string, number>();
      for (const a of answers) tally.set(`${a.kind} ${a.status}`, (tally.get(`${a.kind} ${a.status}`) ?? 0) + 1);
      const counts = [...tally].map(([k, n]) => `${k}: ${n}`);
      console.info(`answers during the reload: ${answers.length} (${counts.join(', ')})`);
      expect(answers.filter((a) => a.status === 0 || a.status >= 400)).toEqual([]);
      const kinds = new Set(answers.map((a) => a.kind));
      expect([...kinds].sort()).toEqual(['document', 'page', 'search', 'sparql']);
      // Documents, pages and search carry the dataset version in their ETag; the body matches it.
      for (const a of answers.filter((x) => x.kind !== 'sparql')) {
        const v = a.etag.includes(newVersion) ? 'new' : a.etag.includes(oldVersion) ? 'old' : `neither: ${a.etag}`;
        expect(v, `${a.kind} ${a.etag}`).not.toMatch(/^neither/);
        if (a.kind !== 'search') expect(a.label, `${a.kind} ${a.etag}`).toBe(v);
      }
      // SPARQL ETags hash the version with the query: two of them, each always with the same answer.
      const sparql = answers.filter((a) => a.kind === 'sparql');
      const byEtag = new Map<string, Set<string>>();
      for (const a of sparql) byEtag.set(a.etag, (byEtag.get(a.etag) ?? new Set()).add(a.label));
      expect(byEtag.size).toBeLessThanOrEqual(2);
      for (const labels of byEtag.values()) expect(labels.size).toBe(1);
      // Both datasets were seen under load, and the last answers come from the new one.
      for (const kind of ['document', 'sparql']) {
        const seen = answers.filter((a) => a.kind === kind).map((a) => a.label);
        expect(seen).toContain('old');
        expect(seen.at(-1)).toBe('new');
      }
      expect(server.stdout()).toContain(`took in dataset ${oldVersion} → ${newVersion}`);
    } finally {
      stop.now = true;
      await loading;
    }
  });

  it('never takes in a build that fails validation or a damaged one', async () => {
    const serving = await healthVersion();
    // A plan file that fails validation: the converter refuses it and leaves the build alone.
    const plan = join(root, 'data/plans/132292-nishitokyo.yaml');
    const text = readFileSync(plan, 'utf8');
    writeFileSync(plan, text.replace('title: みんなで作るまち', 'title: みんなで作らないまち'));
    expect((await convertCli()).code).toBe(1);
    writeFileSync(plan, text);
    // A damaged build: dataset.nq changed after the build, under a manifest claiming a new version.
    appendFileSync(join(buildDir(), 'dataset.nq'), '<x:a> <x:b> <x:c> .\n');
    const manifestPath = join(buildDir(), 'manifest.json');
    writeFileSync(manifestPath, readFileSync(manifestPath, 'utf8').replace(`"version": "${serving}"`, '"version": "ffffffffffffffff"'));
    await waitFor('the damaged build to be refused', () => /refused the build in .*dataset\.nq: does not match its manifest entry/.test(server.stdout()), 30_000);
    expect(await healthVersion()).toBe(serving);
    const r = await fetch(`${server.origin}/data/id/theme/children.ttl`);
    expect(r.status).toBe(200);
    expect(labelIn(await r.text())).toBe('new');
  });
});
