// Loads everything the Linked Data routes serve, once at start-up: documents, catalog, VoID, ontology, dumps, sources, sitemap.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFactory, Parser, type Quad } from 'n3';
import type { Config } from '../../config.ts';
import { SEARCH_FILE, type Manifest } from '../../convert/index.ts';
import {
  buildCatalog,
  buildDocumentIndex,
  CatalogIndex,
  catalogDescriptions,
  catalogPage,
  catalogPageCount,
  datasetMarkup,
  buildVoid,
  describeNamedGraphs,
  distinctTriples,
  graphDescriptions,
  documentTriples,
  parseCatalogFile,
  movedPrefixes,
  RDF_FORMATS,
  type MovedPrefix,
  type DocumentExt,
  type DocumentIndex,
  type ResourceDocument,
  buildViewIndex,
  type Lang,
  type ViewIndex,
} from '../../documents/index.ts';
import { makeLinks, pageContext, withParams, type PageContext } from '../../pages/index.ts';
import { siteUrls, type SiteUrls } from '../../rdf/uris.ts';
import { openSearchFile, type SearchIndex } from '../../search/index.ts';
import type { Localized } from '../../plan/index.ts';
import { DCTERMS, FOAF, HYDRA, RDF, SD, SPDX, VCARD, VOID } from '../../rdf/vocab.ts';
import { BodyCache } from './body-cache.ts';
import { RepresentationCache } from './representation.ts';
import { readDumpFiles, readSitemapFiles, type DiskFile, type DumpFile } from './dump-files.ts';
import { sourceFiles, type SourceFiles } from './source-files.ts';
import { serializeQuads, type RdfMediaType } from '../../rdf/serialize.ts';

export type { SourceFile, SourceFiles } from './source-files.ts';

/** A metadata document the site serves in several formats. */
export type MetadataKind = 'catalog' | 'void' | 'ontology';

export interface SiteTimings {
  readonly parseMs: number;
  readonly indexMs: number;
  readonly metadataMs: number;
  readonly dumpsMs: number;
  readonly eagerBodiesMs: number;
  /** The pages' view index and the search index. */
  readonly viewMs: number;
  readonly totalMs: number;
}

export interface Site {
  /** Version of the loaded build (manifest version): part of every ETag. */
  readonly version: string;
  readonly urls: SiteUrls;
  readonly documents: DocumentIndex;
  /** What the HTML pages know about plans, elements, themes and quotes. */
  readonly view: ViewIndex;
  /** What a page renderer gets, in one language: the site's links (ours that have a page link to it) and its view. */
  pageContext(lang: Lang): PageContext;
  /** Full-text search over titles and texts. */
  readonly search: SearchIndex;
  readonly catalog: readonly Quad[];
  /** schema.org Dataset JSON-LD (ja, en) by landing page URL: for the pages that are some dataset's dcat:landingPage. */
  readonly datasetMarkup: ReadonlyMap<string, Localized>;
  /** How many pages the catalog has at the configured page size. */
  readonly catalogPages: number;
  /**
   * Page `page` of the catalog in one format, its Hydra links naming `/catalog.<ext>?page=N` when `direct`, else
   * `/catalog?page=N`; undefined when there is no such page.
   */
  catalogPageBody(ext: DocumentExt, page: number, direct: boolean): Promise<Buffer> | undefined;
  /** URL prefixes published under plans' former ids, and where they moved (answered with 301). */
  readonly moved: readonly MovedPrefix[];
  readonly void: readonly Quad[];
  /** Build files by path under build/: what they are, never their bytes (served from disk). */
  readonly dumps: ReadonlyMap<string, DumpFile>;
  /** Source texts by file name, read from disk when asked for. */
  readonly sources: SourceFiles;
  /** The sitemap the converter wrote: the index (sitemap.xml) and its parts (sitemap/N.xml), served from disk. */
  readonly sitemap: ReadonlyMap<string, DiskFile>;
  readonly timings: SiteTimings;
  /** A document's body in one format; made once, then a map look-up. */
  documentBody(doc: ResourceDocument, ext: DocumentExt): Promise<Buffer>;
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
  /** Formats serialized for every document at start-up; the others are made on first request and kept. */
  readonly eagerFormats?: readonly DocumentExt[];
  /** build/dataset.nq when the caller has already read it (the store loads the same text). */
  readonly nquads?: string;
}

const VOID_PREFIXES = { void: VOID, sd: SD };
const CATALOG_PREFIXES = { void: VOID, sd: SD, spdx: SPDX, vcard: VCARD };

const ms = (since: number) => Math.round(performance.now() - since);

