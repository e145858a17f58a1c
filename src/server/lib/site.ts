// Loads everything the Linked Data routes serve, once at start-up: documents, catalog, VoID, ontology, dumps, sources, sitemap.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFactory, Parser, type Quad } from 'n3';
import type { Config } from '../../config.ts';
import { checkBuildFile, DOCUMENTS_FILE, FACTS_FILE, listedFile, openDocumentRows, openPathsFile, PATHS_FILE, SEARCH_FILE, SUMMARY_FILE, truncationOf, type DatasetFacts, type Manifest, type SiteSummary } from '../../convert/index.ts';
import {
  buildCatalog,
  CatalogIndex,
  catalogDescriptions,
  catalogPage,
  catalogPageCount,
  datasetMarkup,
  type DatasetMarkup,
  buildVoid,
  describeNamedGraphs,
  graphDescriptions,
  distinctTriples,
  documentFromRows,
  outsideSubjects,
  rowsPageView,
  vocabularyView,
  rowTriples,
  parseCatalogFile,
  vocabularyIndex,
  movedPrefixes,
  RDF_FORMATS,
  type MovedPrefix,
  type DocumentExt,
  type ResourceDocument,
  buildViewIndex,
  type Lang,
  type ViewIndex,
} from '../../documents/index.ts';
import { documentAlternates, makeLinks, pageContext, resourcePage, type PageContext } from '../../pages/index.ts';
import { compactQuads } from '../../rdf/owned-terms.ts';
import { siteUrls, type SiteUrls } from '../../rdf/uris.ts';
import type { SearchOptions, SearchResult } from '../../search/index.ts';
import { HYDRA, OWL, SD, SPDX, VCARD, VOID } from '../../rdf/vocab.ts';
import { BodyCache } from './body-cache.ts';
import { SliceCache } from './slices.ts';
import { pageLinks, SHARED, sliceOf } from '../../documents/slice-keys.ts';
import { rendererKey } from '../../publish/page-store.ts';
import { RepresentationCache } from './representation.ts';
import { openSearchThreads } from './search-threads.ts';
import { HttpError } from './http-error.ts';
import { readDumpFiles, readSitemapFiles, type DiskFile, type DumpFile } from './dump-files.ts';
import { sourceFiles, type SourceFiles } from './source-files.ts';
import { serializeQuads, type RdfMediaType } from '../../rdf/serialize.ts';
import { documentBody as documentBodyOf, VOID_PREFIXES } from '../../rdf/document-body.ts';
import { documentThreads } from './document-threads.ts';

export type { SourceFile, SourceFiles } from './source-files.ts';

/** A metadata document the site serves in several formats. */
export type MetadataKind = 'catalog' | 'void' | 'ontology';

export interface SiteTimings {
  /** Reading the converter's facts and the vocabulary graph (never the dataset). */
  readonly parseMs: number;
  readonly indexMs: number;
  readonly metadataMs: number;
  readonly dumpsMs: number;
  /** Opening the search, paths and document rows files. */
  readonly searchMs: number;
  readonly totalMs: number;
}

