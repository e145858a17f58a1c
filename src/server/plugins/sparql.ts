// The SPARQL 1.1 Protocol endpoint at /sparql: queries, service description, negotiation, limits, ETags and cache.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { exampleName, makeLinks, queryPage, type ExampleQuery } from '../../pages/index.ts';
import { JPP, RDFS } from '../../rdf/vocab.ts';
import { RESULTS_FORMATS, ServiceAllowlist, StoreError, type ResultsMediaType } from '../../store/index.ts';
import '../decorators.ts';
import { AnswerCache, answerKey, etagFor, etagMatches, type CachedAnswer } from '../lib/answer-cache.ts';
import { pageHeaders } from '../lib/csp.ts';
import { HttpError } from '../lib/errors.ts';
import { requestLang } from '../lib/lang.ts';
import { Limiter } from '../lib/limiter.ts';
import { formatChoice, negotiate, type Choice } from '../lib/negotiate.ts';
import { readProtocolRequest, type ProtocolRequest } from '../lib/protocol-request.ts';
import { checkServices } from '../lib/query-classify.ts';
import { ParsePool, queryClassifier } from '../lib/query-parser.ts';
import { RDF_EXTS, RDF_FORMATS, rdfFormatOf } from '../../rdf/formats.ts';
import { serializeQuads, type RdfMediaType } from '../../rdf/serialize.ts';
import { checkIfMatch } from '../lib/preconditions.ts';
import { acceptsGzip, worthGzip } from '../lib/representation.ts';
import { SD_PREFIXES, serviceDescription } from '../lib/service-description.ts';

export interface SparqlPluginOptions {
  readonly config: Config;
}

/** Every results format of the table, in its order (SPARQL JSON first, the default). */
export const RESULTS_CHOICES: readonly Choice<ResultsMediaType>[] = Object.values(RESULTS_FORMATS).map(({ mediaType, names, alsoAccepts }) => ({
  type: mediaType,
  names,
  ...(alsoAccepts.length > 0 ? { alsoAccepts } : {}),
}));

/** Every RDF syntax of the table, in its order (Turtle first, the default). */
export const GRAPH_CHOICES: readonly Choice<RdfMediaType>[] = RDF_EXTS.map((ext) => {
  const { mediaType, names, alsoAccepts } = RDF_FORMATS[ext];
  return { type: mediaType, names, ...(alsoAccepts.length > 0 ? { alsoAccepts } : {}) };
});

const DESCRIPTION_CHOICES: readonly Choice<RdfMediaType | 'text/html'>[] = [
  ...GRAPH_CHOICES.filter((c) => rdfFormatOf(c.type)?.forDocuments),
  { type: 'text/html', alsoAccepts: ['application/xhtml+xml'], names: ['html'] },
];

const EXAMPLE_QUERY = `PREFIX jpp: <${JPP}>
PREFIX rdfs: <${RDFS}>

SELECT ?plan ?label WHERE {
  ?plan a jpp:Plan ;
        rdfs:label ?label .
}
ORDER BY ?plan
LIMIT 100
`;

const QUERYSTRING_SCHEMA = {
  type: 'object',
  properties: {
    query: { type: 'string', description: 'SPARQL 1.1 query (once)' },
    update: { type: 'string', description: 'refused: the endpoint is read-only' },
    'default-graph-uri': { type: 'array', items: { type: 'string' } },
    'named-graph-uri': { type: 'array', items: { type: 'string' } },
    format: {
      type: 'array',
      items: { type: 'string' },
      description: 'overrides Accept: json, xml, csv, tsv, ttl, nt, jsonld, rdfxml, html or a media type; the first known value of several wins',
    },
  },
} as const;

/** The research queries in queries/*.rq, read once, as the query page's examples (none when the folder is missing). */
const readExamples = (root: string): ExampleQuery[] => {
  const dir = join(root, 'queries');
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.rq')).sort();
  } catch {
    return [];
  }
  return files.map((file) => {
    const query = readFileSync(join(dir, file), 'utf8');
    return { file, name: exampleName(file, query), query };
  });
};

const gzipAsync = promisify(gzip);

/** The best of `choices` Accept allows, or undefined when it allows none of them. */
const acceptable = (accept: string | undefined, choices: readonly Choice[]): string | undefined => {
  try {
    return negotiate(accept, undefined, choices);
  } catch {
    return undefined;
  }
};

