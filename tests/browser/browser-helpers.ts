// Browser-test fixture: the real app (real dataset, real SPARQL store) on an ephemeral 127.0.0.1 port, and Debian's chromium.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.ts';
import { convert } from '../../src/convert/index.ts';
import { writeBuild } from '../../src/convert/write-build.ts';
import { buildApp } from '../../src/server/index.ts';
import { loadSite, type Site } from '../../src/server/lib/site.ts';
import { createLocalStore, type Store } from '../../src/store/index.ts';
import { freePort } from '../free-port.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = 'test-output/screenshots';

export interface LiveSite {
  /** The base IRI the app mints its IRIs under, e.g. http://127.0.0.1:41234/ (it listens on 127.0.0.1 and that port). */
  readonly base: string;
  readonly app: FastifyInstance;
  readonly site: Site;
  close(): Promise<void>;
}

/**
 * Converts the project's data for an ephemeral origin and serves it (pages, Linked Data and SPARQL) on 127.0.0.1.
 * `host` names the base IRI's host (default 127.0.0.1); another name for loopback, such as localhost, makes a site
 * reachable through two host names, only one of them its base IRI's.
 */
export const liveSite = async ({ host = '127.0.0.1' }: { host?: string } = {}): Promise<LiveSite> => {
  const port = await freePort();
  const base = `http://${host}:${port}/`;
  const root = process.cwd();
  const tmp = mkdtempSync(join(tmpdir(), 'jpp-browser-'));
  const buildDir = join(tmp, 'build');
  const config = { ...loadConfig({ BASE_IRI: base, PORT: String(port), SPARQL_SERVICE_ALLOWLIST: ' ' }, root), buildDir };
  const dataset = await convert({ root, baseIri: base });
  await writeBuild(buildDir, dataset.files, dataset.manifest);
  const store: Store = createLocalStore({ ...config.sparql, workers: 1, serviceAllowlist: [], baseIri: base });
  await store.load(readFileSync(join(buildDir, 'dataset.nq'), 'utf8'), dataset.manifest.version);
  const site = await loadSite(config, dataset.manifest);
  const app = await buildApp(config, store, dataset.manifest, { site });
  await app.listen({ host: '127.0.0.1', port });
  return {
    base,
    app,
    site,
    close: async () => {
      await app.close();
      await store.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
};

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every URL the browser asked for. */
  readonly requests: string[];
  /** Console errors and uncaught page errors. */
  readonly errors: string[];
  close(): Promise<void>;
}

/** Headless chromium with a fresh profile, no background traffic, Japanese locale, recording requests and errors. */
export const openBrowser = async (): Promise<Browser> => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run bash scripts/ci-setup.sh`);
  const profile = mkdtempSync(join(tmpdir(), 'jpp-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'ja-JP',
    viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const watch = (page: Page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()} (${page.url()})`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message} (${page.url()})`));
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
    });
  };
  context.on('page', watch);
  const first = context.pages()[0];
  if (first) watch(first);
  const page = first ?? (await context.newPage());
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    context,
    page,
    requests,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};
