// The Virtuoso Store: queries go to the slot (Virtuoso instance) that holds the served build, rewritten to read only the
// build's graphs, and come back through the project's own serializers; SERVICE queries go to our federation worker.
import { Parser, type Quad } from 'n3';
import { serializeQuads } from '../rdf/serialize.ts';
import { UnrepresentableError } from '../rdf/unrepresentable.ts';
import { serializeResults, type SparqlJson } from './sparql-results.ts';
import { asDatasetSource, StoreError, type DatasetSource, type DatasetStats, type QueryAnswer, type QueryRequest, type Store, type StoreHealth, type StoreLimits } from './store.ts';
import { federate, federationPool } from './federation-pool.ts';
import type { WorkerPool } from './worker-pool.ts';
import { countsDiffer, loadIntoSlot } from './virtuoso/bulk-load.ts';
import { graphCounts } from './virtuoso/graph-counts.ts';
import { mergeGraphOf, readMarker, type Marker } from './virtuoso/marker.ts';
import { rewriteQuery } from './virtuoso/query-rewrite.ts';
import { readJsonResults, readXmlResults, UnreadableXml } from './virtuoso/results.ts';
import type { Slot } from './virtuoso/slots.ts';


export interface VirtuosoStoreOptions extends StoreLimits {
  readonly slots: readonly Slot[];
  readonly serviceAllowlist: readonly string[];
  /** Load the build into the least recently loaded free slot when no slot holds it (one server process per Virtuoso). */
  readonly autoLoad: boolean;
  /** Most quads a SERVICE query's in-memory copy of the data may hold (EMBEDDED_MAX_QUADS); default: no limit. */
  readonly embeddedMaxQuads?: number | undefined;
  /** Limit of the load's own queries (VIRTUOSO_LOAD_TIMEOUT_MS); default: the query timeout. */
  readonly loadTimeoutMs?: number | undefined;
  readonly baseIri?: string | undefined;
  readonly workerMaxMemoryMb?: number | undefined;
}

interface Active {
  readonly slot: Slot;
  readonly marker: Marker;
  readonly graphs: ReadonlySet<string>;
}

/** Slots a store of this process serves from: a load never overwrites them (a reload's old generation still answers). */
const serving = new Map<string, number>();
const hold = (slot: Slot) => serving.set(slot.name, (serving.get(slot.name) ?? 0) + 1);
const release = (slot: Slot) => {
  const n = (serving.get(slot.name) ?? 1) - 1;
  if (n > 0) serving.set(slot.name, n);
  else serving.delete(slot.name);
};

/** A writer's answer; a format that cannot carry it is the store's 'unrepresentable', as the engine workers report it. */
const written = async <T>(write: () => T | Promise<T>): Promise<T> => {
  try {
    return await write();
  } catch (e) {
    if (e instanceof UnrepresentableError) throw new StoreError('unrepresentable', e.message);
    throw e;
  }
};