export interface Site {
  /** Version of the loaded build (manifest version): part of every ETag. */
  readonly version: string;
  readonly urls: SiteUrls;
  /** What the converter wrote about the build: municipalities, plans, themes, sources and counts. */
  readonly summary: SiteSummary;
  /**
   * The document at a path (e.g. `id/132101`): a municipality's from its slice's rows (documents.sqlite), the others
   * from the shared slice (made on first use and kept).
   */
  document(path: string): ResourceDocument | undefined;
  /** Whether there is a document at a path: one look-up in the build's paths index, no slice made. */
  hasDocument(path: string): boolean;
  /**
   * What a page renderer gets, in one language: the site's links (ours that have a page link to it) and the view of
   * the slice holding `path` (the page's document path), or of the shared slice (home, search).
   */
  pageContext(lang: Lang, path?: string): PageContext;
  /**
   * The HTML of the page at `path` in `lang` (`only`: a theme page's municipality): a municipality's resource's made in
   * the document threads, from its rows; the others here. Rejects with a 404 HttpError when there is no page there.
   */
  resourcePage(path: string, lang: Lang, only?: string): Promise<string | Buffer>;
  /** The slices: made and held (bounded by SLICE_CACHE_ENTRIES). */
  readonly slices: SliceCache;
  /** Every document path, sorted, by walking every slice through the bounded cache (slow at scale: sitemap, tests). */
  documentPaths(): string[];
  /** Full-text search over titles and texts, answered by the search threads. */
  search(query: string, options?: SearchOptions): Promise<SearchResult>;
  /**
   * Starts the document and search threads now rather than on the first request that needs them: a new generation
   * does, so that its first clients do not wait for each thread to load its modules and files.
   */
  startThreads(): void;
  readonly catalog: readonly Quad[];
  /** schema.org Dataset JSON-LD (ja, en) by landing page URL: for the pages that are some dataset's dcat:landingPage. */
  readonly datasetMarkup: DatasetMarkup;
  /** How many pages the catalog has at the configured page size. */
  readonly catalogPages: number;
  /**
   * Page `page` of the catalog in one format, its Hydra links naming `/catalog.<ext>?page=N` when `direct`, else
   * `/catalog?page=N`; undefined when there is no such page.
   */
  catalogPageBody(ext: DocumentExt, page: number, direct: boolean): Promise<Buffer> | undefined;
  /** Page `page` of the catalog as triples (what the HTML page shows), its Hydra links naming `/catalog?page=N`; undefined when there is no such page. */
  catalogPageQuads(page: number): readonly Quad[] | undefined;
  /** URL prefixes published under plans' former ids, and where they moved (answered with 301). */
  readonly moved: readonly MovedPrefix[];
  readonly void: readonly Quad[];
  /** Build files by path under build/: what they are, never their bytes (served from disk). */
  readonly dumps: ReadonlyMap<string, DumpFile>;
  /** Source texts by file name, read from disk when asked for. */
  readonly sources: SourceFiles;
  /** The sitemap the converter wrote: the index (sitemap.xml) and its parts (sitemap-N.xml), served from disk. */
  readonly sitemap: ReadonlyMap<string, DiskFile>;
  readonly timings: SiteTimings;
  /**
   * A document's body in one format, made each time: the routes keep what they send prepared (`representations`), so
   * a second copy here would only hold the same bytes twice.
   */
  documentBody(doc: ResourceDocument, ext: DocumentExt): Promise<Buffer>;
  /**
   * The body of the document at a path in one format and the resource it is about, made each time (a
   * municipality's in the document threads); undefined when there is no document there.
   */
  description(path: string, ext: DocumentExt): Promise<{ readonly iri: string; readonly body: Buffer } | undefined>;
  /** The JSON-LD of the own triples of the document at a path, which its page embeds (kept in `bodies`); 404 when there is none. */
  ownJsonLd(path: string): Promise<Buffer>;
  metadataBody(kind: MetadataKind, ext: DocumentExt): Promise<Buffer>;
  /** Any other body worth keeping (e.g. rendered HTML pages), made once per key. */
  cached(key: string, produce: () => string | Buffer | Promise<string | Buffer>): Promise<Buffer>;
  readonly bodies: BodyCache;
  /**
   * The documents and pages prepared for sending (body, gzip copy, headers), shared by the route plugins (each keys
   * its own by a prefix) so that one bound holds for all of them.
   */
  readonly representations: RepresentationCache;
  /** Releases what the site holds open (the search index file). */
  close(): void;
}

export interface SiteOptions {
  /** Build files as readVerifiedBuild read and checked them (site.json, facts.json, the vocabulary graph); read and checked here when absent. */
  readonly files?: ReadonlyMap<string, Buffer>;
}

const CATALOG_PREFIXES = { void: VOID, sd: SD, spdx: SPDX, vcard: VCARD };

const ms = (since: number) => Math.round(performance.now() - since);

const throwing = (e: Error): never => {
  throw e;
};

