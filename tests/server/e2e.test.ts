// End to end: the app listening on an ephemeral port, queried over real HTTP by Comunica as a SPARQL client.
import { QueryEngine } from '@comunica/query-sparql';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, PROLOGUE, testApp, type TestApp } from '../helpers.ts';

let t: TestApp;
let endpoint: string;
beforeAll(async () => {
  t = await testApp({ workers: 2 });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  endpoint = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/sparql`;
});
afterAll(() => t.close());

describe('over HTTP with Comunica', () => {
  const engine = new QueryEngine();
  const sources = () => [{ type: 'sparql', value: endpoint }] as [{ type: 'sparql'; value: string }];

  it('answers a SELECT with parent chains', async () => {
    const stream = await engine.queryBindings(
      `${PROLOGUE}SELECT ?measure ?goal WHERE { ?measure a jpp:Measure ; jpp:parent/jpp:parent ?goal . ?goal a jpp:Goal }`,
      { sources: sources() },
    );
    const rows = (await stream.toArray()).map((b) => [b.get('measure')?.value, b.get('goal')?.value]);
    expect(rows).toEqual([[`${BASE}id/132101/plan/dai5ji-kihon-koso/measure/1`, `${BASE}id/132101/plan/dai5ji-kihon-koso/goal/1`]]);
  });

  it('answers ASK and CONSTRUCT', async () => {
    expect(await engine.queryBoolean(`${PROLOGUE}ASK { ?p a jpp:Plan }`, { sources: sources() })).toBe(true);
    const quads = await (await engine.queryQuads(`${PROLOGUE}CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a jpp:Plan ; rdfs:label ?l }`, { sources: sources() })).toArray();
    expect(quads.map((q) => q.object.value).sort()).toEqual(['小金井市 第2期実施計画', '小金井市 第5次基本構想']);
  });

  it('serves the service description and plain GETs with CORS', async () => {
    const r = await fetch(endpoint, { headers: { accept: 'text/turtle', origin: 'http://example.org' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(await r.text()).toContain(`<${BASE}sparql>`);
  });

  it('takes long GET queries up to the size limit, and refuses bigger ones with 413', async () => {
    const padded = (bytes: number) => `ASK { ?s ?p ?o } #${'x'.repeat(bytes)}`;
    const ok = await fetch(`${endpoint}?query=${encodeURIComponent(padded(30 * 1024))}`);
    expect(ok.status).toBe(200);
    const tooLarge = await fetch(`${endpoint}?query=${encodeURIComponent(padded(65 * 1024))}`, { headers: { origin: 'http://example.org' } });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('access-control-allow-origin')).toBe('*');
  });
});
