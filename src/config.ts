// The one typed configuration, read from the environment once and passed to everything else.
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';

export interface Config {
  /** Base of every minted IRI; always ends with '/'. */
  readonly baseIri: string;
  readonly host: string;
  readonly port: number;
  /** Project root: where data/, ontology/ and build/ live. */
  readonly root: string;
  readonly buildDir: string;
  /**
   * A synthetic build (SYNTHETIC=true): plans and sources from SYNTH_DIR (default synth/), built into build-synth/,
   * marked synthetic in its manifest. It may never be built into, or served from, the real build folder.
   */
  readonly synthetic: boolean;
  /** Where the plan files and source texts are (relative to root, or absolute). */
  readonly plansDir: string;
  readonly sourcesDir: string;
  /** Worker threads that convert plans in parallel (CONVERT_WORKERS; default: os.availableParallelism()). */
  readonly convertWorkers: number;
  /** Server log level (pino): fatal, error, warn, info, debug, trace or silent. */
  readonly logLevel: string;
  readonly sparql: {
    readonly maxQueryBytes: number;
    readonly timeoutMs: number;
    readonly maxRows: number;
    readonly maxConcurrent: number;
    /** Queries waiting for a worker beyond the running ones; more are refused with 503. */
    readonly maxQueued: number;
    readonly workers: number;
    /** SERVICE endpoints a federated query may reach. */
    readonly serviceAllowlist: readonly string[];
    readonly cacheEntries: number;
    /** Total bytes of answers (and their gzip copies) the answer cache may hold. */
    readonly cacheBytes: number;
    /** Deepest nesting of { ( [ a query may have; checked before any parser sees it. */
    readonly maxNesting: number;
    /** Most parameters (query string and form together) a protocol request may carry. */
    readonly maxParameters: number;
    /** Longest a query's parse may take before its parser thread is stopped. */
    readonly parseTimeoutMs: number;
    /** An engine worker whose memory grew past this is replaced after its answer. */
    readonly workerMaxMemoryMb: number;
    /**
     * Most quads (the manifest's `quads`) the embedded store takes in; a larger build is refused at start-up with a
     * message naming the Virtuoso backend, before any WASM memory is spent (EMBEDDED_MAX_QUADS).
     */
    readonly embeddedMaxQuads: number;
  };
  readonly http: {
    /** Time to receive a whole request (headers and body); a slower client gets 408. */
    readonly requestTimeoutMs: number;
    /** Time to receive the request headers; a slower client gets 408. */
    readonly headersTimeoutMs: number;
    readonly keepAliveTimeoutMs: number;
    /** Bytes of public answers replayed before routing (server/lib/response-cache.ts); 0 turns the cache off. */
    readonly responseCacheBytes: number;
    /** Prepared documents and pages (server/lib/representation.ts) kept at most, and their bytes with gzip copies. */
    readonly documentCacheEntries: number;
    readonly documentCacheBytes: number;
    /** On SIGTERM, how long in-flight requests may still run before the process exits anyway. */
    readonly shutdownGraceMs: number;
  };
  /** Datasets per page of the DCAT catalog (/catalog?page=N). */
  readonly catalogPageSize: number;
  /** Municipality slices (page views) kept in memory at most; the shared one is kept apart (server/lib/slices.ts). */
  readonly sliceCacheEntries: number;
  /** Threads that answer searches from the search index, each with its own handle (server/lib/search-threads.ts). */
  readonly searchThreads: number;
  /** Threads that make a municipality's resource documents from the build's rows (server/lib/document-threads.ts). */
  readonly documentThreads: number;
  /** Serialized document and metadata bodies kept at most (server/lib/body-cache.ts), by count and bytes. */
  readonly bodyCacheEntries: number;
  readonly bodyCacheBytes: number;
  /** Take in a new build (manifest.json changed in buildDir) without a restart. */
  readonly reloadWatch: boolean;
  /** Which engine answers queries: the embedded Oxigraph pool (default) or Virtuoso instances. */
  readonly store: 'embedded' | 'virtuoso';
  readonly virtuoso: VirtuosoConfig;
}

