// Hostile SPARQL requests: mutations of the research queries in queries/*.rq, pathological query shapes, SERVICE
// and UPDATE forms, sent as GET, form POST or direct POST with every format, repeated parameters and bad bodies.
import { bytes, percentEncode, type CaseDraft, type FuzzContext } from './cases.ts';
import type { Rng } from './prng.ts';

interface Mutated {
  readonly kind: string;
  readonly text: Buffer;
  readonly note: string;
  /** An update form: sent also as update= or application/sparql-update. */
  readonly update?: boolean;
}

const PREFIX = 'PREFIX jpp: <https://w3id.org/jp-plan/def#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n';
/** Depths around the configured guard (64) and the ones that broke the engine or froze the parser (issue 8). */
const DEPTHS = [10, 63, 64, 65, 200, 700, 1_400, 3_000, 5_000];
const tokenize = (q: string) => q.split(/(\s+|[{}().;,])/).filter((t) => t !== '');

const byteFlips = (rng: Rng, q: string): Mutated => {
  const b = Buffer.from(q, 'utf8');
  const n = rng.int(1, 8);
  for (let i = 0; i < n; i++) {
    const at = rng.int(0, b.length - 1);
    b[at] = b[at]! ^ (1 << rng.int(0, 7));
  }
  return { kind: 'sparql:byte-flip', text: b, note: `${n} bit flips` };
};

const truncate = (rng: Rng, q: string): Mutated => {
  const b = Buffer.from(q, 'utf8');
  const at = rng.int(0, b.length - 1); // may cut a multi-byte character in half
  return { kind: 'sparql:truncate', text: b.subarray(0, at), note: `cut at byte ${at} of ${b.length}` };
};

const tokens = (rng: Rng, q: string): Mutated => {
  const ts = tokenize(q);
  const i = rng.int(0, ts.length - 1);
  const op = rng.pick(['duplicate', 'delete', 'swap'] as const);
  if (op === 'duplicate') ts.splice(i, 0, ...Array<string>(rng.int(1, 50)).fill(ts[i]!));
  else if (op === 'delete') ts.splice(i, rng.int(1, 3));
  else {
    const j = rng.int(0, ts.length - 1);
    [ts[i], ts[j]] = [ts[j]!, ts[i]!];
  }
  return { kind: `sparql:token-${op}`, text: bytes(ts.join('')), note: `token ${i}` };
};

const nesting = (rng: Rng): Mutated => {
  const d = rng.pick(DEPTHS);
  const shape = rng.pick(['braces', 'parens-filter', 'parens-path', 'optional', 'subselect', 'unbalanced'] as const);
  const open = (s: string) => s.repeat(d);
  const text: Record<typeof shape, () => string> = {
    braces: () => `SELECT (COUNT(*) AS ?n) WHERE ${open('{')} ?s ?p ?o ${open('}')}`,
    'parens-filter': () => `SELECT * WHERE { ?s ?p ?o FILTER(${open('(')}1${open(')')}) } LIMIT 1`,
    'parens-path': () => `${PREFIX}SELECT * WHERE { ?s ${open('(')}rdfs:label${open(')')} ?o } LIMIT 1`,
    optional: () => `SELECT * WHERE { ?s ?p ?o ${open('OPTIONAL { ?s ?p ?o ')}${open('}')} } LIMIT 1`,
    subselect: () => `SELECT * WHERE ${open('{ SELECT * WHERE ')}{ ?s ?p ?o }${open(' }')} LIMIT 1`,
    unbalanced: () => `SELECT * WHERE ${open('{ (')} ?s ?p ?o`,
  };
  return { kind: `sparql:nest-${shape}`, text: bytes(text[shape]()), note: `depth ${d}` };
};

const hugeLiteral = (rng: Rng, q: string, max: number): Mutated => {
  const size = rng.pick([1_000, 30_000, max - 400, max + 1_000]);
  const ch = rng.pick(['a', '脱', '"', '\\\\', '\\u0000']);
  const lit = ch.repeat(Math.max(1, Math.floor(size / Buffer.byteLength(ch))));
  const quote = rng.pick(['"', "'", '"""']);
  const text = q.replace(/\}\s*(GROUP|ORDER|LIMIT|$)/, `FILTER(?x != ${quote}${lit}${quote}) } $1`);
  return { kind: 'sparql:huge-literal', text: bytes(text), note: `${size} bytes of ${JSON.stringify(ch)}` };
};

const filterChain = (rng: Rng): Mutated => {
  const n = rng.pick([100, 1_000, 3_000, 6_000]);
  const op = rng.pick([' || ', ' && ', ' + ']);
  const terms = Array.from({ length: n }, (_, i) => `?o = ${i}`).join(op);
  return { kind: 'sparql:filter-chain', text: bytes(`SELECT * WHERE { ?s ?p ?o FILTER(${terms}) } LIMIT 5`), note: `${n} terms joined by${op}` };
};