/** Reads build/, data/catalog.yaml, the source texts (config.sourcesDir) and ontology/jpplan.ttl under config.root; throws on any inconsistency. */
export const loadSite = async (config: Config, manifest: Manifest, options: SiteOptions = {}): Promise<Site> => {
  const started = performance.now();
  const urls = siteUrls(config.baseIri);
  if (manifest.baseIri !== config.baseIri) throw new Error(`build/ was made for ${manifest.baseIri}, not ${config.baseIri}: run npm run convert`);
  const facts = parseCatalogFile('data/catalog.yaml', readFileSync(join(config.root, 'data/catalog.yaml'), 'utf8'));

  let t = performance.now();
  const quads = new Parser({ format: 'N-Quads' }).parse(options.nquads ?? readFileSync(join(config.buildDir, 'dataset.nq'), 'utf8'));
  const parseMs = ms(t);

  t = performance.now();
  const triples = distinctTriples(quads);
  const namedGraphs = describeNamedGraphs({ quads, triples, manifest, facts, urls });
  const catalog = buildCatalog({ triples, manifest, facts, urls, namedGraphs });
  const voidQuads = buildVoid({ quads, triples, manifest, facts, urls, namedGraphs });
  const ontologyTurtle = readFileSync(join(config.root, 'ontology/jpplan.ttl'));
  const ontology = new Parser({ format: 'text/turtle' }).parse(ontologyTurtle.toString('utf8'));
  const metadataMs = ms(t);

  t = performance.now();
  const catalogIndex = new CatalogIndex(catalog, urls.catalog());
  const described = graphDescriptions({ namedGraphs, voidQuads, catalog, manifest, urls });
  for (const [iri, quads] of catalogDescriptions(catalogIndex, urls)) if (!described.has(iri)) described.set(iri, quads);
  const documents = buildDocumentIndex(triples, urls, described);
  const indexMs = ms(t);

  t = performance.now();
  const view = buildViewIndex(triples, urls);
  // The search index the converter wrote, opened read-only once for this site (its cache is bounded).
  const search = openSearchFile(join(config.buildDir, SEARCH_FILE));
  const viewMs = ms(t);

  t = performance.now();
  const dumps = readDumpFiles(config.buildDir, manifest);
  const sitemap = readSitemapFiles(config.buildDir, manifest.version);
  const sources = sourceFiles(config.root, config.sourcesDir, documents.byPath.values());
  const dumpsMs = ms(t);

  const bodies = new BodyCache();
  /** The document's own description of itself: which resource it is about, under which licence, in which dataset. */
  const about = (doc: ResourceDocument, ext: DocumentExt): Quad[] => {
    const self = DataFactory.namedNode(urls.data(doc.path, ext));
    const q = (p: string, o: string) => DataFactory.quad(self, DataFactory.namedNode(p), DataFactory.namedNode(o));
    return [q(`${RDF}type`, `${FOAF}Document`), q(`${FOAF}primaryTopic`, doc.iri), q(`${VOID}inDataset`, urls.dataset()), q(`${DCTERMS}license`, facts.license)];
  };
  const bodyKey = (doc: ResourceDocument, ext: DocumentExt) => `doc ${ext} ${doc.path}`;
  const documentBody = (doc: ResourceDocument, ext: DocumentExt) =>
    bodies.get(bodyKey(doc, ext), () =>
      serializeQuads([...about(doc, ext), ...documentTriples(doc)], RDF_FORMATS[ext].mediaType as RdfMediaType, { prefixes: VOID_PREFIXES }),
    );
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

  t = performance.now();
  for (const ext of options.eagerFormats ?? ['ttl']) for (const doc of documents.byPath.values()) await documentBody(doc, ext);
  const eagerBodiesMs = ms(t);

  return {
    version: manifest.version,
    urls,
    documents,
    view,
    pageContext: (lang) => pageContext(makeLinks(urls, lang, (path) => documents.byPath.has(path)), view),
    search,
    catalog,
    datasetMarkup: datasetMarkup(catalogIndex),
    catalogPages: catalogPageCount(catalogIndex, config.catalogPageSize),
    catalogPageBody,
    moved: movedPrefixes(triples, urls),
    void: voidQuads,
    dumps,
    sources,
    sitemap,
    timings: { parseMs, indexMs, viewMs, metadataMs, dumpsMs, eagerBodiesMs, totalMs: ms(started) },
    documentBody,
    metadataBody,
    cached: (key, produce) => bodies.get(key, produce),
    bodies,
    representations: new RepresentationCache(config.http.documentCacheEntries, config.http.documentCacheBytes),
    close: () => search.close(),
  };
};

/** What every Linked Data route plugin is registered with. */
export interface SitePluginOptions {
  readonly config: Config;
  readonly site: Site;
}
