// What the search index is built from: every plan and plan element of the view index, with its searchable fields.
import { shownElement, type SearchDocument } from '../search/index.ts';
import type { ViewIndex } from './view-model.ts';

/** What the search index holds: every plan element and plan, grouped by municipality code. */
export const searchDocuments = (view: ViewIndex): SearchDocument[] => {
  const codeOf = new Map(view.municipalities.map((m) => [m.iri, m.code]));
  return [
    ...[...view.plans.values()].map((p) => ({
      id: p.iri,
      group: codeOf.get(p.municipality),
      fields: { title: p.titles.ja ?? p.labels.ja, text: p.description },
      shown: { cls: 'Plan', municipality: p.municipality },
    })),
    ...[...view.elements.values()].map((e) => ({
      id: e.iri,
      group: codeOf.get(e.municipality),
      fields: { title: e.title ?? (e.text ? undefined : e.label), subtitle: e.subtitle, field: e.fieldName, text: e.text },
      shown: shownElement(e.cls, e.levelName, e.notation, e.label, e.title !== undefined, e.municipality),
    })),
  ];
};
