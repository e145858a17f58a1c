// Entry point of the Linked Data documents layer: document index, view index, VoID, DCAT catalog, sitemap (pure; no HTTP, no I/O).
export type { DocumentIndex, DocumentKind, ResourceDocument } from './model.ts';
export { buildDocumentIndex, distinctTriples, documentTriples } from './build-index.ts';
export { LABEL_PREDICATES, labelOf, typesOf } from './labels.ts';
export { LANGS, isLang, type Lang } from './langs.ts';
export type * from './view-model.ts';
export { buildViewIndex } from './view-index.ts';
export { searchDocuments } from './search-documents.ts';
export { buildCatalog, type CatalogInput } from './catalog.ts';
export { datasetMarkup, DESCRIPTION_MAX, DESCRIPTION_MIN, fitDescription } from './dataset-markup.ts';
export { CatalogIndex, catalogDescriptions, catalogPage, catalogPageCount, type CatalogPageOptions } from './catalog-views.ts';
export { ckanTags, ckanTagList, isCkanTag } from './ckan-tags.ts';
export { catalogFileSchema, parseCatalogFile, type CatalogFacts } from './catalog-file.ts';
export { buildVoid, type VoidInput } from './void.ts';
export { describeNamedGraphs, graphDescriptions, type NamedGraphsInput, type GraphDocumentsInput } from './graphs.ts';
export { tripleStats, splitTerm, type TripleStats } from '../rdf/triple-stats.ts';
export { RDF_FORMATS, DOCUMENT_EXTS, isDocumentExt, formatOfFile, contentType, type RdfFormat, type RdfExt, type DocumentExt } from './formats.ts';
export { robotsTxt } from './sitemap.ts';
export { movedPrefixes, type MovedPrefix } from './renames.ts';
