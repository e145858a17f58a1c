// Hostile paths on every route family, and hostile headers and methods: what any client may send to any URL.
import { bytes, type CaseDraft } from './cases.ts';
import type { Rng } from './prng.ts';

/** One real path per route family (they exist in every build), to be mangled. */
export const FAMILIES: Readonly<Record<string, readonly string[]>> = {
  '/id': ['/id/132101/plan/dai5ji-kihon-koso/measure/12', '/id/131121', '/id/theme/'],
  '/data': ['/data/id/132101/plan/dai5ji-kihon-koso/measure/12.ttl', '/data/id/131121.jsonld', '/data/id/132101/plan/dai5ji-kihon-koso.rdf'],
  '/page': ['/page/id/132101/plan/dai5ji-kihon-koso/measure/12', '/page/id/131121', '/page/def/Measure'],
  '/def': ['/def/Plan', '/def/Measure', '/def/'],
  '/sources': ['/sources/132101-koganei.txt', '/sources/SHA256SUMS'],
  '/source': ['/source/132101-koganei.txt', '/source/132101'],
  '/dumps': ['/dumps/', '/dumps/dataset.nq', '/dumps/manifest.json', '/dumps'],
  '/search': ['/search?q=%E8%84%B1%E7%82%AD%E7%B4%A0', '/search?q=park&m=132101&page=2', '/search'],
  '/catalog': ['/catalog', '/catalog/', '/dataset'],
  '/.well-known/void': ['/.well-known/void', '/void/'],
  '/sitemap.xml': ['/sitemap.xml', '/robots.txt'],
  '/assets': ['/assets/site.css', '/assets/sparql-page.js', '/favicon.ico'],
  sparql: ['/sparql', '/sparql?query=SELECT%20*%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%201'],
  other: ['/', '/healthz', '/ontology', '/ontology.ttl'],
};
const FAMILY_NAMES = Object.keys(FAMILIES);

const splitQuery = (p: string): [string, string] => {
  const q = p.indexOf('?');
  return q < 0 ? [p, ''] : [p.slice(0, q), p.slice(q)];
};

type PathMutation = (rng: Rng, path: string) => { kind: string; target: string | Buffer };

