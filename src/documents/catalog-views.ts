// Cuts the DCAT catalog into what is served apart from it: one description per resource it mints, and its pages (Hydra).
import { DataFactory, type Quad } from 'n3';
import type { SiteUrls } from '../rdf/uris.ts';
import { DCAT, DCTERMS, HYDRA, RDF, XSD } from '../rdf/vocab.ts';
import type { Descriptions } from './model.ts';

const TYPE = `${RDF}type`;
/** Resources that stand on their own: a description or a page includes them whole only when it is about them. */
const TOP_LEVEL = new Set([`${DCAT}Catalog`, `${DCAT}Dataset`, `${DCAT}DatasetSeries`, `${DCAT}DataService`]);
/** The properties by which the catalog and the service list datasets: cut down to the datasets of a page. */
const LISTING = new Set([`${DCAT}dataset`, `${DCAT}servesDataset`]);

const { namedNode, literal, quad } = DataFactory;

/** The catalog indexed once: triples by subject, its datasets in order, and which resources stand on their own. */
export class CatalogIndex {
  readonly catalog: string;
  /** The catalog's datasets, in the order the catalog lists them: the order of its pages. */
  readonly datasets: readonly string[];
  readonly #bySubject = new Map<string, Quad[]>();
  readonly #top = new Set<string>();
  /** Triples by their IRI object, made at the first call of pointingAt. */
  #byObject: Map<string, Quad[]> | undefined;

  constructor(
    readonly quads: readonly Quad[],
    catalog: string,
  ) {
    this.catalog = catalog;
    for (const q of quads) {
      const list = this.#bySubject.get(q.subject.value);
      if (list) list.push(q);
      else this.#bySubject.set(q.subject.value, [q]);
      if (q.predicate.value === TYPE && TOP_LEVEL.has(q.object.value)) this.#top.add(q.subject.value);
    }
    this.datasets = this.own(catalog)
      .filter((q) => q.predicate.value === `${DCAT}dataset`)
      .map((q) => q.object.value);
  }

  own(subject: string): readonly Quad[] {
    return this.#bySubject.get(subject) ?? [];
  }

  /**
   * `root`'s triples and, recursively, those of the resources it points to that do not stand on their own
   * (distributions, checksums, periods, concepts, agents): a concise bounded description over IRIs.
   */
  closure(root: string, keep: (q: Quad) => boolean = () => true): Quad[] {
    const out: Quad[] = [];
    const seen = new Set([root]);
    const visit = (subject: string) => {
      for (const q of this.own(subject)) {
        if (subject === root && !keep(q)) continue;
        out.push(q);
        const o = q.object;
        if (o.termType !== 'Literal' && !seen.has(o.value) && !this.#top.has(o.value) && this.#bySubject.has(o.value)) {
          seen.add(o.value);
          visit(o.value);
        }
      }
    };
    visit(root);
    return out;
  }

