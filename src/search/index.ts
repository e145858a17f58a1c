// Entry point of the search layer: Japanese full-text search over titles and texts (pure; no HTTP, no I/O).
export { buildSearchIndex, FIELD_WEIGHTS, type FieldName, type SearchDocument, type SearchHit, type SearchIndex, type SearchOptions, type SearchResult } from './search-index.ts';
export { findAll, indexTokens, normalize, queryTokens, runs } from './normalize.ts';
export { highlightsOf, snippetOf, type Snippet } from './snippet.ts';
