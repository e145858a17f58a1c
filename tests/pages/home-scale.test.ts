// The home and theme-scheme pages at national size: one line per municipality and a table of totals per theme, so the
// page stays readable and small; below the limit, the cards and the heatmap.
import { DataFactory, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { buildDocumentIndex, buildViewIndex } from '../../src/documents/index.ts';
import { MATRIX_COLUMNS_MAX } from '../../src/pages/heatmap.ts';
import { homePage, makeLinks, pageContext } from '../../src/pages/index.ts';
import { themeSchemePage } from '../../src/pages/theme-page.ts';
import { siteUrls } from '../../src/rdf/uris.ts';
import { DCTERMS, JPP, RDF, RDFS, SCHEMA, SKOS } from '../../src/rdf/vocab.ts';

const { namedNode: n, literal: l, quad: q } = DataFactory;
const urls = siteUrls('http://localhost:3000/');
const themes = ['environment', 'welfare'].map((id) => urls.theme(id));

/** `count` municipalities with one plan of one measure each, tagged with the first theme (every third also the second). */
const data = (count: number): Quad[] => {
  const out: Quad[] = themes.flatMap((t, i) => [
    q(n(t), n(`${RDF}type`), n(`${JPP}Theme`)),
    q(n(t), n(`${SKOS}prefLabel`), l(`テーマ${i}`, 'ja')),
    q(n(t), n(`${SKOS}notation`), l(String(i))),
  ]);
  for (let i = 0; i < count; i++) {
    const code = String(900001 + i);
    const mu = urls.municipality(code);
    const plan = urls.plan(code, 'keikaku');
    const measure = urls.element(plan, 'measure/1');
    out.push(
      q(n(mu), n(`${RDF}type`), n(`${JPP}Municipality`)),
      q(n(mu), n(`${RDFS}label`), l(`合成市${i}`, 'ja')),
      q(n(mu), n(`${DCTERMS}identifier`), l(code)),
      q(n(plan), n(`${RDF}type`), n(`${JPP}Plan`)),
      q(n(plan), n(`${RDFS}label`), l(`計画${i}`, 'ja')),
      q(n(plan), n(`${JPP}municipality`), n(mu)),
      q(n(measure), n(`${RDF}type`), n(`${JPP}Measure`)),
      q(n(measure), n(`${RDFS}label`), l(`施策${i}`, 'ja')),
      q(n(measure), n(`${JPP}plan`), n(plan)),
      q(n(measure), n(`${SCHEMA}position`), l('1')),
      q(n(measure), n(`${JPP}theme`), n(themes[0]!)),
    );
    if (i % 3 === 0) out.push(q(n(measure), n(`${JPP}theme`), n(themes[1]!)));
  }
  return out;
};

const render = (count: number) => {
  const quads = data(count);
  const documents = buildDocumentIndex(quads, urls);
  const ctx = pageContext(makeLinks(urls, 'ja', (p) => documents.byPath.has(p)), buildViewIndex(quads, urls));
  return { home: homePage({ ctx }), scheme: themeSchemePage({ ctx, iri: urls.themeScheme(), alternates: [], self: urls.themeScheme() }) };
};

describe('home and theme scheme pages by the number of municipalities', () => {
  it('show cards and the heatmap up to the limit', () => {
    const { home, scheme } = render(MATRIX_COLUMNS_MAX);
    expect(home).toContain('<svg class="heatmap"');
    expect(home.match(/class="card municipality-card"/g)).toHaveLength(MATRIX_COLUMNS_MAX);
    expect(home).toContain(`${MATRIX_COLUMNS_MAX}の自治体の総合計画`);
    expect(scheme).toContain('<svg class="heatmap"');
  });

  it('above it, one line per municipality and a table of totals per theme, in a page that grows by about a line per municipality', () => {
    const count = 1000;
    const { home, scheme } = render(count);
    expect(home).not.toContain('<svg class="heatmap"');
    expect(home).not.toContain('municipality-card');
    expect(home.match(/<li><a href="[^"]*\/page\/id\/9\d{5}"/g)).toHaveLength(count);
    expect(home).toContain(`${count}の自治体の総合計画`);
    for (const page of [home, scheme]) {
      const table = /<table class="matrix-totals"[\s\S]*?<\/table>/.exec(page)?.[0] ?? '';
      // Theme 0 tags every municipality's measure; theme 1 every third.
      expect(table).toMatch(/テーマ0<\/a><\/th><td class="n">1000<\/td><td class="n">1000<\/td>/);
      expect(table).toMatch(/テーマ1<\/a><\/th><td class="n">334<\/td><td class="n">334<\/td>/);
    }
    expect(Buffer.byteLength(home)).toBeLessThan(count * 400);
  });
});
