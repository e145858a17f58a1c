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

describe('RDFS entailment over the published dataset', () => {
  const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
  const OWL = 'http://www.w3.org/2002/07/owl#';
  /** The reflexive, transitive closure of a relation given as pairs. */
  const closure = (pairs: Iterable<[string, string]>) => {
    const up = new Map<string, Set<string>>();
    for (const [a, b] of pairs) (up.get(a) ?? up.set(a, new Set()).get(a)!).add(b);
    return (x: string) => {
      const seen = new Set([x]);
      for (const y of seen) for (const z of up.get(y) ?? []) seen.add(z);
      return seen;
    };
  };
  const pairs = (p: string) => quads.filter((q) => q.predicate.value === p && q.object.termType === 'NamedNode').map((q): [string, string] => [q.subject.value, q.object.value]);

  /**
   * Every type a resource gets from the ontology's domains and ranges (rdfs2, rdfs3, through rdfs:subPropertyOf: rdfs7),
   * and the types it is given, each with its superclasses (rdfs9).
   */
  const entailedTypes = () => {
    const superClasses = closure(pairs(`${RDFS}subClassOf`));
    const superProperties = closure(pairs(`${RDFS}subPropertyOf`));
    const domains = closure(pairs(`${RDFS}domain`));
    const ranges = closure(pairs(`${RDFS}range`));
    const stated = new Map<string, Set<string>>();
    const entailed = new Map<string, Set<string>>();
    const add = (m: Map<string, Set<string>>, s: string, c: string) => {
      for (const sup of superClasses(c)) (m.get(s) ?? m.set(s, new Set()).get(s)!).add(sup);
    };
    for (const q of quads) {
      if (q.predicate.value === RDF_TYPE) add(stated, q.subject.value, q.object.value);
      for (const p of superProperties(q.predicate.value)) {
        for (const d of domains(p)) if (d !== p) add(entailed, q.subject.value, d);
        if (q.object.termType !== 'Literal') for (const r of ranges(p)) if (r !== p) add(entailed, q.object.value, r);
      }
    }
    return { stated, entailed };
  };

  it('gives no resource a jpp: class it does not have already (a plan series is not a jpp:Plan)', () => {
    const { stated, entailed } = entailedTypes();
    const surprises = [...entailed].flatMap(([s, classes]) => [...classes].filter((c) => c.startsWith(JPP) && !stated.get(s)?.has(c)).map((c) => `${s} a ${c}`));
    expect(surprises).toEqual([]);
  });

  it('gives no resource two classes the ontology declares disjoint', () => {
    const { stated, entailed } = entailedTypes();
    const disjoint = pairs(`${OWL}disjointWith`);
    const clashes = [...new Set([...stated.keys(), ...entailed.keys()])].flatMap((s) => {
      const all = new Set([...(stated.get(s) ?? []), ...(entailed.get(s) ?? [])]);
      return disjoint.filter(([a, b]) => all.has(a) && all.has(b)).map(([a, b]) => `${s}: ${a} and ${b}`);
    });
    expect(clashes).toEqual([]);
  });
});
