// Mints every IRI of the published data from the base IRI and the plans' own numbering (house rule: only here).
import { ESTAT_SAC, JPP, JPP_ONTOLOGY, QUDT_UNIT, SDG_GOAL } from './vocab.ts';

/** IRI minting for one base; every function is pure and ASCII-only. */
export const iris = (base: string) => {
  const municipality = (code: string) => `${base}id/${code}`;
  const plan = (code: string, planId: string) => `${municipality(code)}/plan/${planId}`;
  return {
    base,
    municipality,
    plan,
    planPart: (planIri: string, partId: string) => `${planIri}/part/${partId}`,
    /** A municipality's series of plans (one per kind of plan), of which each plan is an edition. */
    planSeries: (code: string, seriesId: string) => `${municipality(code)}/series/${seriesId}`,
    /** The version of an edition a source text was taken from: draft, adopted or published. */
    planVersion: (planIri: string, status: string) => `${planIri}/version/${status}`,
    /** The document the municipality published for a plan, of which our source text is an extract. */
    publishedDocument: (code: string, planId: string) => `${municipality(code)}/document/${planId}`,
    period: (ownerIri: string) => `${ownerIri}/period`,
    element: (planIri: string, elementId: string) => `${planIri}/${elementId}`,
    /** The observation of an indicator's baseline or target (published before the cube, so its IRI is kept). */
    indicatorValue: (indicatorIri: string, which: 'baseline' | 'target') => `${indicatorIri}/${which}`,
    /** The Data Cube data set of a plan's indicators. */
    indicatorDataSet: (planIri: string) => `${planIri}/indicators`,
    /** The data source an indicator's values come from, as the plan names it. */
    dataSource: (indicatorIri: string) => `${indicatorIri}/data-source`,
    /** A Japanese fiscal year (1 April to 31 March), named by the Gregorian year it begins in, and its two instants. */
    fiscalYear: (year: number) => `${base}id/fiscal-year/${year}`,
    /** A calendar year (1 January to 31 December), by its Gregorian number, and its two instants (instant, below). */
    calendarYear: (year: number) => `${base}id/calendar-year/${year}`,
    instant: (intervalIri: string, which: 'beginning' | 'end') => `${intervalIri}/${which}`,
    selection: (resourceIri: string, what: string) => `${resourceIri}/quote/${what}`,
    quoteSelector: (selectionIri: string) => `${selectionIri}/exact`,
    positionSelector: (selectionIri: string) => `${selectionIri}/position`,
    sourceText: (file: string) => `${base}sources/${file}`,
    /** This project as the publisher of the site, its datasets and the source texts (described in the catalog). */
    catalogPublisher: () => `${base}catalog/publisher`,
    themeScheme: () => `${base}id/theme`,
    theme: (id: string) => `${base}id/theme/${id}`,
    ssdsScheme: () => `${base}id/ssds`,
    ssdsField: (notation: string) => `${base}id/ssds/${notation}`,
    planGraph: (code: string, planId: string) => `${base}graph/${code}/${planId}`,
    vocabularyGraph: () => `${base}graph/vocabulary`,
  };
};
export type Iris = ReturnType<typeof iris>;

/** The e-Stat statistical LOD standard area code resource of a municipality (five-digit code). */
export const standardAreaCode = (areaCode: string): string => `${ESTAT_SAC}C${areaCode}`;

/** A QUDT unit of measure, by its local name (e.g. PERCENT). */
export const qudtUnit = (local: string): string => `${QUDT_UNIT}${local}`;

/** The UN SDG goal resource in the UN's SDG KOS. */
export const sdgGoal = (n: number): string => `${SDG_GOAL}${n}`;

/**
 * The Linked Data site's own URLs around the published IRIs: description documents, pages, the catalog, VoID and
 * dumps. A described resource has a `path` (e.g. `id/132101`, `sources/132101-koganei.txt`, `def/Plan`, `ontology`)
 * from which its documents (`data/<path>.<ext>`) and its HTML page (`page/<path>`) are named.
 */
