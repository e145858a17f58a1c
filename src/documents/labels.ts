// Label and type look-ups over a document, for renderers: the best label of any IRI the document mentions.
import type { Literal } from 'n3';
import { DCTERMS, RDFS, SKOS } from '../rdf/vocab.ts';
import type { ResourceDocument } from './model.ts';

/** The predicates that name a resource, in order of preference: rdfs:label, skos:prefLabel, dcterms:title. */
export const LABEL_PREDICATES: ReadonlySet<string> = new Set([`${RDFS}label`, `${SKOS}prefLabel`, `${DCTERMS}title`]);

/** The label in the preferred language, else in any other, else undefined (rdfs:label, skos:prefLabel or dcterms:title). */
export const labelOf = (doc: ResourceDocument, iri: string, language = 'ja'): string | undefined => {
  const labels: readonly Literal[] = doc.labels.get(iri) ?? [];
  return (labels.find((l) => l.language === language) ?? labels.find((l) => l.language === '') ?? labels[0])?.value;
};

/** The rdf:type IRIs of the resource or of something it mentions. */
export const typesOf = (doc: ResourceDocument, iri: string = doc.iri): readonly string[] => doc.types.get(iri) ?? [];
