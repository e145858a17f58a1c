// Every SKOS concept scheme of the vocabulary graph (the ontology's code lists and the theme and SSDS schemes) is whole:
// its top concepts are stated from both ends (SKOS: skos:hasTopConcept is the inverse of skos:topConceptOf), it has a
// dcterms:title in Japanese and English (DCAT-AP 3.0.1: a concept scheme's title is mandatory), and it and each of its
// concepts have exactly one skos:prefLabel per language (SKOS S14), in Japanese and English. The ontology's own terms
// have a label and a definition in both languages, as the README says.
import { readFileSync } from 'node:fs';
import type { Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { ontologyQuads } from '../../src/convert/dataset.ts';
import { loadThemes } from '../../src/plan/load-themes.ts';
import { themesToQuads } from '../../src/rdf/themes-to-quads.ts';
import { iris } from '../../src/rdf/uris.ts';
import { DCTERMS, JPP_ONTOLOGY, RDF, RDFS, SKOS } from '../../src/rdf/vocab.ts';

const BASE = 'http://localhost:3000/';
const uri = iris(BASE);
const ontology = ontologyQuads(readFileSync('ontology/jpplan.ttl', 'utf8'), uri.vocabularyGraph(), 'ontology/jpplan.ttl');
const { scheme } = loadThemes('data/themes.yaml', readFileSync('data/themes.yaml', 'utf8'));
const vocabulary: readonly Quad[] = [...ontology, ...themesToQuads(scheme!, uri)];

const subjects = (p: string, o: string) => vocabulary.filter((q) => q.predicate.value === p && q.object.value === o).map((q) => q.subject.value);
const objects = (s: string, p: string) => vocabulary.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);
/** The languages of s's values of p, one entry per value (so a language given twice shows twice). */
const languages = (s: string, p: string) => objects(s, p).map((o) => (o.termType === 'Literal' ? o.language : `<${o.value}>`)).sort();
const schemes = [...new Set(subjects(`${RDF}type`, `${SKOS}ConceptScheme`))].sort();

describe('the concept schemes of the vocabulary graph', () => {
  it('are the five the project publishes', () => {
    expect(schemes).toEqual([uri.ssdsScheme(), uri.themeScheme(), `${JPP_ONTOLOGY}#directions`, `${JPP_ONTOLOGY}#planStatuses`, `${JPP_ONTOLOGY}#valueKinds`].sort());
  });

  it.each(schemes)('%s states its top concepts from both ends', (s) => {
    const has = objects(s, `${SKOS}hasTopConcept`).map((o) => o.value).sort();
    const of = subjects(`${SKOS}topConceptOf`, s).sort();
    expect(has.length).toBeGreaterThan(0);
    expect(has).toEqual(of);
  });

  it.each(schemes)('%s has one dcterms:title and one skos:prefLabel in Japanese and in English', (s) => {
    expect(languages(s, `${DCTERMS}title`)).toEqual(['en', 'ja']);
    expect(languages(s, `${SKOS}prefLabel`)).toEqual(['en', 'ja']);
  });

  it.each(schemes)('%s: each concept in it is a skos:Concept with one skos:prefLabel in Japanese and in English', (s) => {
    const concepts = [...new Set([...subjects(`${SKOS}inScheme`, s), ...subjects(`${SKOS}topConceptOf`, s)])];
    expect(concepts.length).toBeGreaterThan(0);
    for (const c of concepts) {
      expect(objects(c, `${RDF}type`).map((o) => o.value), c).toContain(`${SKOS}Concept`);
      expect(objects(c, `${SKOS}inScheme`).map((o) => o.value), c).toContain(s);
      expect(languages(c, `${SKOS}prefLabel`), c).toEqual(['en', 'ja']);
    }
  });
});

describe("the ontology's own terms", () => {
  const terms = subjects(`${RDFS}isDefinedBy`, JPP_ONTOLOGY);

  it('each have a label (rdfs:label or skos:prefLabel) and a skos:definition, one in Japanese and one in English', () => {
    expect(terms.length).toBeGreaterThan(50);
    const missing = terms.flatMap((t) => {
      const labels = [...languages(t, `${RDFS}label`), ...languages(t, `${SKOS}prefLabel`)].sort();
      const definitions = languages(t, `${SKOS}definition`);
      return [
        ...(labels.join() === 'en,ja' ? [] : [`${t} labels ${labels.join() || 'none'}`]),
        ...(definitions.join() === 'en,ja' ? [] : [`${t} definitions ${definitions.join() || 'none'}`]),
      ];
    });
    expect(missing).toEqual([]);
  });
});
