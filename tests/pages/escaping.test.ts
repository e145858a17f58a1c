// Every value from the data is escaped: a label, text, quote or level name containing <script> renders as text on every page.
import { DataFactory, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { buildDocumentIndex, buildViewIndex, searchDocuments } from '../../src/documents/index.ts';
import { homePage, makeLinks, pageContext, resourcePage, searchOptions, searchPage, searchResponse, sourcePage } from '../../src/pages/index.ts';
import { siteUrls } from '../../src/rdf/uris.ts';
import { DCTERMS, JPP, OA, RDF, RDFS, SCHEMA, SKOS } from '../../src/rdf/vocab.ts';
import { buildSearchIndex } from '../../src/search/index.ts';

const { namedNode: n, literal: l, quad: q } = DataFactory;
const BASE = 'http://localhost:3000/';
const urls = siteUrls(BASE);
const EVIL = '<script>alert(1)</script>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

const municipality = urls.municipality('999999');
const plan = urls.plan('999999', 'evil');
const measure = urls.element(plan, 'measure/1');
const theme = urls.theme('environment');
const source = urls.sourceText('999999-evil.txt');
const selection = urls.selection(measure, 'title');
const TEXT = `前文\n${EVIL}を含む施策\n後文`;
const start = Array.from('前文\n').length;

const quads: Quad[] = [
  q(n(municipality), n(`${RDF}type`), n(`${JPP}Municipality`)),
  q(n(municipality), n(`${RDFS}label`), l(`市${EVIL}`, 'ja')),
  q(n(municipality), n(`${DCTERMS}identifier`), l('999999')),
  q(n(plan), n(`${RDF}type`), n(`${JPP}Plan`)),
  q(n(plan), n(`${RDFS}label`), l(`計画${EVIL}`, 'ja')),
  q(n(plan), n(`${DCTERMS}title`), l(`計画${EVIL}`, 'ja')),
  q(n(plan), n(`${JPP}municipality`), n(municipality)),
  q(n(measure), n(`${RDF}type`), n(`${JPP}Measure`)),
  q(n(measure), n(`${RDFS}label`), l(`${EVIL}を含む施策`, 'ja')),
  q(n(measure), n(`${DCTERMS}title`), l(`${EVIL}を含む施策`, 'ja')),
  q(n(measure), n(`${DCTERMS}description`), l(`本文${EVIL}`, 'ja')),
  q(n(measure), n(`${JPP}levelName`), l(`施策${EVIL}`, 'ja')),
  q(n(measure), n(`${SKOS}notation`), l(`1${EVIL}`)),
  q(n(measure), n(`${JPP}plan`), n(plan)),
  q(n(measure), n(`${SCHEMA}position`), l('1', n('http://www.w3.org/2001/XMLSchema#integer'))),
  q(n(measure), n(`${JPP}theme`), n(theme)),
  q(n(measure), n(`${JPP}titleQuote`), n(selection)),
  q(n(selection), n(`${RDF}type`), n(`${OA}SpecificResource`)),
  q(n(selection), n(`${OA}hasSource`), n(source)),
  q(n(selection), n(`${OA}hasSelector`), n(`${selection}/exact`)),
  q(n(selection), n(`${OA}hasSelector`), n(`${selection}/position`)),
  q(n(`${selection}/exact`), n(`${OA}exact`), l(`${EVIL}を含む施策`)),
  q(n(`${selection}/position`), n(`${OA}start`), l(String(start))),
  q(n(`${selection}/position`), n(`${OA}end`), l(String(start + Array.from(`${EVIL}を含む施策`).length))),
  q(n(source), n(`${RDF}type`), n(`${JPP}SourceText`)),
  q(n(source), n(`${RDFS}label`), l('999999-evil.txt')),
  q(n(theme), n(`${RDF}type`), n(`${JPP}Theme`)),
  q(n(theme), n(`${SKOS}prefLabel`), l(`分野${EVIL}`, 'ja')),
  q(n(theme), n(`${SKOS}prefLabel`), l(`Theme ${EVIL}`, 'en')),
  q(n(theme), n(`${SKOS}definition`), l(`定義${EVIL}`, 'ja')),
];

const view = buildViewIndex(quads, urls);
const documents = buildDocumentIndex(quads, urls);
const links = (lang: 'ja' | 'en') => makeLinks(urls, lang, (p) => documents.byPath.has(p));
const alternates = [{ href: `${BASE}data/x.ttl`, type: 'text/turtle', label: 'Turtle' }];
const jsonld = JSON.stringify({ '@id': measure, label: `</script>${EVIL}<!--` });

const expectEscaped = (html: string, what: string) => {
  expect(html, what).not.toContain('<script>alert');
  expect(html, what).not.toMatch(/<\/script>[^\n]*alert/);
  expect(html, what).toContain('alert(1)');
};

describe('escaping', () => {
  it('renders hostile labels, texts, level names and JSON-LD as text on every resource page, in both languages', () => {
    for (const lang of ['ja', 'en'] as const)
      for (const iri of [measure, plan, municipality, theme, selection]) {
        const doc = documents.byIri.get(iri)!;
        const html = resourcePage({ ctx: pageContext(links(lang), view), doc, alternates, jsonld });
        expectEscaped(html, `${iri} ${lang}`);
      }
    const page = resourcePage({ ctx: pageContext(links('ja'), view), doc: documents.byIri.get(measure)!, alternates, jsonld });
    expect(page).toContain(`<h1 lang="ja">${ESCAPED}を含む施策</h1>`);
    expect(page).toContain('\\u003c/script\\u003e');
  });

  it('escapes the source viewer, the home page and the search page', () => {
    const ctx = pageContext(links('ja'), view);
    const src = sourcePage({ ctx, source: view.sources.get('999999-evil.txt')!, text: TEXT });
    expectEscaped(src, 'source');
    expect(src).toMatch(new RegExp(`<mark id="999999-evil-measure-1-title" class="q q-title"><a class="q-tag"[^>]*>[^<]*</a>${ESCAPED.replace(/[()]/g, '\\$&')}を含む施策</mark>`));
    expectEscaped(homePage({ ctx }), 'home');
    const index = buildSearchIndex(searchDocuments(view));
    for (const q of ['施策', EVIL, 'script']) {
      const req = { q, page: 1 };
      const response = searchResponse(ctx, req, index.search(q, searchOptions(req)));
      expectEscaped(searchPage({ ctx, response }), `search ${q}`);
    }
    expect(index.search('alert', searchOptions({ q: 'alert', page: 1 })).total).toBeGreaterThan(0);
  });
});
