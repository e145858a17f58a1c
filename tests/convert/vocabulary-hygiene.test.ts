// The vocabulary graph says nothing about other publishers' concepts that would clash with what they publish,
// and the ontology's own statements are of the kinds its properties expect.
import { readFileSync } from 'node:fs';
import { Parser, type Quad } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../../src/convert/index.ts';
import { DCTERMS, JPP, JPP_ONTOLOGY, RDFS, SKOS } from '../../src/rdf/vocab.ts';

const BASE = 'http://localhost:3000/';
let quads: readonly Quad[];
beforeAll(async () => {
  quads = (await convert({ root: process.cwd(), baseIri: BASE })).quads;
});

describe('SKOS hygiene', () => {
  it('gives no skos:prefLabel to a concept of another scheme (SKOS S14 for anyone merging theirs)', () => {
    const ours = (iri: string) => iri.startsWith(BASE) || iri.startsWith(JPP);
    const foreign = quads.filter((q) => q.predicate.value === `${SKOS}prefLabel` && !ours(q.subject.value));
    expect(foreign.map((q) => q.subject.value)).toEqual([]);
  });

  it('still labels the SDG goals it links to, as rdfs:label in Japanese and English', () => {
    const goal1 = quads.filter((q) => q.subject.value === 'http://metadata.un.org/sdg/1' && q.predicate.value === `${RDFS}label`);
    expect(goal1.map((q) => (q.object as { language: string }).language).sort()).toEqual(['en', 'ja']);
  });

  it('has at most one skos:prefLabel per language on each of its own concepts (S14)', () => {
    const seen = new Map<string, number>();
    for (const q of quads)
      if (q.predicate.value === `${SKOS}prefLabel`) {
        const key = `${q.subject.value} @${(q.object as { language: string }).language}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    expect([...seen].filter(([, n]) => n > 1)).toEqual([]);
  });
});

describe('ontology', () => {
  const ontology = new Parser().parse(readFileSync('ontology/jpplan.ttl', 'utf8'));
  const objects = (s: string, p: string) => ontology.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);

  it('names its creator as a resource, not a string', () => {
    const creators = objects(JPP_ONTOLOGY, `${DCTERMS}creator`);
    expect(creators.length).toBeGreaterThan(0);
    expect(creators.every((c) => c.termType === 'NamedNode')).toBe(true);
    expect(objects(creators[0]!.value, `http://xmlns.com/foaf/0.1/name`).length).toBeGreaterThan(0);
  });

  it('does not make jpp:parent a kind of dcterms:isPartOf (an indicator is not part of its goal)', () => {
    expect(objects(`${JPP}parent`, `${RDFS}subPropertyOf`).map((t) => t.value)).not.toContain(`${DCTERMS}isPartOf`);
  });
});