const sparqlPlugin: FastifyPluginAsync<SparqlPluginOptions> = async (app, { config }) => {
  const { urls } = app;
  const examples = readExamples(config.root);
  const limits = config.sparql;
  const cache = new AnswerCache(limits.cacheEntries, limits.cacheBytes);
  const allowlist = new ServiceAllowlist(limits.serviceAllowlist);
  // Two parser threads: one slow parse does not hold up every other new query.
  const parsers = new ParsePool({ threads: 2, timeoutMs: limits.parseTimeoutMs, maxQueued: 64, baseIri: config.baseIri });
  app.addHook('onClose', () => parsers.close());
  const classify = queryClassifier({ pool: parsers, maxNesting: limits.maxNesting });
  const retryAfterSeconds = Math.max(1, Math.min(10, Math.ceil(limits.timeoutMs / 1000)));
  const limiter = new Limiter(limits.maxConcurrent, limits.maxQueued, retryAfterSeconds);
  const version = () => app.store.version ?? app.manifest.version;
  /** Aborts when the connection closes before the answer was sent (the client gave up or was stopped). */
  const clientGone = (reply: FastifyReply): AbortSignal => {
    const controller = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) controller.abort();
    });
    return controller.signal;
  };

  // Bodies are read raw, and judged by the handler (content type, UTF-8, size), here only.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limits.maxQueryBytes * 3 + 64 * 1024 }, (_req, body, done) =>
    done(null, body),
  );

  // Answers can be large: their gzip copies are made off the main thread, kept as long as the answer is, and counted
  // against the cache's byte budget while it is kept.
  const gzipped = new WeakMap<CachedAnswer, Promise<Buffer>>();
  const gzipOf = (key: string, hit: CachedAnswer) => {
    let made = gzipped.get(hit);
    if (!made) {
      gzipped.set(hit, (made = gzipAsync(hit.body)));
      void made.then((gz) => cache.addCopy(key, hit, gz.byteLength), () => gzipped.delete(hit));
    }
    return made;
  };

  /**
   * Sends an answer with its validator, gzip-compressed when the client prefers it (the weak validator is shared by
   * both codings, RFC 9110 §8.8.1); a matching If-None-Match on GET/HEAD gets a 304 without running anything.
   */
  const answer = async (request: FastifyRequest, reply: FastifyReply, key: string, produce: () => Promise<CachedAnswer>, vary = 'Accept') => {
    const etag = etagFor(key);
    reply.header('etag', etag).header('vary', `${vary}, Accept-Encoding`);
    // Before the query runs (RFC 9110 §13.2.2); the tag is weak, so only `If-Match: *` holds.
    checkIfMatch(request, etag);
    if (request.method !== 'POST' && etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
    let hit = cache.get(key);
    if (!hit) {
      hit = await produce();
      cache.set(key, hit);
    }
    for (const [name, value] of Object.entries(hit.headers)) reply.header(name, value);
    const contentType = `${hit.mediaType}; charset=utf-8`;
    if (worthGzip(contentType, hit.body.byteLength) && acceptsGzip(request.headers['accept-encoding']))
      return reply.header('content-encoding', 'gzip').type(contentType).send(await gzipOf(key, hit));
    return reply.type(contentType).send(hit.body);
  };

  const describeService = (request: FastifyRequest, reply: FastifyReply, format: readonly string[]) => {
    const mediaType = negotiate(request.headers.accept, format, DESCRIPTION_CHOICES, 'accept');
    // The query page's interface follows ?lang= or Accept-Language; the service description does not.
    const lang = requestLang(request);
    const text = mediaType === 'text/html' ? `page ${lang}` : '';
    const key = answerKey({ version: version(), kind: 'service-description', text, defaultGraphs: [], namedGraphs: [], mediaType });
    return answer(request, reply, key, async () => {
      if (mediaType === 'text/html') {
        const html = queryPage({ links: makeLinks(urls, lang, () => false), examples, exampleQuery: EXAMPLE_QUERY });
        return { mediaType, headers: pageHeaders({ inlineStyles: true, endpointOrigin: new URL(urls.sparql()).origin }), body: Buffer.from(html) };
      }
      const quads = serviceDescription({
        endpoint: urls.sparql(),
        stats: await app.store.stats(),
        serviceAllowlist: limits.serviceAllowlist,
        resultMediaTypes: [...RESULTS_CHOICES, ...GRAPH_CHOICES].map((c) => c.type),
        graphDataset: urls.graphDataset,
      });
      return { mediaType, headers: {}, body: Buffer.from(await serializeQuads(quads, mediaType, { prefixes: SD_PREFIXES })) };
    }, 'Accept, Accept-Language');
  };

  const runQuery = async (request: FastifyRequest, reply: FastifyReply, req: Extract<ProtocolRequest, { kind: 'query' }>) => {
    const classified = await classify(req.query);
    checkServices(classified.services, allowlist);
    const graphForm = classified.form === 'CONSTRUCT' || classified.form === 'DESCRIBE';
    const accept = request.headers.accept;
    const choices: readonly Choice[] = graphForm ? GRAPH_CHOICES : RESULTS_CHOICES;
    // `format` is no protocol parameter: clients send it in forms of their own beside an Accept that says the same.
    let mediaType = negotiate(accept, req.format, choices, 'accept');
    const refused = new Set<string>();
    const named = formatChoice(req.format, choices) !== undefined;
    // An answer the chosen format cannot carry (RDF/XML and a predicate with no XML name, a character XML forbids) is
    // asked again in the next format Accept allows; a format named by ?format=, or none left, is a 406 that says why.
    for (;;) {
      try {
        return await answerQuery(request, reply, req, classified, graphForm, mediaType);
      } catch (e) {
        if (!(e instanceof StoreError && e.code === 'unrepresentable')) throw e;
        refused.add(mediaType);
        const rest = choices.filter((c) => !refused.has(c.type));
        const next = named || rest.length === 0 ? undefined : acceptable(accept, rest);
        if (!next) throw new HttpError('not_acceptable', `${e.message}; ask for ${rest.map((c) => c.type).join(', ') || 'another query'}`);
        mediaType = next;
      }
    }
  };

  const answerQuery = (
    request: FastifyRequest,
    reply: FastifyReply,
    req: Extract<ProtocolRequest, { kind: 'query' }>,
    classified: Awaited<ReturnType<typeof classify>>,
    graphForm: boolean,
    mediaType: string,
  ) => {
    const key = answerKey({
      version: version(),
      kind: 'query',
      text: req.query,
      defaultGraphs: req.defaultGraphs,
      namedGraphs: req.namedGraphs,
      mediaType,
      extra: String(limits.maxRows),
    });
    return answer(request, reply, key, () =>
      limiter.run(async () => {
        const result = await app.store.query({
          ...classified,
          query: req.query,
          defaultGraphs: req.defaultGraphs,
          namedGraphs: req.namedGraphs,
          resultsMediaType: graphForm ? 'application/sparql-results+json' : (mediaType as ResultsMediaType),
          graphMediaType: graphForm ? (mediaType as RdfMediaType) : 'text/turtle',
        });
        const headers: Record<string, string> = {};
        if (result.kind === 'results') {
          if (result.capped) headers['x-sparql-capped'] = `true; rows=${result.rows}`;
          return { mediaType, body: Buffer.from(result.body), headers };
        }
        if (result.capped) headers['x-sparql-capped'] = `true; triples=${result.triples}`;
        return { mediaType, body: Buffer.from(result.body), headers };
      }, clientGone(reply)),
    );
  };

  app.route({
    method: ['GET', 'POST'],
    url: '/sparql',
    schema: { querystring: QUERYSTRING_SCHEMA },
    schemaErrorFormatter: (errors) => {
      const e = errors[0];
      const name = e?.instancePath.replace(/^\//, '') ?? '';
      // Query-string values are strings or arrays, so a type error on a single-valued parameter means it was repeated.
      const repeated = e?.keyword === 'type' && (e.params as { type?: string }).type === 'string';
      const message = repeated
        ? `the ${name} parameter was given more than once; give it once`
        : `invalid ${name || 'request'}: ${e?.message ?? 'bad value'}`;
      return new HttpError('bad_request', message);
    },
    handler: (request, reply) => {
      const req = readProtocolRequest(
        {
          method: request.method,
          url: request.raw.url ?? request.url,
          contentType: request.headers['content-type'],
          body: Buffer.isBuffer(request.body) ? request.body : undefined,
        },
        limits,
      );
      return req.kind === 'description' ? describeService(request, reply, req.format) : runQuery(request, reply, req);
    },
  });
};

export default sparqlPlugin;
