// Entry point of the query layer: the Store contract and the embedded implementation.
export * from './store.ts';
export { ServiceAllowlist } from './service-allowlist.ts';
export { outlineQuery, type QueryOutline, type UpdateOutline } from './query-outline.ts';
export { createLocalStore, embeddedCeilingError, type LocalStoreOptions } from './local-store.ts';
export { RESULTS_FORMATS, resultsFormatOf, serializeResults, type ResultsFormat, type SparqlJson, type JsonTerm, type JsonBinding } from './sparql-results.ts';
export { createVirtuosoStore, type VirtuosoStoreOptions } from './virtuoso-store.ts';
export { assertStoreFits, createStore } from './create-store.ts';
export { slotsOf, type Slot } from './virtuoso/slots.ts';
export { loadIntoSlot, secureSlot } from './virtuoso/bulk-load.ts';
export { graphCounts } from './virtuoso/graph-counts.ts';
export { readMarker, type Marker } from './virtuoso/marker.ts';
export { runSql } from './virtuoso/isql.ts';