/** Reads build/, data/catalog.yaml, the source texts (config.sourcesDir) and ontology/jpplan.ttl under config.root; throws on any inconsistency. */
export const loadSite = async (config: Config, manifest: Manifest, options: SiteOptions = {}): Promise<Site> => {
  const started = performance.now();
  const urls = siteUrls(config.baseIri);
  if (manifest.baseIri !== config.baseIri) throw new Error(`build/ was made for ${manifest.baseIri}, not ${config.baseIri}: run npm run convert`);
  const facts = parseCatalogFile('data/catalog.yaml', readFileSync(join(config.root, 'data/catalog.yaml'), 'utf8'));

  /** A build file read whole: the bytes readVerifiedBuild checked, else read and checked here. */
  const file = (path: string) => options.files?.get(path) ?? checkBuildFile(config.buildDir, manifest, path, readFileSync(join(config.buildDir, path)));
  const summary = JSON.parse(file(SUMMARY_FILE).toString('utf8')) as SiteSummary;

  // The catalog and VoID start from what the converter counted (facts.json) and the vocabulary graph, never from the
  // dataset: start-up reads the same few files at any size.
  let t = performance.now();
  const data = JSON.parse(file(FACTS_FILE).toString('utf8')) as DatasetFacts;
  const vocabulary = compactQuads(new Parser({ format: 'N-Quads' }).parse(file(summary.vocabularyFile).toString('utf8')));
  const parseMs = ms(t);

  t = performance.now();
  const namedGraphs = describeNamedGraphs({ data, manifest, facts, urls });
  const catalog = buildCatalog({ data, vocabulary, manifest, facts, urls, namedGraphs });
  const voidQuads = buildVoid({ data, manifest, facts, urls, namedGraphs });
  const ontologyTurtle = readFileSync(join(config.root, 'ontology/jpplan.ttl'));
  const ontology = new Parser({ format: 'text/turtle' }).parse(ontologyTurtle.toString('utf8'));
  const metadataMs = ms(t);

  t = performance.now();
  const dumps = readDumpFiles(config.buildDir, manifest);
  const sitemap = readSitemapFiles(config.buildDir, manifest.version);
  const sources = sourceFiles(config.root, config.sourcesDir, summary.sources);
  const dumpsMs = ms(t);

  t = performance.now();
  // The paths, rows and search files the converter wrote, opened read-only once for this site (their caches are
  // bounded); opened after the files read whole, and closed again when one of them fails to open.
  listedFile(config.buildDir, manifest, PATHS_FILE);
  listedFile(config.buildDir, manifest, DOCUMENTS_FILE);
  const opened: { close(): void }[] = [];
  const open = <T extends { close(): void }>(make: () => T): T => {
    try {
      const handle = make();
      opened.push(handle);
      return handle;
    } catch (e) {
      for (const h of opened) h.close();
      throw e;
    }
  };
  const paths = open(() => openPathsFile(join(config.buildDir, PATHS_FILE)));
  const rows = open(() => openDocumentRows(join(config.buildDir, DOCUMENTS_FILE), config.baseIri));
  // Its threads stop when the site closes (close() is not awaited there: a search in flight is refused with 503).
  const searchThreads = open(() => openSearchThreads(join(config.buildDir, SEARCH_FILE), { threads: config.searchThreads }));
  const searchMs = ms(t);

  t = performance.now();
  const catalogIndex = new CatalogIndex(catalog, urls.catalog());
  // What the shared slice's documents add about the named graphs and the catalog's resources (the graphs' first): their
  // IRIs when that slice's documents are first asked for, each description when its own document is.
  const describedResources = () => [graphDescriptions({ namedGraphs, voidQuads, catalog: catalogIndex, manifest, urls }), catalogDescriptions(catalogIndex, urls)];
  const slices = new SliceCache(
    { buildDir: config.buildDir, manifest, summary, urls, vocabulary, described: describedResources, sharedView: (view) => withSummaryCounts(view, summary) },
    config.sliceCacheEntries,
  );
  const codes = new Set(summary.plans.map((p) => p.code));
  const sliceKey = (path: string) => sliceOf(path, summary, codes);
  const vocabularyTriples = vocabularyIndex(vocabulary);
  const vocabularyOfElements = vocabularyView(distinctTriples(vocabulary), urls);
  // A path that has no document is answered from the paths index; a municipality's document from its rows: neither
  // makes a slice.
  const document = (path: string): ResourceDocument | undefined => {
    const key = paths.has(path) ? sliceKey(path) : undefined;
    if (key === undefined) return undefined;
    if (key === SHARED) return slices.get(SHARED).documents.byPath.get(path);
    const iri = urls.iriOf(path);
    if (iri === undefined) return undefined;
    return documentFromRows(iri, path, rows.slice(key), vocabularyTriples);
  };
  const datasetMarkups = datasetMarkup(catalogIndex);
  const indexMs = ms(t);

  const bodies = new BodyCache(config.bodyCacheEntries, config.bodyCacheBytes);
  const documentFacts = { urls, license: facts.license };
  const documentBody = (doc: ResourceDocument, ext: DocumentExt) => documentBodyOf(doc, ext, documentFacts, truncationOf(summary, doc.iri));
  // A municipality's documents are made in the document threads; the shared slice's here, from its kept index.
  const madeElsewhere = documentThreads(
    {
      documentsFile: join(config.buildDir, DOCUMENTS_FILE),
      vocabularyFile: join(config.buildDir, summary.vocabularyFile),
      baseIri: config.baseIri,
      license: facts.license,
      buildDir: config.buildDir,
      sharedFile: summary.sharedFile,
      sharedSha256: listedFile(config.buildDir, manifest, summary.sharedFile).sha256,
      codes: [...codes],
      sources: summary.sources,
      pagesMadeFor: { build: manifest.version, renderer: rendererKey(config.baseIri) },
    },
    { threads: config.documentThreads },
  );
  opened.push(madeElsewhere);
  /** A body the document threads make for a municipality's resource, else `here` makes from its document. */
  const madeFor = async (path: string, ext: DocumentExt | 'own', here: (doc: ResourceDocument) => Promise<Buffer>): Promise<{ iri: string; body: Buffer } | undefined> => {
    const key = paths.has(path) ? sliceKey(path) : undefined;
    if (key === undefined) return undefined;
    if (key === SHARED) {
      const doc = slices.get(SHARED).documents.byPath.get(path);
      return doc && { iri: doc.iri, body: await here(doc) };
    }
    const iri = urls.iriOf(path);
    if (iri === undefined) return undefined;
    const body = await madeElsewhere.body({ code: key, iri, path, ext, truncated: truncationOf(summary, iri) });
    return body && { iri, body };
  };
  const description = (path: string, ext: DocumentExt) => madeFor(path, ext, (doc) => documentBody(doc, ext));
  // A failure is not kept: an inconsistent build (a path without its rows) answers 404 each time it is asked.
  const ownJsonLd = (path: string): Promise<Buffer> =>
    bodies.get(`own jsonld ${path}`, async () => {
      const made = await madeFor(path, 'own', async (d) => Buffer.from(await serializeQuads(d.own, 'application/ld+json')));
      if (!made) throw new HttpError('not_found', `no document at ${urls.local(urls.data(path, 'jsonld'))}`);
      return made.body;
    });
  const metadataBody = (kind: MetadataKind, ext: DocumentExt) =>
    bodies.get(`meta ${ext} ${kind}`, () => {
      if (kind === 'ontology' && ext === 'ttl') return ontologyTurtle;
      const [data, prefixes] = kind === 'catalog' ? [catalog, CATALOG_PREFIXES] : kind === 'void' ? [voidQuads, CATALOG_PREFIXES] : [ontology, VOID_PREFIXES];
      return serializeQuads(data, RDF_FORMATS[ext].mediaType as RdfMediaType, { prefixes });
    });

  const catalogPageBody = (ext: DocumentExt, page: number, direct: boolean) => {
    const pageUrl = (n: number) => urls.catalogPage(n, direct ? ext : undefined);
    const quads = catalogPage(catalogIndex, { page, size: config.catalogPageSize, pageUrl });
    if (!quads) return undefined;
    return bodies.get(`catalog page ${ext} ${direct} ${page}`, () =>
      serializeQuads(quads, RDF_FORMATS[ext].mediaType as RdfMediaType, { prefixes: { ...CATALOG_PREFIXES, hydra: HYDRA } }),
    );
  };

  // The resources outside every municipality (fiscal years) and the vocabulary's, which a municipality's rows do not
  // hold and its pages name: read from the shared slice's file when a page first needs them, kept.
  let outside: ((iri: string) => readonly Quad[]) | undefined;
  const elsewhere = (iri: string) => (outside ??= outsideSubjects(file(summary.sharedFile), vocabulary, urls))(iri);
  /**
   * A page's view: a municipality's resource's from its rows (rowsPageView), but for the municipality itself, its
   * plans and their parts, and source texts (whose page lists every span its municipality's plans quote): its slice's.
   */
  const pageView = (key: string, path: string | undefined): ViewIndex => {
    const iri = key === SHARED || path === undefined ? undefined : urls.iriOf(path);
    const fromRows = iri === undefined ? undefined : rowsPageView(iri, urls.municipality(key), rowTriples(rows.slice(key), elsewhere), vocabularyOfElements, urls);
    return fromRows ?? slices.get(key).view;
  };
  const pageContextOf = (lang: Lang, path?: string): PageContext => {
    const key = (path === undefined ? SHARED : sliceKey(path)) ?? SHARED;
    return pageContext(makeLinks(urls, lang, pageLinks(key, sliceKey, paths.has)), pageView(key, path));
  };
  /** The page at `path` rendered here, from its view. */
  const pageHere = async (path: string, lang: Lang, only: string | undefined): Promise<string> => {
    const iri = urls.iriOf(path) ?? '';
    const missing = () => new HttpError('not_found', `no page at ${urls.local(urls.page(path))}`);
    // A page renders from its view: its document is made only for a page that lists it.
    const doc = { iri, path, load: () => document(path) ?? throwing(missing()) };
    const jsonld = await ownJsonLd(path);
    const dataset = datasetMarkups.get(urls.page(path))?.[lang];
    return resourcePage({ ctx: pageContextOf(lang, path), doc, alternates: documentAlternates(urls, path), jsonld: jsonld.toString('utf8'), dataset, only });
  };
  /** A municipality's resource's page from the document threads, unless it needs its slice's view; else made here. */
  const resourcePageBody = async (path: string, lang: Lang, only: string | undefined): Promise<string | Buffer> => {
    const key = sliceKey(path);
    const iri = urls.iriOf(path);
    if (key !== undefined && key !== SHARED && iri?.startsWith(`${urls.municipality(key)}/`) && only === undefined) {
      const dataset = datasetMarkups.get(urls.page(path))?.[lang];
      const body = await madeElsewhere.body({ code: key, iri, path, ext: 'page', lang, dataset });
      if (body) return body;
    }
    return pageHere(path, lang, only);
  };

  const documentPaths = () => {
    const paths: string[] = [];
    for (const key of [SHARED, ...codes]) for (const path of slices.get(key).documents.byPath.keys()) if (sliceKey(path) === key) paths.push(path);
    return paths.sort();
  };
  return {
    version: manifest.version,
    urls,
    summary,
    document,
    hasDocument: (path) => paths.has(path),
    pageContext: pageContextOf,
    slices,
    documentPaths,
    search: searchThreads.search,
    startThreads: () => {
      madeElsewhere.start();
      searchThreads.start();
    },
    catalog,
    datasetMarkup: datasetMarkups,
    resourcePage: resourcePageBody,
    catalogPages: catalogPageCount(catalogIndex, config.catalogPageSize),
    catalogPageBody,
    catalogPageQuads: (page) => catalogPage(catalogIndex, { page, size: config.catalogPageSize, pageUrl: (n) => urls.catalogPage(n) }),
    moved: movedPrefixes(
      summary.sameAs.map(([from, to]) => DataFactory.quad(DataFactory.namedNode(from), DataFactory.namedNode(`${OWL}sameAs`), DataFactory.namedNode(to))),
      urls,
    ),
    void: voidQuads,
    dumps,
    sources,
    sitemap,
    timings: { parseMs, indexMs, searchMs, metadataMs, dumpsMs, totalMs: ms(started) },
    documentBody,
    description,
    ownJsonLd,
    metadataBody,
    cached: (key, produce) => bodies.get(key, produce),
    bodies,
    representations: new RepresentationCache(config.http.documentCacheEntries, config.http.documentCacheBytes),
    close: () => {
      for (const h of opened) h.close();
    },
  };
};

/** The shared slice's view with the counts the converter made over every plan (its own elements are only a sample). */
const withSummaryCounts = (view: ViewIndex, summary: SiteSummary): ViewIndex => {
  const themeCounts = new Map(
    view.themes.map((t) => [t.iri, new Map(view.municipalities.map((m) => [m.iri, summary.themeCounts[t.iri]?.[m.iri] ?? 0]))] as const),
  );
  const elementCounts = new Map(Object.entries(summary.elementCounts).map(([plan, counts]) => [plan, new Map(Object.entries(counts))] as const));
  return { ...view, themeCounts, elementCounts };
};

/** What every Linked Data route plugin is registered with. */
export interface SitePluginOptions {
  readonly config: Config;
  readonly site: Site;
}
