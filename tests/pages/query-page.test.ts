// The query page: YASGUI from /assets/, the examples named by their comment lines, everything escaped, a no-script form.
import { describe, expect, it } from 'vitest';
import { exampleName, makeLinks, queryPage } from '../../src/pages/index.ts';
import { siteUrls } from '../../src/rdf/uris.ts';

const BASE = 'http://localhost:3000/';

describe('queryPage', () => {
  const page = (lang: 'ja' | 'en' = 'ja', base = BASE) =>
    queryPage({
      links: makeLinks(siteUrls(base), lang, () => false),
      examples: [{ file: '01-x.rq', name: { ja: '質問 <b>', en: 'Question <b>' }, query: 'SELECT * { ?s ?p "</script><b>&" }' }],
      exampleQuery: 'SELECT * {}',
    });

  it('loads YASGUI and its stylesheet from /assets/ and nothing from elsewhere', () => {
    const html = page();
    expect(html).toMatch(/^<!doctype html>\n<html lang="ja">/);
    expect(html).toContain(`<script src="/assets/yasgui.min.js"></script>`);
    expect(html).toContain(`<script src="/assets/sparql-page.js"></script>`);
    expect(html).toContain(`<link rel="stylesheet" href="/assets/yasgui.min.css">`);
    // Root-relative (works from any host); only the hreflang alternates name the page by its absolute URL.
    for (const [tag, url] of html.matchAll(/<[^>]*(?:src|href|action)="([^"]+)"[^>]*>/g))
      expect(url!.startsWith('/') || url === 'sparql' || url!.startsWith('#') || (tag!.includes('rel="alternate"') && url!.startsWith(BASE)), url).toBe(true);
  });

  it('under a base IRI with a path, points everything the browser fetches under that path, whatever the host', () => {
    const base = 'https://example.org/plans/';
    const html = page('ja', base);
    expect(html).toContain('<link rel="stylesheet" href="/plans/assets/yasgui.min.css">');
    expect(html).toContain('<link rel="stylesheet" href="/plans/assets/site.css">');
    expect(html).toContain('<script src="/plans/assets/yasgui.min.js"></script>');
    expect(html).toContain('<script src="/plans/assets/sparql-page.js"></script>');
    expect(html).toContain('<form class="search-box" action="/plans/search"');
    expect(html).toContain('<a class="brand" href="/plans/">');
    expect(JSON.parse(/<script type="application\/json" id="sparql-config">([^<]*)<\/script>/.exec(html)![1]!).endpoint).toBe('/plans/sparql');
    // The endpoint is still named by its IRI.
    expect(html).toContain(`<code>${base}sparql</code>`);
    expect(html).not.toMatch(/(?:src|href|action)="https:\/\/example\.org\/(?!plans\/sparql\?lang=|plans\/sparql")/);
  });

  it('escapes the examples in the buttons, the JSON block and the no-script form', () => {
    const html = page();
    expect(html).toContain('>質問 &lt;b&gt;</button>');
    expect(html).not.toContain('</script><b>');
    expect(html).toContain('\\u003c/script\\u003e\\u003cb\\u003e\\u0026');
    expect(html).toContain('<form method="get" action="sparql">');
    expect(html).toContain('SELECT * { ?s ?p &quot;&lt;/script&gt;&lt;b&gt;&amp;&quot; }');
    const json = /<script type="application\/json" id="sparql-config">([^<]*)<\/script>/.exec(html)![1]!;
    expect(JSON.parse(json).examples[0].query).toBe('SELECT * { ?s ?p "</script><b>&" }');
    expect(JSON.parse(json).endpoint).toBe('/sparql');
  });

  it('speaks English with lang=en', () => {
    const html = page('en');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('>Question &lt;b&gt;</button>');
    expect(html).toContain('Example queries');
  });

  it('names an example by its # ja: / # en: lines, else its first comment', () => {
    expect(exampleName('a.rq', '# ja: 問い\n# en: Question\nSELECT * {}')).toEqual({ ja: '問い', en: 'Question' });
    expect(exampleName('a.rq', '# Just a name\nSELECT * {}')).toEqual({ ja: 'Just a name', en: 'Just a name' });
    expect(exampleName('a.rq', 'SELECT * {}')).toEqual({ ja: 'a.rq', en: 'a.rq' });
  });
});