/** The Virtuoso backend: one instance per slot (blue, green), each on its own loopback ports. */
export interface VirtuosoConfig {
  readonly host: string;
  /** HTTP (SPARQL endpoint) port of each slot; the slot count is the length of this list. */
  readonly httpPorts: readonly number[];
  /** SQL (isql) port of each slot, used only to load data and set permissions. */
  readonly sqlPorts: readonly number[];
  /** Password of the dba account the loader uses; the server itself queries as the anonymous SPARQL user. */
  readonly password: string;
  /** Where each slot keeps its database, its virtuoso.ini, its PID file and the files it loads (gitignored). */
  readonly dataDir: string;
  /** Memory each instance may use for its buffers; 0 means a quarter of the free memory at start. */
  readonly memoryMb: number;
  /** When the build being served is in no slot, the server loads it itself into the least recently loaded slot. */
  readonly autoLoad: boolean;
  /** How long a load's own queries (its counts and checks over the whole build) may take; not a client query's limit. */
  readonly loadTimeoutMs: number;
}

/**
 * The embedded store's default ceiling, in the manifest's quads. Two limits, measured on this project's data
 * (2026-12-02): (1) each Oxigraph worker holds the named graphs plus their merge as the default graph, ~1.9 stored quads
 * per manifest quad at ~406 B each (320–460 B), so ~776 B per manifest quad: WASM's 4 GB runs out near 5.5M quads
 * (~14M stored), while loading or in a later query; (2) the store takes dataset.nq as one JS string, and V8's longest
 * string is 536,870,888 characters, ~2.4M quads at the real plans' 221 characters per quad. 2M stays under both, with
 * room for query working memory in the same 4 GB; a larger build belongs on Virtuoso.
 */
export const EMBEDDED_MAX_QUADS = 2_000_000;

export const DEFAULT_SERVICE_ALLOWLIST = ['http://data.e-stat.go.jp/lod/sparql/alldata/query', 'https://query.wikidata.org/sparql'];

const int = (env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return n;
};

const bool = (env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
};

const ports = (env: NodeJS.ProcessEnv, name: string, fallback: readonly number[]): number[] => {
  const raw = env[name];
  if (raw === undefined || raw === '') return [...fallback];
  const list = raw.split(/[\s,]+/).filter(Boolean).map(Number);
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1 || n > 65535)) throw new Error(`${name} must be a comma-separated list of ports, got "${raw}"`);
  return list;
};

const storeKind = (env: NodeJS.ProcessEnv): Config['store'] => {
  const raw = env.STORE || 'embedded';
  if (raw !== 'embedded' && raw !== 'virtuoso') throw new Error(`STORE must be embedded or virtuoso, got "${raw}"`);
  return raw;
};

const virtuoso = (env: NodeJS.ProcessEnv, root: string): VirtuosoConfig => {
  const httpPorts = ports(env, 'VIRTUOSO_HTTP_PORTS', [8890, 8891]);
  const sqlPorts = ports(env, 'VIRTUOSO_SQL_PORTS', [1111, 1112]);
  if (httpPorts.length !== sqlPorts.length) throw new Error(`VIRTUOSO_HTTP_PORTS and VIRTUOSO_SQL_PORTS must list as many ports (one per slot), got ${httpPorts.length} and ${sqlPorts.length}`);
  return {
    host: env.VIRTUOSO_HOST || '127.0.0.1',
    httpPorts,
    sqlPorts,
    password: env.VIRTUOSO_PASSWORD || 'dba',
    dataDir: env.VIRTUOSO_DIR || `${root}/var/virtuoso`,
    memoryMb: int(env, 'VIRTUOSO_MEMORY_MB', 0, 0),
    autoLoad: bool(env, 'VIRTUOSO_AUTOLOAD', true),
    loadTimeoutMs: int(env, 'VIRTUOSO_LOAD_TIMEOUT_MS', 3_600_000, 1),
  };
};

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const logLevel = (env: NodeJS.ProcessEnv): string => {
  const level = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(level)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
  return level;
};

