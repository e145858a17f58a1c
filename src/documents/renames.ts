// Plans renamed when their IRIs gained an edition key: the published IRIs name the same resources (owl:sameAs in the
// data), and every URL of the site under an old plan's name moves to the same place under the new one (pure).
import type { Quad } from 'n3';
import type { SiteUrls } from '../rdf/uris.ts';
import { OWL } from '../rdf/vocab.ts';

/** One URL prefix that moved: a request for `from` or anything under it (`from/…`, `from.ext`) goes to `to` + the rest. */
export interface MovedPrefix {
  readonly from: string;
  readonly to: string;
}

/**
 * The moved URL prefixes, from `<old plan> owl:sameAs <new plan>` triples: the plan's IRIs (`/id/…`), their documents
 * and pages, its named graph, its DCAT dataset and its dump file. Absolute URLs under the base IRI.
 */
export const movedPrefixes = (triples: readonly Quad[], urls: SiteUrls): MovedPrefix[] => {
  const planPath = new RegExp(`^${urls.base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}id/(\\d{6})/plan/([a-z0-9]+(?:-[a-z0-9]+)*)$`);
  const moved: MovedPrefix[] = [];
  for (const t of triples) {
    if (t.predicate.value !== `${OWL}sameAs`) continue;
    const from = planPath.exec(t.subject.value);
    const to = planPath.exec(t.object.value);
    if (!from || !to || from[1] !== to[1]) continue;
    const [code, oldId, newId] = [from[1]!, from[2]!, to[2]!];
    const pair = (f: (id: string) => string) => moved.push({ from: f(oldId), to: f(newId) });
    const path = (id: string) => urls.pathOf(urls.plan(code, id))!;
    pair((id) => urls.plan(code, id));
    pair((id) => urls.data(path(id), 'x').slice(0, -2));
    pair((id) => urls.page(path(id)));
    pair((id) => urls.planGraph(code, id));
    pair((id) => urls.planDataset(code, id));
    pair((id) => urls.dump(`plans/${code}-${id}`));
  }
  return moved.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
};
