// Entry point of the HTTP layer: build the app (main.ts is the only place that listens).
export { buildApp, EXPOSED_HEADERS, type BuildOptions } from './app.ts';
export type { AppManifest } from './decorators.ts';