const STRANGE = ['\u0000', '\u202e', '\ufeff', '\u0301', '😀', '\ud800', '\udfff', 'ｓｅｌｅｃｔ', '\r', '\u2028', '\\u0000', '\\U0010FFFF'];
const INVALID_UTF8 = [[0xff], [0xc0, 0xaf], [0xc3, 0x28], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x00]];

const unicode = (rng: Rng, q: string): Mutated => {
  const b = Buffer.from(q, 'utf8');
  const at = rng.int(0, b.length);
  const raw = rng.chance(0.5);
  const insert = raw ? Buffer.from(rng.pick(INVALID_UTF8)) : Buffer.from(rng.pick(STRANGE).repeat(rng.int(1, 20)), 'utf8');
  return { kind: raw ? 'sparql:invalid-utf8' : 'sparql:unicode', text: Buffer.concat([b.subarray(0, at), insert, b.subarray(at)]), note: `at byte ${at}: ${insert.toString('hex').slice(0, 24)}` };
};

/** SERVICE targets: only ever loopback (the fake upstream, altered) so that nothing, even a bypass, leaves the machine. */
const serviceIris = (upstream: string): readonly string[] => {
  const u = new URL(upstream);
  return [
    upstream,
    `${u.protocol}//user:secret@${u.host}${u.pathname}`,
    `${u.protocol}//user@${u.host}${u.pathname}`,
    `${upstream}#fragment`,
    `${upstream}?x=1`,
    `${upstream}/`,
    `${u.protocol}//${u.host}${u.pathname.toUpperCase()}`,
    `${u.protocol}//localhost:${u.port}${u.pathname}`,
    `${u.protocol}//[::1]:${u.port}${u.pathname}`,
    `${u.protocol}//127.0.0.1:1/sparql`,
    `${u.protocol}//${u.host}@127.0.0.1:1/sparql`,
    `${u.protocol}//127.0.0.1:${u.port}%2f..%2fsparql`,
    `https://${u.host}${u.pathname}`,
    `file:///etc/passwd`,
    `${u.protocol}//${u.host}${u.pathname}\u0000`,
  ];
};

const service = (rng: Rng, upstream: string): Mutated => {
  const silent = rng.chance(0.3) ? 'SILENT ' : '';
  const target = rng.chance(0.1) ? '?svc' : `<${rng.pick(serviceIris(upstream))}>`;
  const inner = rng.pick(['?x ?y ?z', '?x ?y ?z . ?a ?b ?c', `${'{'.repeat(80)} ?x ?y ?z ${'}'.repeat(80)}`]);
  const text = `SELECT * WHERE { ?s ?p ?o . SERVICE ${silent}${target} { ${inner} } } LIMIT 3`;
  return { kind: 'sparql:service', text: bytes(text), note: `SERVICE ${silent}${target}` };
};

const UPDATES = [
  'INSERT DATA { <urn:a> <urn:b> <urn:c> }',
  'DELETE WHERE { ?s ?p ?o }',
  'DELETE { ?s ?p ?o } INSERT { ?s ?p "x" } WHERE { ?s ?p ?o }',
  'LOAD <http://127.0.0.1:1/x.ttl>',
  'CLEAR ALL',
  'DROP DEFAULT',
  'CREATE GRAPH <urn:g>',
  'COPY DEFAULT TO <urn:g>',
  'SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { <urn:a> <urn:b> <urn:c> }',
];
const update = (rng: Rng): Mutated => ({ kind: 'sparql:update', text: bytes(rng.pick(UPDATES)), note: 'update', update: true });

const verbatim = (q: string): Mutated => ({ kind: 'sparql:verbatim', text: bytes(q), note: 'unchanged' });

const mutate = (rng: Rng, ctx: FuzzContext, q: string): Mutated =>
  rng.weighted<() => Mutated>([
    [10, () => verbatim(q)],
    [12, () => byteFlips(rng, q)],
    [8, () => truncate(rng, q)],
    [12, () => tokens(rng, q)],
    [14, () => nesting(rng)],
    [6, () => hugeLiteral(rng, q, ctx.maxQueryBytes)],
    [5, () => filterChain(rng)],
    [10, () => unicode(rng, q)],
    [10, () => service(rng, ctx.upstream)],
    [6, () => update(rng)],
  ])();

const RESULT_TYPES = ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values', 'application/json'];
const GRAPH_TYPES = ['text/turtle', 'application/n-triples', 'application/ld+json', 'application/rdf+xml', 'application/n-quads', 'application/trig'];
const ODD_ACCEPTS = ['*/*', 'text/html', 'image/png', 'application/json;q=0, */*;q=0', 'text/*;q=abc', ';;;,,,', 'application/sparql-results+json;q=2', ''];
const FORMATS = ['json', 'srj', 'xml', 'srx', 'csv', 'tsv', 'ttl', 'nt', 'jsonld', 'rdfxml', 'nq', 'trig', 'html', 'text/csv', 'bogus', '../../etc/passwd', '', '%00'];

