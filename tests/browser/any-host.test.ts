// The site through two host names at once: its base IRI's (localhost) and another (127.0.0.1, as a LAN address or a
// reverse proxy would be). From both, pages are styled, the CSP blocks nothing, links stay on the host, and YASGUI runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveSite, openBrowser, type Browser, type LiveSite } from './browser-helpers.ts';

const PLAN = 'id/132217/plan/dai4ji-choki-sogo-keikaku';
const MEASURE = `${PLAN}/measure/1-1-1`;

let live: LiveSite;
let b: Browser;
/** Requests a page made itself (styles, scripts, the editor's queries), each with the address of that page. */
const fetched: { from: string; url: string }[] = [];
beforeAll(async () => {
  live = await liveSite({ host: 'localhost' });
  b = await openBrowser();
  b.context.on('request', (r) => {
    if (!r.isNavigationRequest() && !r.url().startsWith('data:')) fetched.push({ from: r.frame().url(), url: r.url() });
  });
  // CSP violations are recorded by the page itself as well as logged to the console.
  await b.context.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
});
afterAll(async () => {
  await b?.close();
  await live?.close();
});

const port = () => new URL(live.base).port;
const violations = () => b.page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
/** site.css makes <body> a flex column: only applied if the stylesheet loaded. */
const styled = () => b.page.evaluate(() => getComputedStyle(document.body).display);

describe.each(['localhost', '127.0.0.1'])('reached as http://%s:<port>/ (base IRI http://localhost:<port>/)', (host) => {
  const origin = () => `http://${host}:${port()}`;

  it('styles the home page, a plan and the ontology page (landing pages, with their Dataset JSON-LD), an element page, the catalog and VoID pages and the query page, with no CSP violation', async () => {
    const { page } = b;
    const before = b.errors.length;
    for (const path of ['/', `/page/${PLAN}`, '/page/ontology', `/page/${MEASURE}`, '/catalog', '/.well-known/void', '/sparql']) {
      await page.goto(origin() + path);
      expect(await styled(), path).toBe('flex');
      expect(await violations(), path).toEqual([]);
    }
    // The query editor's own stylesheet applied too (YASGUI hides its fallback textarea).
    await page.locator('.yasqe .CodeMirror').waitFor();
    expect(await page.locator('.yasqe .CodeMirror').evaluate((el) => getComputedStyle(el).position)).toBe('relative');
    expect(b.errors.slice(before)).toEqual([]);
  });

  it('stays on the host when following links, the search form and a language switch', async () => {
    const { page } = b;
    await page.goto(`${origin()}/`);
    await page.getByRole('link', { name: '第4次清瀬市長期総合計画' }).click();
    await page.waitForURL(`${origin()}/page/${PLAN}`);
    expect(await styled()).toBe('flex');
    await page.locator('header .search-box input[name=q]').fill('防災');
    await page.locator('header .search-box input[name=q]').press('Enter');
    await page.waitForURL(`${origin()}/search?q=${encodeURIComponent('防災')}`);
    await page.locator('li.result a').first().click();
    await page.waitForURL(new RegExp(`^${origin()}/page/id/`));
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(new RegExp(`^${origin()}/page/id/.*lang=en`));
    expect(await styled()).toBe('flex');
    expect(await violations()).toEqual([]);
  });

  it('runs a query in the editor against the endpoint on the same host', async () => {
    const { page } = b;
    await page.goto(`${origin()}/sparql`);
    await page.locator('.yasqe .CodeMirror').waitFor();
    await page.locator('button.example').first().click();
    // The editor's own requests to the endpoint (not the page itself), with their answers.
    const asked: { url: string; status: number }[] = [];
    const onResponse = (r: { url(): string; status(): number; request(): { resourceType(): string } }) => {
      if (r.url().includes('/sparql') && r.request().resourceType() !== 'document') asked.push({ url: r.url(), status: r.status() });
    };
    page.on('response', onResponse);
    // Generous and repeated: on two shared cores a click can land before the editor is wired up.
    const rows = page.locator('.yasr table tbody tr');
    for (let attempt = 0; attempt < 3 && (await rows.count()) === 0; attempt++) {
      await page.locator('.yasqe_queryButton').click();
      await rows.first().waitFor({ timeout: 30_000 }).catch(() => {});
    }
    page.off('response', onResponse);
    expect(await rows.count()).toBeGreaterThan(5);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((a) => a.url.startsWith(`${origin()}/sparql`) && a.status === 200), JSON.stringify(asked)).toBe(true);
    expect(await page.locator('.yasr table').innerText()).toContain('清瀬市');
    expect(await violations()).toEqual([]);
  }, 180_000);
});

describe('what the browser did', () => {
  it('asked only the host each page came from, and logged no errors', () => {
    const fromOther = fetched.filter((f) => f.from.startsWith('http://127.0.0.1:'));
    expect(fromOther.length).toBeGreaterThan(10);
    expect(fetched.filter((f) => new URL(f.url).host !== new URL(f.from).host)).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
