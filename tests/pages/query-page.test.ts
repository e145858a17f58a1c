// The placeholder query page: a form posting to the endpoint, with the example query escaped.
import { describe, expect, it } from 'vitest';
import { queryPage } from '../../src/pages/query-page.ts';

describe('queryPage', () => {
  it('renders a form with the escaped example query', () => {
    const html = queryPage({ endpoint: 'sparql', exampleQuery: 'SELECT * { ?s ?p "<b>&" }' });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<form method="get" action="sparql">');
    expect(html).toContain('SELECT * { ?s ?p &quot;&lt;b&gt;&amp;&quot; }');
  });
});
