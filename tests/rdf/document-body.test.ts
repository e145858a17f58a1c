import { DataFactory, Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { aboutDocument, documentBody } from '../../src/rdf/document-body.ts';
import type { ResourceDocument } from '../../src/rdf/resource-document.ts';
import { siteUrls } from '../../src/rdf/uris.ts';

const B = 'http://example.org/';
const facts = { urls: siteUrls(B), license: 'https://creativecommons.org/licenses/by/4.0/' };
const { namedNode, literal, quad } = DataFactory;
const hub: ResourceDocument = {
  iri: `${B}theme/bosai`,
  path: 'theme/bosai',
  kind: 'resource',
  own: [quad(namedNode(`${B}theme/bosai`), namedNode('http://www.w3.org/2000/01/rdf-schema#label'), literal('防災', 'ja'))],
  inbound: [quad(namedNode(`${B}id/1/plan/p/measure/1`), namedNode('https://w3id.org/jp-plan/def#theme'), namedNode(`${B}theme/bosai`))],
  context: [],
  labels: new Map(),
  types: new Map(),
};
const SEE_ALSO = 'http://www.w3.org/2000/01/rdf-schema#seeAlso';
const COMMENT = 'http://www.w3.org/2000/01/rdf-schema#comment';

describe('a document describing itself', () => {
  it('names its topic, licence and dataset, and nothing of a cut when its inbound links are whole', () => {
    const about = aboutDocument(hub, 'ttl', facts);
    expect(about.map((q) => q.predicate.value).sort()).toEqual([
      'http://purl.org/dc/terms/license',
      'http://rdfs.org/ns/void#inDataset',
      'http://www.w3.org/1999/02/22-rdf-syntax-ns#type',
      'http://xmlns.com/foaf/0.1/primaryTopic',
    ]);
    expect(about.every((q) => q.subject.value === `${B}data/theme/bosai.ttl`)).toBe(true);
  });

  it('says how many inbound links a cut hub keeps of how many, and links the query that lists them all', async () => {
    const body = (await documentBody(hub, 'ttl', facts, { kept: 500, of: 525 })).toString('utf8');
    const quads = new Parser({ baseIRI: B }).parse(body);
    const self = `${B}data/theme/bosai.ttl`;
    const comment = quads.find((q) => q.subject.value === self && q.predicate.value === COMMENT);
    expect(comment?.object.value).toBe('500 of 525 inbound links; the rdfs:seeAlso query lists them all');
    const seeAlso = quads.find((q) => q.subject.value === self && q.predicate.value === SEE_ALSO);
    const query = new URL(seeAlso!.object.value).searchParams.get('query');
    expect(new URL(seeAlso!.object.value).pathname).toBe('/sparql');
    expect(query).toContain(`?s ?p <${B}theme/bosai>`);
  });
});
