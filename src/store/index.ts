// Entry point of the query layer: the Store contract and the embedded implementation.
export * from './store.ts';
export { ServiceAllowlist } from './service-allowlist.ts';
export { createLocalStore, type LocalStoreOptions } from './local-store.ts';
export { serializeResults, type SparqlJson, type JsonTerm, type JsonBinding } from './sparql-results.ts';
