// A municipality's documents, made from the build's rows (documents.sqlite), are the documents its slice makes, on a
// synthetic build with municipalities of two plan editions (a plan replacing another) and source texts.
import { join } from 'node:path';
import type { Literal, Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTS_FILE, openDocumentRows } from '../../../src/convert/document-rows.ts';
import { readLicense } from '../../../src/convert/sitemap-file.ts';
import { quadLine } from '../../../src/rdf/serialize.ts';
import type { Site } from '../../../src/server/lib/site.ts';
import { sliceOf } from '../../../src/documents/slice-keys.ts';
import { syntheticSite } from '../../site-helpers.ts';

let synthetic: Awaited<ReturnType<typeof syntheticSite>>;
let site: Site;
beforeAll(async () => {
  synthetic = await syntheticSite();
  site = synthetic.site;
}, 300_000);
afterAll(() => synthetic?.close());

const lines = (quads: readonly Quad[]) => quads.map(quadLine);
const labels = (m: ReadonlyMap<string, readonly Literal[]>) => [...m].map(([k, v]) => [k, v.map((l) => `${l.value}@${l.language}`).sort()]).sort();
const types = (m: ReadonlyMap<string, readonly string[]>) => [...m].map(([k, v]) => [k, [...v].sort()]).sort();

describe('documents from rows', () => {
  // Thousands of documents made twice and compared: minutes on a loaded machine.
  it('are, for every path of every municipality, the document its slice makes', { timeout: 300_000 }, () => {
    const codes = new Set(site.summary.plans.map((p) => p.code));
    expect(site.summary.plans.length).toBeGreaterThan(codes.size);
    let compared = 0;
    const kinds = new Set<string>();
    for (const code of codes) {
      const slice = site.slices.get(code);
      for (const [path, expected] of slice.documents.byPath) {
        if (sliceOf(path, site.summary, codes) !== code) continue;
        expect(site.hasDocument(path), path).toBe(true);
        const doc = site.document(path);
        expect(doc, path).toBeDefined();
        expect({ iri: doc!.iri, kind: doc!.kind }).toEqual({ iri: expected.iri, kind: expected.kind });
        expect(lines(doc!.own), `own ${path}`).toEqual(lines(expected.own));
        expect(lines(doc!.inbound), `inbound ${path}`).toEqual(lines(expected.inbound));
        expect(lines(doc!.context), `context ${path}`).toEqual(lines(expected.context));
        expect(labels(doc!.labels), `labels ${path}`).toEqual(labels(expected.labels));
        expect(types(doc!.types), `types ${path}`).toEqual(types(expected.types));
        compared++;
        kinds.add(doc!.kind);
      }
    }
    expect(compared).toBeGreaterThan(4000);
    expect([...kinds].sort()).toEqual(['resource', 'source']);
  });

  it("serve the Turtle the converter stored, which is, for every path of every municipality, its slice's document's", { timeout: 300_000 }, async () => {
    const codes = new Set(site.summary.plans.map((p) => p.code));
    const rows = openDocumentRows(join(synthetic.buildDir, DOCUMENTS_FILE), site.urls.home(), readLicense(process.cwd()));
    let compared = 0;
    try {
      for (const code of codes) {
        for (const [path, expected] of site.slices.get(code).documents.byPath) {
          if (sliceOf(path, site.summary, codes) !== code) continue;
          const made = (await site.documentBody(expected, 'ttl')).toString('utf8');
          expect(rows.turtle(code, expected.iri)?.toString('utf8'), path).toBe(made);
          // Through the document threads, as the route asks (every tenth: a round trip each).
          if (compared++ % 10 === 0) expect((await site.description(path, 'ttl'))?.body.toString('utf8'), path).toBe(made);
        }
      }
    } finally {
      rows.close();
    }
    expect(compared).toBeGreaterThan(4000);
  });

  it('answer a path of a built municipality that has no document with nothing', () => {
    const code = site.summary.plans[0]!.code;
    expect(site.document(`id/${code}/plan/nope`)).toBeUndefined();
  });
});
