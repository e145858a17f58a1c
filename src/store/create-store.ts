// Picks the engine the configuration names (STORE): the embedded Oxigraph pool or Virtuoso slots.
import type { Config } from '../config.ts';
import { createLocalStore, embeddedCeilingError } from './local-store.ts';
import type { Store } from './store.ts';
import { createVirtuosoStore } from './virtuoso-store.ts';
import { slotsOf } from './virtuoso/slots.ts';

export const createStore = (config: Config): Store =>
  config.store === 'virtuoso'
    ? createVirtuosoStore({ ...config.sparql, slots: slotsOf(config.virtuoso), autoLoad: config.virtuoso.autoLoad, loadTimeoutMs: config.virtuoso.loadTimeoutMs, baseIri: config.baseIri })
    : createLocalStore({ ...config.sparql, baseIri: config.baseIri });

/**
 * Refuses, before anything is read or loaded, a build the configured engine cannot hold: on the embedded store, more
 * quads (the manifest's count) than EMBEDDED_MAX_QUADS. The StoreError names the Virtuoso backend and its commands.
 */
export const assertStoreFits = (config: Config, quads: number): void => {
  if (config.store !== 'embedded') return;
  const refused = embeddedCeilingError(quads, config.sparql.embeddedMaxQuads);
  if (refused) throw refused;
};