const PATH_MUTATIONS: readonly (readonly [number, PathMutation])[] = [
  [6, (_r, p) => ({ kind: 'path:plain', target: p })],
  [8, (r, p) => ({ kind: 'path:traversal', target: `${splitQuery(p)[0]}/${'../'.repeat(r.int(1, 12))}etc/passwd` })],
  [8, (r, p) => ({ kind: 'path:encoded-traversal', target: `${p.split('/').slice(0, 2).join('/')}/${r.pick(['%2e%2e/', '%2E%2E%2F', '..%2f', '%2e%2e%5c', '.%2e/', '%252e%252e/']).repeat(r.int(1, 8))}build/manifest.json` })],
  [6, (r, p) => ({ kind: 'path:nul', target: `${splitQuery(p)[0]}${r.pick(['%00', '%00.ttl', '%00/../x', '\u0000'])}` })],
  [8, (r, p) => ({ kind: 'path:bad-percent', target: `${splitQuery(p)[0]}${r.pick(['%E0%A4%A', '%', '%zz', '%C0%AF', '%ED%A0%80', '%FF', '%E0%A4'])}${splitQuery(p)[1]}` })],
  [5, (r, p) => ({ kind: 'path:long', target: `${splitQuery(p)[0]}/${'a'.repeat(r.pick([300, 2_000, 9_000, 20_000, 70_000]))}` })],
  [5, (r, p) => ({ kind: 'path:many-segments', target: `${splitQuery(p)[0]}${'/x'.repeat(r.pick([100, 2_000, 6_000]))}` })],
  [5, (r, p) => ({ kind: 'path:double-slash', target: p.replace(/\//g, () => (r.chance(0.5) ? '//' : '/')) })],
  [6, (r, p) => ({ kind: 'path:unicode', target: `${splitQuery(p)[0]}/${r.pick(['脱炭素', 'ｉｄ', '\u202e', '😀', 'é'.normalize('NFD')])}` })],
  [4, (r, p) => ({ kind: 'path:invalid-utf8', target: Buffer.concat([bytes(splitQuery(p)[0]), Buffer.from(r.pick([[0xff], [0xc0, 0xaf], [0xe0, 0x80]]))]) })],
  [4, (r, p) => ({ kind: 'path:backslash', target: p.replace(/\//g, () => (r.chance(0.4) ? '\\' : '/')) })],
  [4, (r, p) => ({ kind: 'path:suffix', target: `${splitQuery(p)[0]}${r.pick(['.', '.ttl.ttl', '.exe', ';jsessionid=1', '/.', '/..', '.json%3F', '~', '.html.gz', '/index.html'])}` })],
  [8, (r, p) => ({
    kind: 'path:query-junk',
    target: `${splitQuery(p)[0]}?${r.pick([
      'format=../../etc/passwd', 'format=', 'format=ttl&format=nt', 'lang=xx', 'lang=en&lang=ja', 'page=-1', 'page=99999999999999999999',
      'page=1e400', 'q=' + 'a'.repeat(500), 'q=%E0%A4%A', 'q=%00', 'm=..', 'q=' + '%E8%84%B1'.repeat(200), 'x'.repeat(3_000) + '=1',
      Array.from({ length: 3_000 }, (_, i) => `p${i}=1`).join('&'), '&&&&', '=', 'format[]=ttl', '__proto__=1&constructor=1',
    ])}`,
  })],
  [3, (r, p) => ({ kind: 'path:absolute-form', target: `http://127.0.0.1${r.pick(['', ':1', ':99999'])}${p}` })],
  [2, (r, _p) => ({ kind: 'path:odd-target', target: r.pick(['*', '', 'sparql', '/%', '/?', '/#x', '//', '/./', '/../']) })],
];

const METHODS = ['GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'OPTIONS', 'PROPFIND', 'FOO'];

const hugeAccept = (n: number) => Array.from({ length: n }, (_, i) => `application/x-${i};q=0.${i % 10}`).join(', ');

/** Header sets: [header, value] or 'no-host'. */
const HEADERS: readonly (readonly [string, (r: Rng) => readonly (readonly [string, string])[] | 'no-host'])[] = [
  ['accept', (r) => [['accept', r.pick([hugeAccept(300), hugeAccept(1_200), ';;;,,,;q=', 'text/html;q=abc', '*/*;q=2', 'application/json;q=0', '*/*;q=-1', 'text', '/', 'text/html, ' + ','.repeat(5_000), '\u00ff/\u00ff'])]]],
  ['accept-language', (r) => [['accept-language', r.pick(['xx-;q=', '*', 'en;q=abc', 'ja-JP-u-ca-japanese-x-' + 'a'.repeat(1_000), Array.from({ length: 1_000 }, (_, i) => `l${i}`).join(','), ';', 'en;q=2,ja;q=-1', '\u00e9'])]]],
  ['if-none-match', (r) => [['if-none-match', r.pick(['W/"', '*', '"', 'W/W/"x"', ',,,,', Array.from({ length: 2_000 }, (_, i) => `"${i}"`).join(','), 'garbage', '"x", W/"y", *'])]]],
  ['range', (r) => [['range', r.pick(['bytes=0-', 'bytes=-1', 'bytes=999999999-', 'bytes=a-b', 'bytes=5-1', Array.from({ length: 1_000 }, (_, i) => `${i}-${i}`).join(',').replace(/^/, 'bytes='), 'items=0-1', 'bytes=0-0,-1'])]]],
  ['accept-encoding', (r) => [['accept-encoding', r.pick(['gzip;q=0', 'br, zstd', '*', 'identity;q=0', 'gzip;q=abc', 'x'.repeat(4_000), 'gzip, gzip, gzip'])]]],
  ['host', (r) => [['host', r.pick(['', 'a'.repeat(8_000), '[::1', '127.0.0.1:99999', '例え.テスト', 'evil.example', 'localhost:0', '127.0.0.1:1@evil', ' ', '127.0.0.1\t'])]]],
  ['no-host', () => 'no-host'],
  ['two-hosts', () => [['host', 'a.example'], ['host', 'b.example']]],
  ['if-modified-since', (r) => [['if-modified-since', r.pick(['yesterday', '0', 'Thu, 01 Jan 1970 00:00:00 GMT', 'Fri, 31 Dec 9999 23:59:59 GMT'])]]],
  ['many-headers', (r) => Array.from({ length: r.pick([50, 500, 3_000]) }, (_, i) => [`x-h${i}`, 'v'] as const)],
  ['content-length-on-get', () => [['content-length', '5']]],
  ['origin', (r) => [['origin', r.pick(['null', 'http://evil.example', 'x'.repeat(3_000)])], ['access-control-request-method', 'PUT']]],
];

/** A hostile path on a random route family, with a method and perhaps a hostile header. */
export const pathCase = (rng: Rng): CaseDraft => {
  const family = rng.pick(FAMILY_NAMES);
  const m = rng.weighted(PATH_MUTATIONS)(rng, rng.pick(FAMILIES[family]!));
  const method = rng.chance(0.8) ? 'GET' : rng.pick(METHODS);
  const accept = rng.pick(['application/json', 'application/json', 'text/html', 'text/turtle', '*/*']);
  const shown = typeof m.target === 'string' ? m.target : m.target.toString('latin1');
  return {
    family,
    kind: m.kind,
    method,
    target: bytes(m.target),
    headers: [['accept', accept]],
    note: `${method} ${shown.length > 90 ? `${shown.slice(0, 90)}… (${shown.length} chars)` : shown}; Accept ${accept}`,
  };
};

/** A real path with hostile headers or an unusual method. */
export const headerCase = (rng: Rng): CaseDraft => {
  const family = rng.pick(FAMILY_NAMES);
  const path = rng.pick(FAMILIES[family]!);
  const [name, make] = rng.pick(HEADERS);
  const made = make(rng);
  const method = rng.chance(0.7) ? rng.pick(['GET', 'HEAD']) : rng.pick(METHODS);
  const body = method === 'PUT' || method === 'PATCH' || (method === 'POST' && rng.chance(0.5)) ? bytes('{"a":1}') : undefined;
  const headers = made === 'no-host' ? [] : [...made];
  if (!headers.some(([h]) => h === 'accept')) headers.push(['accept', 'application/json']);
  if (body) headers.push(['content-type', rng.pick(['application/json', 'text/turtle', 'application/x-www-form-urlencoded'])]);
  const sample = made === 'no-host' ? 'no Host' : made.map(([h, v]) => `${h}: ${v.length > 60 ? `${v.slice(0, 60)}… (${v.length} chars)` : v}`).slice(0, 2).join('; ');
  return { family, kind: `header:${name}`, method, target: bytes(path), headers, body, noHost: made === 'no-host', note: `${method} ${path}; ${sample}` };
};
