// The schema.org Dataset markup as a page embeds it: hostile catalog text cannot end the data block; descriptions fit Google's bounds.
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { CatalogIndex, datasetMarkup, DESCRIPTION_MAX, DESCRIPTION_MIN, fitDescription } from '../../src/documents/index.ts';
import { jsonLdScript } from '../../src/pages/page-parts.ts';

const { namedNode, literal, quad } = DataFactory;
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const CATALOG = 'http://example.org/catalog';
const DATASET = 'http://example.org/dataset/x';
const LANDING = 'http://example.org/page/x';
const HOSTILE = '</script><script>alert(1)</script><!--';

const catalogWith = (title: string) =>
  new CatalogIndex(
    [
      quad(namedNode(CATALOG), namedNode(RDF_TYPE), namedNode(`${DCAT}Catalog`)),
      quad(namedNode(CATALOG), namedNode(`${DCAT}dataset`), namedNode(DATASET)),
      quad(namedNode(DATASET), namedNode(RDF_TYPE), namedNode(`${DCAT}Dataset`)),
      quad(namedNode(DATASET), namedNode(`${DCT}title`), literal(title, 'ja')),
      quad(namedNode(DATASET), namedNode(`${DCT}title`), literal(title, 'en')),
      quad(namedNode(DATASET), namedNode(`${DCT}description`), literal(`${title} — a description long enough to pass the lower bound.`, 'en')),
      quad(namedNode(DATASET), namedNode(`${DCAT}landingPage`), namedNode(LANDING)),
    ],
    CATALOG,
  );

describe('schema.org Dataset markup embedded in a page', () => {
  it('cannot be closed or commented out by a title holding </script>', () => {
    const markup = datasetMarkup(catalogWith(`計画 ${HOSTILE}`)).get(LANDING)!;
    for (const json of [markup.ja, markup.en]) {
      const block = jsonLdScript(json).value;
      const inner = block.slice('<script type="application/ld+json">'.length, block.lastIndexOf('</script>'));
      // One script element, whose text has no markup in it and parses back to the very title.
      expect(block.match(/<\/script/gi)).toHaveLength(1);
      expect(inner).not.toMatch(/[<>]/);
      expect(inner).toContain('\\u003c/script\\u003e');
      expect(JSON.parse(inner).name).toBe(`計画 ${HOSTILE}`);
    }
  });

  it('falls back to the other language for a description the page language lacks', () => {
    const markup = datasetMarkup(catalogWith('T')).get(LANDING)!;
    expect(JSON.parse(markup.ja).description).toBe(JSON.parse(markup.en).description);
  });
});

describe('fitDescription', () => {
  const long = 'あ'.repeat(60);
  it('keeps a description within bounds as it is, in the page language first', () => {
    expect(fitDescription({ ja: long, en: 'e'.repeat(80) }, 'T', 'ja')).toBe(long);
    expect(fitDescription({ ja: long, en: 'e'.repeat(80) }, 'T', 'en')).toBe('e'.repeat(80));
  });
  it('leads a short one with the title, and cuts a long one at a full stop', () => {
    expect(fitDescription({ en: 'Too short.' }, 'A dataset with a rather long title of its own', 'en')).toBe('A dataset with a rather long title of its own: Too short.');
    const cut = fitDescription({ en: `${'A sentence. '.repeat(500)}` }, 'T', 'en');
    expect([...cut].length).toBeLessThanOrEqual(DESCRIPTION_MAX);
    expect([...cut].length).toBeGreaterThanOrEqual(DESCRIPTION_MIN);
    expect(cut.endsWith('.')).toBe(true);
  });
  it('refuses when no language gives a description within bounds', () => {
    expect(() => fitDescription({ ja: '短い', en: 'short' }, 'T', 'ja')).toThrow(/no description/);
  });
});
