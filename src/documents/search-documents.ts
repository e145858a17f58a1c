// What the search index is built from: every plan and plan element of the view index, with its searchable fields.
import { shownElement, type SearchDocument } from '../search/index.ts';
import type { ViewIndex } from './view-model.ts';

/** What the search index holds: every municipality (by its name), plan and plan element, grouped by municipality code. */
export const searchDocuments = (view: ViewIndex): SearchDocument[] => {
  const codeOf = new Map(view.municipalities.map((m) => [m.iri, m.code]));
  const nameOf = new Map(view.municipalities.map((m) => [m.iri, m.labels.ja]));
  return [
    ...view.municipalities.flatMap((m) => (m.labels.ja === undefined ? [] : [{ id: m.iri, group: m.code, fields: { title: m.labels.ja }, shown: { cls: 'Municipality', municipality: m.iri } }])),
    ...[...view.plans.values()].map((p) => ({
      id: p.iri,
      group: codeOf.get(p.municipality),
      // The municipality's name as the plan's field (plans have none): 世田谷区 基本計画 finds 世田谷区's 基本計画.
      fields: { title: p.titles.ja ?? p.labels.ja, field: nameOf.get(p.municipality), text: p.description },
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