const BAD_IRI = /[\u0000-\u0020<>"{}|^`\\]/;
const triples = (body: string): Quad[] => {
  try {
    return new Parser({ format: 'N-Triples' }).parse(body);
  } catch {
    throw new StoreError('execution', 'the Virtuoso backend answered with something other than N-Triples');
  }
};

class VirtuosoStore implements Store {
  readonly #options: VirtuosoStoreOptions;
  readonly #federation: WorkerPool;
  #active: Active | undefined;
  #version: string | undefined;
  /** Why SERVICE queries are refused for the loaded build, if they are. */
  #federationRefused: string | undefined;
  #reachable = true;
  #closed = false;

  constructor(options: VirtuosoStoreOptions) {
    this.#options = options;
    this.#federation = federationPool(options);
  }

  get version(): string | undefined {
    return this.#version;
  }

  /**
   * Takes the slot that holds `version` (verified graph by graph against the N-Quads), or with autoLoad loads it into
   * the least recently loaded slot nobody here serves from. Until this resolves the old slot keeps answering.
   */
  async load(data: string | DatasetSource, version: string): Promise<void> {
    const { slots, timeoutMs, maxRows, autoLoad, loadTimeoutMs = timeoutMs } = this.#options;
    // The text is read only to fill a slot or for the first federated query: a loaded slot is checked by its counts.
    const source = asDatasetSource(data);
    let text: string | undefined;
    const nquads = () => (text ??= source.text());
    const counts = source.graphCounts ?? graphCounts(nquads());
    const markers = await Promise.all(slots.map((s) => readMarker(s.endpoint, timeoutMs).catch((e: unknown) => e as Error)));
    let index = markers.findIndex((m) => !(m instanceof Error) && m?.version === version);
    let marker = markers[index] as Marker | undefined;
    if (!marker) {
      const where = (i: number) => `${slots[i]!.name} at ${slots[i]!.endpoint.url}`;
      const down = slots.flatMap((_, i) => (markers[i] instanceof Error ? [where(i)] : []));
      // One line an operator can act on: which slots were asked, what they hold, and the command that fixes it.
      if (down.length === slots.length) {
        throw new StoreError('unavailable', `no Virtuoso slot answers (${down.join(', ')}); start them with npm run virtuoso -- start, then npm run virtuoso -- load`);
      }
      const held = slots.map((_, i) => `${where(i)}: ${markers[i] instanceof Error ? 'not answering' : ((markers[i] as Marker | undefined)?.version ?? 'empty')}`).join('; ');
      if (!autoLoad) {
        throw new StoreError('unavailable', `dataset ${version} is in no Virtuoso slot (${held}); load it with npm run virtuoso -- load, or start the slots with npm run virtuoso -- start`);
      }
      const free = slots
        .map((s, i) => ({ s, i, m: markers[i] }))
        .filter(({ s, m }) => !(m instanceof Error) && !serving.has(s.name))
        .sort((a, b) => ((a.m as Marker | undefined)?.loadedAt ?? '').localeCompare((b.m as Marker | undefined)?.loadedAt ?? ''));
      const target = free[0];
      if (!target) throw new StoreError('unavailable', `no free Virtuoso slot to load dataset ${version} into (${held}; this process serves from the others)`);
      index = target.i;
      marker = await loadIntoSlot(target.s, source.file ? { file: source.file } : { text: nquads() }, version, { graphs: counts, merge: source.mergeTriples }, loadTimeoutMs);
    }
    const slot = slots[index]!;
    if (marker.resultSetMaxRows < maxRows + 1) {
      throw new StoreError('unavailable', `Virtuoso ${slot.name} cuts answers at ${marker.resultSetMaxRows} rows (ResultSetMaxRows); the row cap needs at least ${maxRows + 1}: restart it with npm run virtuoso -- start`);
    }
    // The marker's counts were checked against the instance when it was loaded, and the SPARQL user cannot write: a
    // count of every graph (a scan of a national build) at each start would tell nothing more.
    const differ = countsDiffer(counts, marker.graphs);
    if (differ) throw new StoreError('unavailable', `Virtuoso ${slot.name} does not hold dataset ${version} intact: ${differ}`);
    // SERVICE queries run in Comunica over an in-memory copy of the build (federation.ts), which can hold what the
    // embedded store holds at most: a larger build answers them with a message instead of exhausting the server.
    const quads = [...counts.values()].reduce((a, b) => a + b, 0);
    const { embeddedMaxQuads } = this.#options;
    const refused =
      embeddedMaxQuads !== undefined && quads > embeddedMaxQuads
        ? `SERVICE is evaluated over an in-memory copy of the data, which holds at most ${embeddedMaxQuads} quads (EMBEDDED_MAX_QUADS); this dataset has ${quads}`
        : undefined;
    const federated = await this.#federation.prepare(refused ? () => '' : nquads);
    text = undefined;
    federated.commit();
    hold(slot);
    if (this.#active) release(this.#active.slot);
    this.#active = { slot, marker, graphs: new Set(counts.keys()) };
    this.#federationRefused = refused;
    this.#version = version;
  }

  #require(): Active {
    if (this.#closed) throw new StoreError('unavailable', 'the store is shutting down');
    if (!this.#active) throw new StoreError('unavailable', 'no dataset loaded');
    return this.#active;
  }

  /** Asks the active slot's endpoint; a refused connection marks the store unhealthy until a question succeeds. */
  async #ask<T>(question: (endpoint: Slot['endpoint'], timeoutMs: number) => Promise<T>): Promise<T> {
    const { slot } = this.#require();
    try {
      const answer = await question(slot.endpoint, this.#options.timeoutMs);
      this.#reachable = true;
      return answer;
    } catch (e) {
      if (e instanceof StoreError && e.code === 'unavailable') this.#reachable = false;
      throw e;
    }
  }

  /** Sends one query and returns the answer's text. */
  #send(query: string, accept: string): Promise<string> {
    return this.#ask(async (endpoint, timeoutMs) => (await endpoint.request({ query, accept, timeoutMs })).body);
  }

  /** A SELECT or ASK answer, asked for in XML (see virtuoso/results.ts), or in JSON when the XML cannot carry it. */
  async #results(query: string, form: 'SELECT' | 'ASK'): Promise<SparqlJson> {
    try {
      return await this.#ask((endpoint, timeoutMs) => endpoint.read({ query, accept: 'application/sparql-results+xml', timeoutMs }, (text) => readXmlResults(text, form)));
    } catch (e) {
      if (!(e instanceof UnreadableXml)) throw e;
    }
    return readJsonResults(await this.#send(query, 'application/sparql-results+json'));
  }

  async query(request: QueryRequest): Promise<QueryAnswer> {
    const active = this.#require();
    if (request.services.length > 0) {
      if (this.#federationRefused) throw new StoreError('unsupported', this.#federationRefused);
      return federate(this.#federation, request);
    }
    const { maxRows, baseIri } = this.#options;
    const text = rewriteQuery(request.query, {
      graphs: active.graphs,
      defaultGraphs: request.defaultGraphs,
      namedGraphs: request.namedGraphs,
      mergeGraph: mergeGraphOf(active.marker),
      baseIri,
      rowLimit: maxRows + 1,
    }, request.outline);
    if (request.form === 'SELECT' || request.form === 'ASK') {
      const json = await this.#results(text, request.form);
      const { body, rows, capped } = await written(() => serializeResults(json, request.resultsMediaType, maxRows, undefined, request.outline?.columnOrder));
      return { kind: 'results', body, mediaType: request.resultsMediaType, rows, capped };
    }
    const all = triples(await this.#send(text, 'application/n-triples'));
    const capped = all.length > maxRows;
    const quads = capped ? all.slice(0, maxRows) : all;
    const body = await written(() => serializeQuads(quads, request.graphMediaType));
    return { kind: 'graph', body, mediaType: request.graphMediaType, triples: quads.length, capped };
  }

  async describe(iri: string): Promise<Quad[]> {
    if (BAD_IRI.test(iri)) throw new StoreError('syntax', `not a valid IRI: ${JSON.stringify(iri)}`);
    const { graphs, marker } = this.#require();
    const merge = mergeGraphOf(marker);
    const from = (merge ? [merge] : [...graphs]).map((g) => `FROM <${g}>`).join(' ');
    return triples(await this.#send(`CONSTRUCT { <${iri}> ?p ?o } ${from} WHERE { <${iri}> ?p ?o }`, 'application/n-triples'));
  }

  /** The counts verified at load: the instance's data does not change while a store serves from it. */
  async stats(): Promise<DatasetStats> {
    const { marker, graphs } = this.#require();
    const list = [...graphs].sort().map((iri) => ({ iri, triples: marker.graphs.get(iri) ?? 0 }));
    return { defaultGraphTriples: marker.defaultGraphTriples, graphs: list };
  }

  health(): StoreHealth {
    const ok = !this.#closed && this.#active !== undefined && this.#reachable;
    return { ok, workersReady: ok ? 1 : 0, workersWanted: 1, workersReplaced: this.#federation.health().workersReplaced };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#active) release(this.#active.slot);
    await Promise.all([this.#federation.close(), ...this.#options.slots.map((s) => s.endpoint.close())]);
  }
}

/** A Virtuoso store serving nothing yet: call load() before querying. */
export const createVirtuosoStore = (options: VirtuosoStoreOptions): Store => new VirtuosoStore(options);
