// The JSON-LD piece of a graph is written directly (src/rdf/jsonld-graph.ts) instead of by jsonld.js; the whole
// JSON-LD dump is these pieces laid end to end, so they must be the very bytes jsonld.js gives.
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { graphPieces, jsonLdWithJsonld } from '../../src/convert/graph-files.ts';
import { compactedGraphEntry } from '../../src/rdf/jsonld-graph.ts';
import { sortQuads, toNQuads, usedPrefixes } from '../../src/rdf/serialize.ts';
import { writeSynthetic } from '../../src/synth/index.ts';
import { convert } from '../../src/convert/index.ts';

const { namedNode: iri, literal, quad } = DataFactory;
const G = iri('http://localhost:3000/graph/t');
const jsonldOf = async (quads: readonly Quad[]) => {
  const sorted = sortQuads(quads);
  return JSON.stringify(await jsonLdWithJsonld(toNQuads(sorted), usedPrefixes(sorted)), null, 2);
};
const directOf = (quads: readonly Quad[]) => {
  const sorted = sortQuads(quads);
  const entry = compactedGraphEntry(sorted, usedPrefixes(sorted));
  return entry && JSON.stringify(entry, null, 2);
};

const byGraph = (quads: readonly Quad[]) => {
  const graphs = new Map<string, Quad[]>();
  for (const q of quads) graphs.set(q.graph.value, [...(graphs.get(q.graph.value) ?? []), q]);
  return [...graphs.values()];
};

describe('the JSON-LD piece', () => {
  it('is what jsonld.js makes of every graph of the real build and of synthetic plans, written without it', { timeout: 120_000 }, async () => {
    const real = await convert({ root: '.', baseIri: 'http://localhost:3000/' });
    const root = mkdtempSync(join(tmpdir(), 'jpp-jsonld-'));
    try {
      for (const d of ['data', 'ontology']) symlinkSync(join(process.cwd(), d), join(root, d));
      writeSynthetic(join(root, 'synth'), { bodies: 1, seed: '3' });
      const synth = await convert({ root, baseIri: 'http://example.org/lod/', synthetic: true, plansDir: 'synth/plans', sourcesDir: 'synth/sources' });
      const graphs = [...byGraph(real.quads), ...byGraph(synth.quads)];
      expect(graphs.length).toBe(6 + 1 + 1);
      for (const graph of graphs) {
        const direct = directOf(graph);
        // The direct writer handles everything the converter emits: jsonld.js is only a fallback.
        expect(direct, graph[0]!.graph.value).toBeDefined();
        expect(direct, graph[0]!.graph.value).toBe(await jsonldOf(graph));
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('chooses the CURIE, types, literals and value arrays as jsonld.js does', async () => {
    const s = iri('http://localhost:3000/id/1');
    const quads = [
      quad(s, iri('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), iri('https://w3id.org/jp-plan/def#Goal'), G),
      quad(s, iri('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), iri('http://example.org/NoPrefix'), G),
      quad(s, iri('http://purl.org/dc/terms/title'), literal('題', 'ja'), G),
      quad(s, iri('http://purl.org/dc/terms/title'), literal('Title "quoted"\n', 'en'), G),
      quad(s, iri('http://schema.org/position'), literal('3', iri('http://www.w3.org/2001/XMLSchema#integer')), G),
      quad(s, iri('http://schema.org/value'), literal('1.5', iri('http://example.org/dt')), G),
      quad(s, iri('http://www.w3.org/2004/02/skos/core#notation'), literal('Ⅱ'), G),
      // Both sdmx-measure: and (were it declared) a shorter prefix could match: the shortest, then least CURIE wins.
      quad(s, iri('http://purl.org/linked-data/sdmx/2009/measure#obsValue'), literal('2', iri('http://www.w3.org/2001/XMLSchema#decimal')), G),
      quad(s, iri('http://example.org/p'), iri('http://localhost:3000/id/2'), G),
      quad(s, iri('http://example.org/p'), iri('http://qudt.org/vocab/unit/PERCENT'), G),
      quad(iri('http://localhost:3000/id/2'), iri('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), iri('https://w3id.org/jp-plan/def#Vision'), G),
      quad(iri('http://localhost:3000/id/10'), iri('http://www.w3.org/2000/01/rdf-schema#label'), literal('x'), G),
    ];
    expect(directOf(quads)).toBeDefined();
    expect(directOf(quads)).toBe(await jsonldOf(quads));
  });

  it('leaves to jsonld.js what it does not write itself, and the piece is still jsonld.js\'s', async () => {
    const s = iri('http://localhost:3000/id/1');
    const blank = [quad(s, iri('http://example.org/p'), DataFactory.blankNode('b0'), G), quad(iri('http://localhost:3000/id/2'), iri('http://example.org/p'), literal('x'), G)];
    const list = [quad(s, iri('http://example.org/p'), iri('http://www.w3.org/1999/02/22-rdf-syntax-ns#nil'), G), quad(iri('http://localhost:3000/id/2'), iri('http://example.org/p'), literal('x'), G)];
    const single = [quad(s, iri('http://example.org/p'), literal('x'), G)];
    for (const quads of [blank, list, single]) {
      expect(directOf(quads)).toBeUndefined();
      const pieces = await graphPieces(sortQuads(quads));
      expect(pieces.jsonld).toBe((await jsonldOf(quads)).split('\n').map((l) => `    ${l}`).join('\n'));
    }
  });
});
