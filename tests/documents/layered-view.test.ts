// An element page's view made over the vocabulary's view (made once) is the view made from both graphs' triples at
// once, on the real plans; it is refused when the plan's triples describe a vocabulary subject.
import { DataFactory, type Quad } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../../src/convert/index.ts';
import { distinctTriples, LANGS, type ViewIndex } from '../../src/documents/index.ts';
import { baseView, buildViewIndex, layeredViewIndex } from '../../src/documents/view-index.ts';
import { iris, siteUrls } from '../../src/rdf/uris.ts';
import { RDFS } from '../../src/rdf/vocab.ts';

const BASE = 'http://localhost:3000/';
const urls = siteUrls(BASE);

/** Everything a page can read of a view, as plain data: its maps and lists, and its look-ups for every IRI given. */
const contents = (view: ViewIndex, subjects: readonly string[]) => ({
  elements: [...view.elements],
  children: [...view.children],
  plans: [...view.plans],
  municipalities: view.municipalities,
  themes: view.themes,
  sources: [...view.sources],
  quotesOf: [...view.quotesOf],
  quoteBySelection: [...view.quoteBySelection],
  byTheme: [...view.byTheme],
  themeCounts: [...view.themeCounts].map(([t, row]) => [t, [...row]]),
  elementCounts: [...view.elementCounts].map(([p, row]) => [p, [...row]]),
  lookups: subjects.map((s) => ({
    s,
    labels: LANGS.map((l) => view.label(s, l)),
    isClass: view.isClass(s),
    definitions: LANGS.map((l) => view.definition(s, l)),
    ancestors: view.ancestors(s).map((e) => e.iri),
  })),
});

describe('layeredViewIndex', () => {
  let vocabulary: Quad[];
  let plans: Quad[][];
  beforeAll(async () => {
    const dataset = await convert({ root: process.cwd(), baseIri: BASE });
    const graph = iris(BASE).vocabularyGraph();
    vocabulary = distinctTriples(dataset.quads.filter((q) => q.graph.value === graph));
    const byGraph = new Map<string, Quad[]>();
    for (const q of dataset.quads) if (q.graph.value !== graph) (byGraph.get(q.graph.value) ?? byGraph.set(q.graph.value, []).get(q.graph.value)!).push(q);
    plans = [...byGraph.values()].map((quads) => distinctTriples(quads));
  }, 120_000);

  it('gives the view of the vocabulary and a plan together, for every plan', () => {
    const base = baseView(vocabulary, urls)!;
    expect(base).toBeDefined();
    let withElements = 0;
    for (const triples of plans) {
      const layered = layeredViewIndex(base, triples, urls)!;
      const whole = buildViewIndex([...vocabulary, ...triples], urls);
      expect(layered).toBeDefined();
      if (layered.elements.size > 0) withElements++;
      expect(layered.themes.length).toBeGreaterThan(10);
      const subjects = [...new Set([...vocabulary, ...triples].flatMap((q) => [q.subject.value, q.object.value]))].sort();
      expect(contents(layered, subjects)).toEqual(contents(whole, subjects));
    }
    expect(withElements).toBeGreaterThanOrEqual(5);
  });

  it('refuses triples that describe a vocabulary subject, and a base that holds plan data', () => {
    const base = baseView(vocabulary, urls)!;
    const theme = base.view.themes[0]!.iri;
    const described = [...plans.find((p) => layeredViewIndex(baseView(vocabulary, urls)!, p, urls)!.elements.size > 10)!, DataFactory.quad(DataFactory.namedNode(theme), DataFactory.namedNode(`${RDFS}label`), DataFactory.literal('別名', 'ja'))];
    expect(layeredViewIndex(base, described, urls)).toBeUndefined();
    expect(baseView([...vocabulary, ...plans[0]!], urls)).toBeUndefined();
  });
});