  /** The triples whose object is `iri`. */
  pointingAt(iri: string): readonly Quad[] {
    if (!this.#byObject) {
      this.#byObject = new Map();
      for (const q of this.quads) if (q.object.termType === 'NamedNode') (this.#byObject.get(q.object.value) ?? this.#byObject.set(q.object.value, []).get(q.object.value)!).push(q);
    }
    return this.#byObject.get(iri) ?? [];
  }

  /** Every resource the catalog describes as a subject, other than the catalog itself. */
  subjects(): string[] {
    return [...this.#bySubject.keys()].filter((s) => s !== this.catalog);
  }

  isTopLevel(iri: string): boolean {
    return this.#top.has(iri);
  }
}

/**
 * The description of each resource the catalog mints under the site's base (datasets, series, distributions,
 * checksums, the service, the publisher, the contact point): its closure, the triples pointing at it, and the types
 * and titles of the resources standing on their own it mentions, so that a client can show their names. Each made
 * when asked for: a national catalog mints some 19,000.
 */
export const catalogDescriptions = (index: CatalogIndex, urls: SiteUrls): Descriptions => {
  const minted = new Set(index.subjects().filter((iri) => iri.startsWith(urls.base) && urls.pathOf(iri) !== undefined));
  return {
    iris: [...minted],
    describe: (iri) => {
      if (!minted.has(iri)) return undefined;
      const own = index.closure(iri);
      const pointing = index.pointingAt(iri);
      const mentioned = new Set([...own, ...pointing].flatMap((q) => [q.subject.value, q.object.value]).filter((x) => x !== iri && index.isTopLevel(x)));
      const names = [...mentioned].flatMap((m) => index.own(m).filter((q) => q.predicate.value === TYPE || q.predicate.value === `${DCTERMS}title`));
      return [...own, ...pointing, ...names];
    },
  };
};

export interface CatalogPageOptions {
  readonly page: number;
  readonly size: number;
  /** The page's own URL for page n (its format kept), as hydra:first/last/next/previous name them. */
  readonly pageUrl: (page: number) => string;
}

/** How many pages the catalog has at `size` datasets a page (at least one, even when empty). */
export const catalogPageCount = (index: CatalogIndex, size: number): number => Math.max(1, Math.ceil(index.datasets.length / size));

/**
 * Page `page` (1-based) of the catalog: the catalog's own description listing only this page's datasets, those
 * datasets whole, the series and the service they belong to (listing only this page's datasets), and a
 * hydra:PartialCollectionView with first, last, next and previous. The view is also typed hydra:PagedCollection,
 * the only type ckanext-dcat's RDF parser before 2.1.0 looks for hydra:next on (later ones read either). Undefined
 * when the page does not exist.
 */
export const catalogPage = (index: CatalogIndex, { page, size, pageUrl }: CatalogPageOptions): Quad[] | undefined => {
  const last = catalogPageCount(index, size);
  if (!Number.isInteger(page) || page < 1 || page > last) return undefined;
  const members = new Set(index.datasets.slice((page - 1) * size, page * size));
  const onPage = (q: Quad) => !LISTING.has(q.predicate.value) || members.has(q.object.value);
  const out: Quad[] = [...index.closure(index.catalog, onPage)];
  const related = new Set<string>();
  for (const d of members) {
    out.push(...index.closure(d));
    for (const q of index.own(d)) if (q.predicate.value === `${DCAT}inSeries`) related.add(q.object.value);
    for (const q of index.pointingAt(d)) if (q.predicate.value === `${DCAT}servesDataset`) related.add(q.subject.value);
  }
  for (const q of index.own(index.catalog)) if (q.predicate.value === `${DCAT}service`) related.add(q.object.value);
  for (const r of related) out.push(...index.closure(r, onPage));

  const view = pageUrl(page);
  const node = (s: string, p: string, o: string) => quad(namedNode(s), namedNode(p), namedNode(o));
  const count = (n: number) => literal(String(n), namedNode(`${XSD}integer`));
  out.push(
    node(index.catalog, `${HYDRA}view`, view),
    quad(namedNode(index.catalog), namedNode(`${HYDRA}totalItems`), count(index.datasets.length)),
    node(view, TYPE, `${HYDRA}PartialCollectionView`),
    node(view, TYPE, `${HYDRA}PagedCollection`),
    node(view, `${HYDRA}first`, pageUrl(1)),
    node(view, `${HYDRA}last`, pageUrl(last)),
    quad(namedNode(view), namedNode(`${HYDRA}totalItems`), count(index.datasets.length)),
    quad(namedNode(view), namedNode(`${HYDRA}itemsPerPage`), count(size)),
  );
  if (page < last) out.push(node(view, `${HYDRA}next`, pageUrl(page + 1)));
  if (page > 1) out.push(node(view, `${HYDRA}previous`, pageUrl(page - 1)));
  return distinct(out);
};

const distinct = (quads: readonly Quad[]): Quad[] => {
  const seen = new Set<string>();
  return quads.filter((q) => {
    const key = `${q.subject.value} ${q.predicate.value} ${q.object.termType} ${q.object.value} ${q.object.termType === 'Literal' ? `${q.object.language}^${q.object.datatype.value}` : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};