/** Accept and format= choices: JSON errors when the test allows it, every format otherwise. */
const negotiation = (rng: Rng): { accept: string | undefined; format: string | undefined; note: string } => {
  const accept = rng.weighted<string | undefined>([
    [40, 'application/json'],
    [25, rng.pick(RESULT_TYPES)],
    [15, rng.pick(GRAPH_TYPES)],
    [10, rng.pick(ODD_ACCEPTS)],
    [10, undefined],
  ]);
  const format = rng.chance(0.2) ? rng.pick(FORMATS) : undefined;
  return { accept, format, note: `Accept ${accept ?? '-'}${format === undefined ? '' : `, format=${format}`}` };
};

const CONTENT_TYPES = [
  'text/plain',
  'application/json',
  'multipart/form-data; boundary=x',
  'application/sparql-query; charset=iso-8859-1',
  'application/x-www-form-urlencoded; charset=utf-16',
  'application/sparql-query; charset="utf-8"; charset=latin1',
  'application/SPARQL-QUERY',
  ';',
  'application/sparql-query\u0000',
  'x'.repeat(5_000),
];

/** Thousands of repeated parameters, in the URL or in a form body. */
const repeatedParams = (rng: Rng, encodedQuery: string): string => {
  const n = rng.pick([1_000, 2_000, 5_000]);
  const name = rng.pick(['query', 'default-graph-uri', 'named-graph-uri', 'format', 'x', '']);
  const value = name.endsWith('graph-uri') ? 'urn%3Ag' : name === 'query' ? encodedQuery.slice(0, 200) : '1';
  return Array.from({ length: n }, () => `${name}=${value}`).join('&');
};

/** The server's body limit for /sparql at the default SPARQL_MAX_QUERY_BYTES (src/server/plugins/sparql.ts). */
const BODY_LIMIT = 64 * 1024 * 3 + 64 * 1024;

export const sparqlCase = (rng: Rng, ctx: FuzzContext): CaseDraft => {
  const base = rng.pick(ctx.queries);
  const m = mutate(rng, ctx, base.text);
  const neg = negotiation(rng);
  const headers: [string, string][] = [];
  if (neg.accept !== undefined) headers.push(['accept', neg.accept]);
  const param = m.update && rng.chance(0.6) ? 'update' : 'query';
  const encoded = percentEncode(m.text);
  const extra = neg.format === undefined ? '' : `&format=${encodeURIComponent(neg.format)}`;
  const transport = rng.weighted<'get' | 'form' | 'direct' | 'update-body' | 'repeated' | 'wrong-type' | 'oversized'>([
    [30, 'get'],
    [22, 'form'],
    [30, 'direct'],
    [m.update ? 8 : 1, 'update-body'],
    [5, 'repeated'],
    [5, 'wrong-type'],
    [3, 'oversized'],
  ]);
  const kind = `${m.kind} ${transport}`;
  const note = `${base.file}: ${m.note}; ${neg.note}`;
  const draft = (method: string, target: string, body?: Buffer, contentType?: string, oversized = false): CaseDraft => ({
    family: 'sparql',
    kind,
    method,
    target: bytes(target),
    headers: contentType === undefined ? headers : [...headers, ['content-type', contentType]],
    body,
    // Any body past the endpoint's body limit (3 × 64 KiB of query, percent-encoded, + 64 KiB) may be refused with
    // 413 before it is read, and the connection closed under the client's feet: that is oversized too.
    oversized: oversized || (body?.length ?? 0) > BODY_LIMIT,
    note,
  });
  switch (transport) {
    case 'get':
      return draft(rng.chance(0.1) ? 'HEAD' : 'GET', `/sparql?${param}=${encoded}${extra}`);
    case 'form':
      return draft('POST', `/sparql${extra ? `?${extra.slice(1)}` : ''}`, bytes(`${param}=${encoded}`), 'application/x-www-form-urlencoded');
    case 'direct':
      return draft('POST', `/sparql${extra ? `?${extra.slice(1)}` : ''}`, m.text, rng.pick(['application/sparql-query', 'application/sparql-query; charset=utf-8']));
    case 'update-body':
      return draft('POST', '/sparql', m.text, 'application/sparql-update');
    case 'repeated': {
      const params = repeatedParams(rng, encoded);
      return rng.chance(0.5)
        ? draft('GET', `/sparql?${param}=${encoded.slice(0, 2_000)}&${params}`)
        : draft('POST', '/sparql', bytes(`${param}=${encoded}&${params}`), 'application/x-www-form-urlencoded');
    }
    case 'wrong-type':
      return rng.chance(0.15)
        ? draft('POST', '/sparql', m.text) // no Content-Type at all
        : draft('POST', '/sparql', m.text, rng.pick(CONTENT_TYPES));
    case 'oversized': {
      const size = rng.pick([300_000, 1_000_000, 4_000_000]);
      const body = Buffer.alloc(size, rng.pick(['{', 'a', ' ']));
      return draft('POST', '/sparql', body, rng.pick(['application/sparql-query', 'application/x-www-form-urlencoded']), true);
    }
  }
};