/** Reads the configuration; throws with the variable's name when a value is invalid. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env, root = process.cwd()): Config => {
  const port = int(env, 'PORT', 3000, 0);
  const host = env.HOST || '127.0.0.1';
  let baseIri = env.BASE_IRI || `http://localhost:${port}/`;
  let parsed: URL;
  try {
    parsed = new URL(baseIri);
  } catch {
    throw new Error(`BASE_IRI must be an absolute http(s) IRI, got "${baseIri}"`);
  }
  if (!/^https?:$/.test(parsed.protocol) || parsed.search || parsed.hash) throw new Error(`BASE_IRI must be an http(s) IRI without query or fragment, got "${baseIri}"`);
  if (!baseIri.endsWith('/')) baseIri += '/';
  const synthetic = bool(env, 'SYNTHETIC', false);
  const realBuildDir = `${root}/build`;
  const buildDir = env.BUILD_DIR || (synthetic ? `${root}/build-synth` : realBuildDir);
  if (synthetic && resolve(root, buildDir) === resolve(realBuildDir))
    throw new Error(`SYNTHETIC=true never builds into or serves ${realBuildDir}, the real build; use BUILD_DIR=build-synth`);
  const synthDir = env.SYNTH_DIR || 'synth';
  return {
    baseIri,
    host,
    port,
    root,
    buildDir,
    synthetic,
    plansDir: synthetic ? join(synthDir, 'plans') : 'data/plans',
    sourcesDir: synthetic ? join(synthDir, 'sources') : 'data/sources',
    convertWorkers: int(env, 'CONVERT_WORKERS', availableParallelism(), 1),
    logLevel: logLevel(env),
    sparql: {
      maxQueryBytes: int(env, 'SPARQL_MAX_QUERY_BYTES', 64 * 1024, 1),
      timeoutMs: int(env, 'SPARQL_TIMEOUT_MS', 30_000, 1),
      maxRows: int(env, 'SPARQL_MAX_ROWS', 10_000, 1),
      maxConcurrent: int(env, 'SPARQL_MAX_CONCURRENT', 4, 1),
      maxQueued: int(env, 'SPARQL_MAX_QUEUED', 16, 0),
      workers: int(env, 'SPARQL_WORKERS', 2, 1),
      serviceAllowlist: env.SPARQL_SERVICE_ALLOWLIST
        ? env.SPARQL_SERVICE_ALLOWLIST.split(/[\s,]+/).filter(Boolean)
        : DEFAULT_SERVICE_ALLOWLIST,
      cacheEntries: int(env, 'SPARQL_CACHE_ENTRIES', 500, 0),
      cacheBytes: int(env, 'SPARQL_CACHE_BYTES', 64 * 2 ** 20, 0),
      maxNesting: int(env, 'SPARQL_MAX_NESTING', 64, 1),
      maxParameters: int(env, 'SPARQL_MAX_PARAMETERS', 100, 1),
      parseTimeoutMs: int(env, 'SPARQL_PARSE_TIMEOUT_MS', 2_000, 1),
      workerMaxMemoryMb: int(env, 'SPARQL_WORKER_MAX_MB', 1024, 16),
      embeddedMaxQuads: int(env, 'EMBEDDED_MAX_QUADS', EMBEDDED_MAX_QUADS, 1),
    },
    http: {
      requestTimeoutMs: int(env, 'HTTP_REQUEST_TIMEOUT_MS', 30_000, 1),
      headersTimeoutMs: int(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000, 1),
      keepAliveTimeoutMs: int(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 5_000, 1),
      responseCacheBytes: int(env, 'HTTP_CACHE_BYTES', 64 * 2 ** 20, 0),
      documentCacheEntries: int(env, 'DOCUMENT_CACHE_ENTRIES', 10_000, 0),
      documentCacheBytes: int(env, 'DOCUMENT_CACHE_BYTES', 64 * 2 ** 20, 0),
      shutdownGraceMs: int(env, 'SHUTDOWN_GRACE_MS', 35_000, 0),
    },
    catalogPageSize: int(env, 'CATALOG_PAGE_SIZE', 100, 1),
    sliceCacheEntries: int(env, 'SLICE_CACHE_ENTRIES', 16, 1),
    searchThreads: int(env, 'SEARCH_THREADS', Math.min(4, availableParallelism()), 1),
    documentThreads: int(env, 'DOCUMENT_THREADS', Math.min(4, availableParallelism()), 1),
    bodyCacheEntries: int(env, 'BODY_CACHE_ENTRIES', 20_000, 1),
    bodyCacheBytes: int(env, 'BODY_CACHE_BYTES', 64 * 2 ** 20, 0),
    reloadWatch: bool(env, 'RELOAD_WATCH', true),
    store: storeKind(env),
    virtuoso: virtuoso(env, root),
  };
};
