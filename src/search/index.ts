// Entry point of the search layer: Japanese full-text search over titles and texts (no HTTP; the on-disk index reads
// and writes its one SQLite file, the in-memory one is pure and is the reference the bench compares with).
export { buildSearchIndex, FIELD_WEIGHTS, shownElement, type FieldName, type SearchDocument, type SearchHit, type SearchShown, type SearchIndex, type SearchOptions, type SearchResult } from './search-index.ts';
export { findAll, indexTokens, joinsPrevious, normalize, NORMALIZATION_VERSION, queryTokens, runs, runsOf, type Normalized, type Run } from './normalize.ts';
export { highlightsOf, snippetOf, type Snippet } from './snippet.ts';
export { openSearchFile, PHRASE_COUNTS, searchFileWriter, writeSearchFile, type OpenOptions, type PhraseCount, type SearchFile, type SearchFileWriter } from './sqlite-index.ts';
export { fieldTokenStream, queryPhrases, runPhrase } from './normalize.ts';
