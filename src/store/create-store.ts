// Picks the engine the configuration names (STORE): the embedded Oxigraph pool or Virtuoso slots.
import type { Config } from '../config.ts';
import { createLocalStore } from './local-store.ts';
import type { Store } from './store.ts';
import { createVirtuosoStore } from './virtuoso-store.ts';
import { slotsOf } from './virtuoso/slots.ts';

export const createStore = (config: Config): Store =>
  config.store === 'virtuoso'
    ? createVirtuosoStore({ ...config.sparql, slots: slotsOf(config.virtuoso), autoLoad: config.virtuoso.autoLoad, baseIri: config.baseIri })
    : createLocalStore({ ...config.sparql, baseIri: config.baseIri });
