// The converter's SHACL runs on its own dataset (src/convert/shacl-dataset.ts) instead of @rdfjs/dataset: the same
// matches, and so the very same report, violation for violation.
import { readFileSync } from 'node:fs';
import rdfDataset from '@rdfjs/dataset';
import type { Quad } from '@rdfjs/types';
import { DataFactory, Parser } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { describe, expect, it } from 'vitest';
import { ShaclDataset } from '../../src/convert/shacl-dataset.ts';
import { validateShacl } from '../../src/convert/shacl.ts';

const parse = (file: string) => new Parser({ format: 'text/turtle' }).parse(readFileSync(file, 'utf8'));
const shapes = readFileSync('ontology/shapes.ttl', 'utf8');
const key = (q: Quad) => `${q.subject.termType}${q.subject.value} ${q.predicate.value} ${q.object.termType}${q.object.value}@${'language' in q.object ? q.object.language : ''}^${'datatype' in q.object ? q.object.datatype.value : ''}`;
const keys = (quads: Iterable<Quad>) => [...quads].map(key).sort();

describe('the SHACL dataset', () => {
  it('matches every pattern as @rdfjs/dataset does, and keeps set semantics', () => {
    const quads = [...parse('tests/fixtures/shapes-sample.ttl'), ...parse('tests/fixtures/shapes-bad.ttl')];
    const ours = new ShaclDataset(quads);
    const theirs = rdfDataset.dataset(quads);
    expect(ours.size).toBe(theirs.size);
    const terms = (pick: (q: Quad) => Quad['subject'] | Quad['predicate'] | Quad['object']) => [undefined, ...new Set(quads.map(pick))].slice(0, 40);
    let nonEmpty = 0;
    for (const s of terms((q) => q.subject))
      for (const p of terms((q) => q.predicate).slice(0, 12))
        for (const o of terms((q) => q.object).slice(0, 12)) {
          const got = keys(ours.match(s, p, o));
          expect(got, `${s?.value} ${p?.value} ${o?.value}`).toEqual(keys(theirs.match(s, p, o)));
          if (got.length > 0) nonEmpty++;
        }
    expect(nonEmpty).toBeGreaterThan(100);
    // A literal differs from an IRI of the same text, and a language from another.
    const s = DataFactory.namedNode('urn:x:s');
    const p = DataFactory.namedNode('urn:x:p');
    const small = new ShaclDataset([DataFactory.quad(s, p, DataFactory.literal('a', 'ja')), DataFactory.quad(s, p, DataFactory.literal('a', 'ja'))]);
    expect(small.size).toBe(1);
    expect(small.match(null, null, DataFactory.literal('a', 'en')).size).toBe(0);
    expect(small.match(null, null, DataFactory.namedNode('a')).size).toBe(0);
    // A match is a snapshot: adding to the dataset later does not change it.
    const matched = ours.match(null, p);
    ours.add(DataFactory.quad(s, p, s));
    expect(matched.size).toBe(0);
    expect(ours.match(null, p).size).toBe(1);
  });

  it('gives the same SHACL report as @rdfjs/dataset on the deliberately broken sample', async () => {
    const data = parse('tests/fixtures/shapes-bad.ttl');
    const reference = new SHACLValidator(rdfDataset.dataset(parse('ontology/shapes.ttl')));
    const expected = (await reference.validate(rdfDataset.dataset(data.map((q) => DataFactory.quad(q.subject, q.predicate, q.object))))).results;
    const got = await validateShacl(data, shapes);
    expect(expected.length).toBeGreaterThanOrEqual(6);
    // Blank-node paths (sequence paths of the shapes) are labelled per parse: compared as "_".
    const path = (p: string | undefined) => (p === undefined ? '' : /^n3-\d+$/.test(p) ? '_' : p);
    expect(got.map((v) => `${v.focusNode} ${path(v.path)} ${v.severity} ${v.message}`).sort()).toEqual(
      expected.map((r) => `${r.focusNode?.value ?? ''} ${r.path?.termType === 'BlankNode' ? '_' : (r.path?.value ?? '')} ${r.severity?.value.replace(/^.*#/, '') ?? ''} ${r.message.map((m) => m.value).join(' / ')}`).sort(),
    );
  });
});