export const siteUrls = (base: string) => {
  const termPattern = /^[A-Za-z][A-Za-z0-9_-]*$/;
  const dataset = `${base}dataset`;
  const basePath = new URL(base).pathname;
  /** What the catalog mints (datasets, series, distributions, the service, the publisher), but not the catalog itself. */
  const isCatalogResource = (path: string) =>
    path === 'dataset' || path.startsWith('dataset/') || path.startsWith('dataset-series/') || path.startsWith('catalog/');
  return {
    ...iris(base),
    home: () => base,
    /**
     * A URL of ours as a root-relative path (`/assets/site.css`, `/plans/assets/site.css` under a base path of
     * `/plans/`); any other URL unchanged. What the browser fetches or navigates to is written this way, so the site
     * works from whatever host it was reached through (127.0.0.1, a LAN address, a proxy) while the CSP allows only
     * 'self'; what names a resource stays its IRI.
     */
    local: (url: string): string => (url.startsWith(base) ? basePath + url.slice(base.length) : url),
    /** The path of a resource we describe, or undefined for IRIs that are not ours to describe. */
    pathOf: (iri: string): string | undefined => {
      if (iri.startsWith(`${base}id/`) || iri.startsWith(`${base}sources/`) || iri.startsWith(`${base}graph/`)) return iri.slice(base.length);
      if (isCatalogResource(iri.slice(base.length))) return iri.slice(base.length);
      if (iri === JPP_ONTOLOGY) return 'ontology';
      if (iri.startsWith(JPP) && termPattern.test(iri.slice(JPP.length))) return `def/${iri.slice(JPP.length)}`;
      return undefined;
    },
    /** The IRI a path stands for (inverse of pathOf). */
    iriOf: (path: string): string | undefined => {
      if (path.startsWith('id/') || path.startsWith('sources/') || path.startsWith('graph/')) return base + path;
      if (isCatalogResource(path)) return base + path;
      if (path === 'ontology') return JPP_ONTOLOGY;
      if (path.startsWith('def/') && termPattern.test(path.slice(4))) return JPP + path.slice(4);
      return undefined;
    },
    /** One serialization of a resource's description; the ontology's is the whole ontology at /ontology.<ext>. */
    data: (path: string, ext: string) => (path === 'ontology' ? `${base}ontology.${ext}` : `${base}data/${path}.${ext}`),
    page: (path: string) => `${base}page/${path}`,
    /** The source viewer: a source text with every quoted span highlighted and anchored. */
    sourceView: (file: string) => `${base}source/${file}`,
    /** Full-text search over titles and texts. */
    search: () => `${base}search`,
    /** Static files served from /assets/ (the site's CSS, the SPARQL editor's bundle). */
    asset: (name: string) => `${base}assets/${name}`,
    /** Where the w3id ontology IRI redirects to (content-negotiated). */
    ontology: () => `${base}ontology`,
    /** Our stand-in for a hash IRI of the ontology namespace, which browsers cannot dereference on their own. */
    term: (local: string) => `${base}def/${local}`,
    sparql: () => `${base}sparql`,
    dumps: () => `${base}dumps/`,
    dump: (file: string) => `${base}dumps/${file}`,
    sitemap: () => `${base}sitemap.xml`,
    catalog: () => `${base}catalog`,
    catalogContact: () => `${base}catalog/contact`,
    dataService: () => `${base}catalog/service/sparql`,
    /** The whole dataset (dcat:Dataset and void:Dataset alike), its vocabulary subset and one subset per plan graph. */
    dataset: () => dataset,
    vocabularyDataset: () => `${dataset}/vocabulary`,
    planDataset: (code: string, planId: string) => `${dataset}/${code}/${planId}`,
    /** A municipality's plan series as a dcat:DatasetSeries of its editions' datasets (the jpp:PlanSeries is its topic). */
    datasetSeries: (code: string, seriesId: string) => `${base}dataset-series/${code}/${seriesId}`,
    /** One page of the catalog (1-based); page 1 is the catalog's first page, not the catalog itself. */
    catalogPage: (page: number, ext?: string) => `${base}catalog${ext ? `.${ext}` : ''}?page=${page}`,
    /** The catalog as one document in one format (what a harvester is configured with). */
    catalogDocument: (ext: string) => `${base}catalog.${ext}`,
    /**
     * The dataset (VoID subset and DCAT dataset alike) that publishes a named graph: `graph/vocabulary` →
     * `dataset/vocabulary`, `graph/<code>/<plan>` → `dataset/<code>/<plan>`; undefined for any other IRI.
     */
    graphDataset: (graphIri: string): string | undefined => {
      if (!graphIri.startsWith(`${base}graph/`)) return undefined;
      const rest = graphIri.slice(`${base}graph/`.length);
      if (rest === 'vocabulary') return `${dataset}/vocabulary`;
      const m = /^(\d{6})\/([a-z0-9][a-z0-9-]*)$/.exec(rest);
      return m ? `${dataset}/${m[1]}/${m[2]}` : undefined;
    },
    distribution: (datasetIri: string, ext: string) => `${datasetIri}/distribution/${ext}`,
    checksum: (distributionIri: string) => `${distributionIri}/checksum`,
    voidDescription: () => `${base}.well-known/void`,
    /** Partitions are named by prefix and local name, e.g. void/class/jpp/Goal. */
    voidClassPartition: (prefix: string, local: string) => `${base}void/class/${prefix}/${local}`,
    voidPropertyPartition: (prefix: string, local: string) => `${base}void/property/${prefix}/${local}`,
    voidLinkset: (name: string) => `${base}void/linkset/${name}`,
  };
};
export type SiteUrls = ReturnType<typeof siteUrls>;

/** Appends query parameters to a URL that may already have some (a fragment stays last). */
export const withParams = (url: string, params: Readonly<Record<string, string | number | undefined>>): string => {
  const hash = url.indexOf('#');
  const [base, fragment] = hash < 0 ? [url, ''] : [url.slice(0, hash), url.slice(hash)];
  const query = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return query ? `${base}${base.includes('?') ? '&' : '?'}${query}${fragment}` : url;
};
