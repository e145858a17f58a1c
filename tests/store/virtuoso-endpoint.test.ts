// The Virtuoso endpoint client against a loopback HTTP server playing Virtuoso: what it sends, and every way an answer
// maps to a StoreError.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/index.ts';
import { Endpoint, getTargetOf, MAX_GET_TARGET } from '../../src/store/virtuoso/endpoint.ts';
import { readJsonResults, readXmlResults, UnreadableXml } from '../../src/store/virtuoso/results.ts';

type Handler = (body: URLSearchParams, req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler;
let server: Server;
let url: string;
let unreachable: string;

const listen = async (s: Server) => {
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(s.address() as { port: number }).port}/sparql`;
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    // A GET's parameters are its query string's, a POST's its form's.
    req.on('end', () => handler(new URLSearchParams(req.method === 'GET' ? new URL(req.url!, 'http://x').search : text), req, res));
  });
  url = await listen(server);
  const probe = createServer();
  unreachable = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const failure = async (endpoint: Endpoint, timeoutMs = 2_000): Promise<StoreError> => {
  const e = await endpoint.request({ query: 'ASK {}', accept: 'application/sparql-results+json', timeoutMs }).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(StoreError);
  return e as StoreError;
};

describe('Virtuoso endpoint client', () => {
  it('sends a query and its timeout with GET while the request target fits MAX_GET_TARGET, else POSTs them as a form', async () => {
    const seen: { method?: string; type?: string; accept?: string; query?: string | null; timeout?: string | null; target: number }[] = [];
    handler = (params, req, res) => {
      seen.push({ method: req.method, type: req.headers['content-type'], accept: req.headers.accept, query: params.get('query'), timeout: params.get('timeout'), target: req.url!.length });
      res.writeHead(200, { 'content-type': 'application/sparql-results+json' }).end('{"head":{},"boolean":true}');
    };
    const endpoint = new Endpoint(url);
    const query = 'SELECT * WHERE { ?s ?p "ä & = +" }';
    const answers = await Promise.all([1, 2, 3].map(() => endpoint.request({ query, accept: 'application/sparql-results+json', timeoutMs: 1_500 })));
    expect(answers.map((a) => a.body)).toEqual(Array(3).fill('{"head":{},"boolean":true}'));
    expect(answers[0]!.contentType).toBe('application/sparql-results+json');
    expect(seen.map(({ target: _, ...rest }) => rest)).toEqual(Array(3).fill({ method: 'GET', type: undefined, accept: 'application/sparql-results+json', query, timeout: '1500' }));

    // The longest query that is sent with GET (its target exactly MAX_GET_TARGET long), and one character more.
    seen.length = 0;
    const sent = (q: string) =>
      getTargetOf(url, { query: q, accept: 'application/sparql-results+xml', timeoutMs: 1_500 }).length;
    const longest = `ASK { ?s ?p "${'x'.repeat(MAX_GET_TARGET - sent('ASK { ?s ?p "" }'))}" }`;
    for (const q of [longest, `${longest} `]) await endpoint.request({ query: q, accept: 'application/sparql-results+xml', timeoutMs: 1_500 });
    expect(seen).toEqual([
      { method: 'GET', type: undefined, accept: 'application/sparql-results+xml', query: longest, timeout: '1500', target: MAX_GET_TARGET },
      { method: 'POST', type: 'application/x-www-form-urlencoded', accept: 'application/sparql-results+xml', query: `${longest} `, timeout: '1500', target: '/sparql'.length },
    ]);
    await endpoint.close();
  });

  it('maps Virtuoso errors by SQL state, without passing its text on', async () => {
    const endpoint = new Endpoint(url);
    const cases: [number, string, string][] = [
      [500, 'Virtuoso 37000 Error SP030: SPARQL compiler, line 1: secret internals', 'unsupported'],
      [500, 'Virtuoso 42000 Error SR186: No permission to execute procedure DB.DBA.X', 'unsupported'],
      [500, 'Virtuoso S1T00 Error SR171: Transaction timed out', 'timeout'],
      [503, 'busy', 'unavailable'],
      [500, 'Virtuoso 22023 Error SR601: something else', 'execution'],
    ];
    for (const [status, text, code] of cases) {
      handler = (_b, _q, res) => res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
      const e = await failure(endpoint);
      expect(e.code, text).toBe(code);
      expect(e.message).not.toMatch(/secret|DB\.DBA|permission to execute/);
    }
    await endpoint.close();
  });

  it('never passes an "anytime" (partial) answer off as complete', async () => {
    handler = (_b, _q, res) => res.writeHead(200, { 'content-type': 'application/sparql-results+json', 'x-sql-state': 'S1TAT' }).end('{"head":{},"boolean":false}');
    const endpoint = new Endpoint(url);
    expect((await failure(endpoint)).code).toBe('timeout');
    await endpoint.close();
  });

  it('gives up on an instance that does not answer shortly after the deadline, and names one that cannot be reached', async () => {
    handler = () => {};
    const endpoint = new Endpoint(url);
    const started = performance.now();
    expect((await failure(endpoint, 300)).code).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(5_000);
    await endpoint.close();

    const down = new Endpoint(unreachable);
    const e = await failure(down);
    expect(e.code).toBe('unavailable');
    expect(e.message).toContain(unreachable);
    expect(e.message).toContain('ECONNREFUSED');
    await down.close();
  });

  it('reports an answer broken off midway as unavailable', async () => {
    handler = (_b, _q, res) => {
      res.writeHead(200, { 'content-type': 'application/sparql-results+json', 'content-length': '1000' });
      res.write('{"head":');
      setTimeout(() => res.destroy(), 20);
    };
    const endpoint = new Endpoint(url);
    const e = await failure(endpoint);
    expect(e.code).toBe('unavailable');
    expect(e.message).toContain('broke off');
    await endpoint.close();
  });

  it('reads a successful answer as it streams in, and fails as request() does otherwise', async () => {
    const endpoint = new Endpoint(url);
    const ask = { query: 'ASK {}', accept: 'application/sparql-results+xml', timeoutMs: 2_000 };
    const text = async (chunks: AsyncIterable<string>) => {
      let all = '';
      for await (const c of chunks) all += c;
      return all;
    };
    // A character split across two chunks arrives whole: the reader is given text.
    handler = (_b, _q, res) => {
      res.writeHead(200, { 'content-type': 'application/sparql-results+xml' });
      const bytes = Buffer.from('総合計画');
      res.write(bytes.subarray(0, 4));
      setTimeout(() => res.end(bytes.subarray(4)), 20);
    };
    expect(await endpoint.read(ask, text)).toBe('総合計画');
    handler = (_b, _q, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('Virtuoso 37000 Error SP030: secret internals');
    const refused = (await endpoint.read(ask, text).catch((e: unknown) => e)) as StoreError;
    expect([refused.code, refused.message.includes('secret')]).toEqual(['unsupported', false]);
    handler = (_b, _q, res) => res.writeHead(200, { 'x-sql-state': 'S1TAT' }).end('<sparql/>');
    expect(((await endpoint.read(ask, text).catch((e: unknown) => e)) as StoreError).code).toBe('timeout');
    handler = (_b, _q, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('<sparql');
      setTimeout(() => res.destroy(), 20);
    };
    const broken = (await endpoint.read(ask, (chunks) => readXmlResults(chunks, 'SELECT')).catch((e: unknown) => e)) as StoreError;
    expect([broken.code, broken.message]).toEqual(['unavailable', expect.stringContaining('broke off')]);
    await endpoint.close();
  });
});

describe("Virtuoso's XML answers", () => {
  const stream = (...chunks: string[]) => Readable.from(chunks);
  const SRX = '<sparql xmlns="http://www.w3.org/2005/sparql-results#">';

  it('reads every kind of term as the SPARQL JSON results format has it, unbound variables left out', async () => {
    const xml =
      `${SRX}<head><variable name="s"/><variable name="o"/><variable name="n"/></head><results>` +
      '<result><binding name="s"><uri>http://example.org/a?x=1&amp;y=2</uri></binding><binding name="o"><literal xml:lang="ja">将来像 &lt;&amp;&gt; 😀</literal></binding></result>' +
      '<result><binding name="s"><bnode>nodeID://b10007</bnode></binding><binding name="n"><literal datatype="http://www.w3.org/2001/XMLSchema#integer">42</literal></binding></result>' +
      '<result><binding name="o"><literal>plain</literal></binding><binding name="n"><literal datatype="http://www.w3.org/2001/XMLSchema#string">typed</literal></binding></result>' +
      '<result><binding name="o"><literal><![CDATA[<cdata> & ]]>text</literal></binding><binding name="n"><literal/></binding></result>' +
      '<result><binding name="o"><literal>CR LF\r\nCR\rLF\n</literal></binding></result>' +
      '</results></sparql>';
    // Split inside a tag, an entity and a character: the same answer.
    for (const chunks of [[xml], [xml.slice(0, 200), xml.slice(200, 341), xml.slice(341)]]) {
      expect(await readXmlResults(stream(...chunks), 'SELECT')).toEqual({
        head: { vars: ['s', 'o', 'n'] },
        results: {
          bindings: [
            { s: { type: 'uri', value: 'http://example.org/a?x=1&y=2' }, o: { type: 'literal', value: '将来像 <&> 😀', 'xml:lang': 'ja' } },
            { s: { type: 'bnode', value: 'b10007' }, n: { type: 'literal', value: '42', datatype: 'http://www.w3.org/2001/XMLSchema#integer' } },
            { o: { type: 'literal', value: 'plain' }, n: { type: 'literal', value: 'typed' } },
            { o: { type: 'literal', value: '<cdata> & text' }, n: { type: 'literal', value: '' } },
            { o: { type: 'literal', value: 'CR LF\r\nCR\rLF\n' } },
          ],
        },
      });
    }
    expect(await readXmlResults(stream(`${SRX}<head/><results/></sparql>`), 'SELECT')).toEqual({ head: { vars: [] }, results: { bindings: [] } });
  });

  it('reads the same answer in Virtuoso\'s SPARQL JSON (its "typed-literal", its blank node labels) as in XML', async () => {
    const xml =
      `${SRX}<head><variable name="a"/><variable name="b"/></head><results><result><binding name="a"><bnode>nodeID://b7</bnode></binding>` +
      '<binding name="b"><literal datatype="http://www.w3.org/2001/XMLSchema#integer">5</literal></binding></result>' +
      '<result><binding name="a"><uri>urn:x</uri></binding><binding name="b"><literal xml:lang="ja">計画</literal></binding></result></results></sparql>';
    const json = JSON.stringify({
      head: { link: [], vars: ['a', 'b'] },
      results: {
        bindings: [
          { a: { type: 'bnode', value: 'nodeID://b7' }, b: { type: 'typed-literal', datatype: 'http://www.w3.org/2001/XMLSchema#integer', value: '5' } },
          { a: { type: 'uri', value: 'urn:x' }, b: { type: 'literal', 'xml:lang': 'ja', value: '計画' } },
        ],
      },
    });
    const fromXml = await readXmlResults(stream(xml), 'SELECT');
    expect(readJsonResults(json)).toEqual(fromXml);
    expect(fromXml.results?.bindings[0]).toEqual({ a: { type: 'bnode', value: 'b7' }, b: { type: 'literal', value: '5', datatype: 'http://www.w3.org/2001/XMLSchema#integer' } });
    expect(readJsonResults('{"head":{},"boolean":false}')).toEqual(await readXmlResults(stream(`${SRX}<head/><boolean>false</boolean></sparql>`), 'ASK'));
    expect(() => readJsonResults('<html>')).toThrow(StoreError);
  });

  it('reads ASK answers', async () => {
    for (const b of [true, false]) expect(await readXmlResults(stream(`${SRX}<head/><boolean>${b}</boolean></sparql>`), 'ASK')).toEqual({ head: {}, boolean: b });
  });

  it('refuses what is not a well-formed answer of the form asked for (the store then asks for JSON)', async () => {
    const bad = [
      // Virtuoso's character reference for U+0001, which XML 1.0 forbids.
      [`${SRX}<head><variable name="x"/></head><results><result><binding name="x"><literal>a&#1;b</literal></binding></result></results></sparql>`, 'SELECT'],
      [`${SRX}<head><variable name="x"/></head><results><result>`, 'SELECT'],
      [`${SRX}<head/><boolean>true</boolean></sparql>`, 'SELECT'],
      [`${SRX}<head/><results/></sparql>`, 'ASK'],
      ['{"head":{},"boolean":true}', 'ASK'],
      [`${SRX}<head/><results><result><binding name="x"><uri xmlns="urn:other">x</uri></binding></result></results></sparql>`, 'SELECT'],
      [`${SRX}<head/><boolean>yes</boolean></sparql>`, 'ASK'],
    ] as const;
    for (const [xml, form] of bad) await expect(readXmlResults(stream(xml), form), xml).rejects.toBeInstanceOf(UnreadableXml);
  });
});
