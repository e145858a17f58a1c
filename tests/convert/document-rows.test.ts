// The document rows file: what a resource's row holds, read back as written, and the order it needs.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DataFactory, type NamedNode, type Quad } from 'n3';
import { afterEach, describe, expect, it } from 'vitest';
import { bodiesFile, bodiesSource, bodyMaker, cachedBodiesSource, documentFromRows, makeSliceBodiesFile, sliceBodiesKey } from '../../src/convert/document-bodies.ts';
import { DOCUMENTS_FILE, documentRowsWriter, type BodiesSource, openDocumentRows, packPlanBodies, packPlanRows, planRows, unpackPlanBodies, unpackPlanRows } from '../../src/convert/document-rows.ts';
import { PIECE_FILES } from '../../src/convert/plan-cache.ts';
import { documentBody } from '../../src/rdf/document-body.ts';

const { quad, namedNode: iri, literal, blankNode } = DataFactory;
const BASE = 'http://localhost:3000/';
const RDFS_LABEL = iri('http://www.w3.org/2000/01/rdf-schema#label');
const TYPE = iri('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
const PLAN = iri('https://w3id.org/jp-plan/def#plan');
const TEXT = iri('https://w3id.org/jp-plan/def#text');
const g = iri(`${BASE}graph/132101/p`);
const plan = iri(`${BASE}id/132101/plan/p`);
const measure = iri(`${BASE}id/132101/plan/p/measure/1`);
const year = iri(`${BASE}id/fiscal-year/2030`);

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const LICENSE = 'https://creativecommons.org/licenses/by/4.0/';
const maker = bodyMaker(BASE, LICENSE, []);
const source = bodiesSource(maker);

// Each graph's rows go through the form its plan's cache entry keeps, as in a build.
const write = async (graphs: readonly (readonly [string, readonly Quad[]])[], bodies: BodiesSource = source) => {
  dir = mkdtempSync(join(tmpdir(), 'jpp-rows-'));
  const writer = documentRowsWriter(dir, BASE, bodies);
  for (const [code, quads] of graphs) writer.add(code, unpackPlanRows(packPlanRows(planRows(BASE, code, quads))));
  return writer.finish();
};

describe('document rows', () => {
  it("give back a resource's own and inbound lines and the names of what it mentions, long rows included", async () => {
    const long = 'まちづくり'.repeat(400); // 6 kB of UTF-8: deflated
    const entry = await write([
      [
        '132101',
        [
          quad(measure, TYPE, iri('https://w3id.org/jp-plan/def#Measure'), g),
          quad(measure, RDFS_LABEL, literal('施策1', 'ja'), g),
          quad(measure, PLAN, plan, g),
          quad(measure, TEXT, literal(long, 'ja'), g),
          quad(plan, RDFS_LABEL, literal('計画', 'ja'), g),
          quad(year, RDFS_LABEL, literal('2030年度', 'ja'), g),
          quad(blankNode('b'), PLAN, plan, g),
        ],
      ],
    ]);
    expect(entry).toMatchObject({ path: DOCUMENTS_FILE, mediaType: 'application/vnd.sqlite3' });
    const rows = openDocumentRows(join(dir, DOCUMENTS_FILE), BASE);
    try {
      const own = rows.triples('132101', measure.value).own.split('\n');
      expect(own).toHaveLength(4);
      expect(own.some((l) => l.includes(long))).toBe(true);
      // The blank node's link is left out, as the document index leaves it out.
      expect(rows.triples('132101', plan.value).inbound).toBe(`<${measure.value}> <${PLAN.value}> <${plan.value}> .`);
      expect(rows.names('132101', year.value)).toBe(`<${year.value}> <${RDFS_LABEL.value}> "2030年度"@ja .`);
      // A shared resource is named in the slice, never described there; another slice knows nothing of these.
      expect(rows.triples('132101', year.value)).toEqual({ own: '', inbound: '' });
      expect(rows.triples('131121', measure.value)).toEqual({ own: '', inbound: '' });
      // The own and inbound lines are read apart too, each as the pair gives it.
      const slice = rows.slice('132101');
      expect(slice.own(measure.value)).toBe(rows.triples('132101', measure.value).own);
      expect(slice.inbound(plan.value)).toBe(rows.triples('132101', plan.value).inbound);
      expect(slice.own(year.value)).toBe('');
    } finally {
      rows.close();
    }
  });

  it('keep a resource\'s own lines apart from a long inbound list, each deflated on its own when long', async () => {
    // A plan pointed at by 200 elements: a page of any of them reads the plan's own lines, never this list.
    const elements = Array.from({ length: 200 }, (_, i) => iri(`${BASE}id/132101/plan/p/measure/${i + 1}`));
    await write([['132101', [quad(plan, RDFS_LABEL, literal('計画', 'ja'), g), ...elements.map((e) => quad(e, PLAN, plan, g))]]]);
    const rows = openDocumentRows(join(dir, DOCUMENTS_FILE), BASE);
    try {
      const slice = rows.slice('132101');
      expect(slice.own(plan.value)).toBe(`<${plan.value}> <${RDFS_LABEL.value}> "計画"@ja .`);
      const inbound = slice.inbound(plan.value).split('\n');
      expect(inbound).toHaveLength(200);
      expect(Buffer.byteLength(inbound.join('\n'))).toBeGreaterThan(2048);
      expect(inbound).toContain(`<${elements[0]!.value}> <${PLAN.value}> <${plan.value}> .`);
    } finally {
      rows.close();
    }
    // Stored apart: the short own lines as text, the long inbound list deflated on its own.
    const db = new Database(join(dir, DOCUMENTS_FILE), { readonly: true });
    try {
      expect(db.prepare('SELECT typeof(own), typeof(inbound) FROM resource WHERE code = ? AND iri = ?').raw().get('132101', plan.value)).toEqual(['text', 'blob']);
    } finally {
      db.close();
    }
  });

  it("of a municipality's plans, each made on its own, are the rows of all their quads, byte for byte", async () => {
    // Two editions of a plan: they name the same fiscal year and municipality, and both point at the municipality
    // often enough that its inbound lines are deflated in each plan's rows and in the merge.
    const municipality = iri(`${BASE}id/132101`);
    const g2 = iri(`${BASE}graph/132101/q`);
    const plan2 = iri(`${BASE}id/132101/plan/q`);
    const MUNICIPALITY = iri('https://w3id.org/jp-plan/def#municipality');
    const edition = (graph: NamedNode, p: NamedNode, label: string) => [
      quad(p, TYPE, iri('https://w3id.org/jp-plan/def#Plan'), graph),
      quad(p, RDFS_LABEL, literal(label, 'ja'), graph),
      quad(p, MUNICIPALITY, municipality, graph),
      quad(municipality, RDFS_LABEL, literal('小金井市', 'ja'), graph),
      quad(year, RDFS_LABEL, literal('2030年度', 'ja'), graph),
      ...Array.from({ length: 120 }, (_, i) => quad(iri(`${p.value}/measure/${i + 1}`), MUNICIPALITY, municipality, graph)),
    ];
    const first = edition(g, plan, '第5次計画');
    const second = edition(g2, plan2, '第6次計画');
    const bytes = () => readFileSync(join(dir, DOCUMENTS_FILE));
    await write([['132101', [...first, ...second]], ['132110', [quad(plan, RDFS_LABEL, literal('x', 'ja'), g)]]]);
    const whole = bytes();
    rmSync(dir, { recursive: true, force: true });
    await write([['132101', first], ['132101', second], ['132110', [quad(plan, RDFS_LABEL, literal('x', 'ja'), g)]]]);
    expect(bytes().equals(whole)).toBe(true);
    const rows = openDocumentRows(join(dir, DOCUMENTS_FILE), BASE);
    try {
      expect(rows.triples('132101', municipality.value).inbound.split('\n')).toHaveLength(242);
      expect(rows.names('132101', municipality.value)).toBe(`<${municipality.value}> <${RDFS_LABEL.value}> "小金井市"@ja .`);
    } finally {
      rows.close();
    }
  });

  it("of each municipality, are kept between builds under its plans' key, read without its rows, and made again when not kept", async () => {
    const MUNICIPALITY = iri('https://w3id.org/jp-plan/def#municipality');
    const municipality = iri(`${BASE}id/132101`);
    const g2 = iri(`${BASE}graph/132101/q`);
    const plan2 = iri(`${BASE}id/132101/plan/q`);
    const edition = (graph: NamedNode, p: NamedNode, label: string) => [
      quad(p, TYPE, iri('https://w3id.org/jp-plan/def#Plan'), graph),
      quad(p, RDFS_LABEL, literal(label, 'ja'), graph),
      quad(p, MUNICIPALITY, municipality, graph),
      quad(municipality, RDFS_LABEL, literal('小金井市', 'ja'), graph),
    ];
    const single = ['132110', [quad(iri(`${BASE}id/132110/plan/p`), RDFS_LABEL, literal('x', 'ja'), iri(`${BASE}graph/132110/p`))]] as const;
    const graphs = (second: string) => [['132101', edition(g, plan, '第5次計画')], ['132101', edition(g2, plan2, second)], single] as const;
    const cache = mkdtempSync(join(tmpdir(), 'jpp-bodies-'));
    const turtleOf = (iriOf: NamedNode) => {
      const rows = openDocumentRows(join(dir, DOCUMENTS_FILE), BASE, LICENSE);
      try {
        return rows.turtle('132101', iriOf.value)?.toString('utf8');
      } finally {
        rows.close();
      }
    };
    const bytes = () => readFileSync(join(dir, DOCUMENTS_FILE));
    // The key a build gives each municipality (in a build, its plans' inputs): here, the plans' titles stand for them.
    const keyed = (inputs: string) => (code: string) => sliceBodiesKey('shared', [code, inputs]);
    try {
      // What a build without the cache writes, for each input.
      await write(graphs('第6次計画'));
      const plain = bytes();
      await write(graphs('第7次計画'));
      const plainChanged = bytes();

      await write(graphs('第6次計画'), cachedBodiesSource(maker, cache, keyed('6')));
      expect(bytes().equals(plain)).toBe(true);
      // One entry per municipality, named by its code and key.
      const entries = readdirSync(cache).sort();
      expect(entries).toEqual(['132101', '132110'].map((c) => `${c}-${keyed('6')(c)}.json.deflate`));

      // The entry is what the next build writes: altered, it is read back as altered, and the rows are not read.
      const entry = join(cache, entries[0]!);
      const kept = unpackPlanBodies(readFileSync(entry));
      const altered = kept.map(([i, body]) => [i, i === plan2.value ? '# altered\n' : body] as const);
      writeFileSync(entry, packPlanBodies(altered as unknown as typeof kept));
      await write(graphs('第6次計画'), cachedBodiesSource(maker, cache, keyed('6')));
      expect(turtleOf(plan2)).toBe('# altered\n');
      const unread = () => {
        throw new Error('rows read');
      };
      await expect(cachedBodiesSource(maker, cache, keyed('6')).made('132101', unread)).resolves.toEqual(altered);

      // Other keys (a plan retitled): made again, and the entries no longer asked for let go.
      await write(graphs('第7次計画'), cachedBodiesSource(maker, cache, keyed('7')));
      expect(bytes().equals(plainChanged)).toBe(true);
      expect(turtleOf(plan2)).toContain('第7次計画');
      expect(readdirSync(cache).sort()).toEqual(['132101', '132110'].map((c) => `${c}-${keyed('7')(c)}.json.deflate`));

      // An unreadable entry is made again.
      writeFileSync(join(cache, readdirSync(cache).sort()[0]!), 'not deflated');
      await write(graphs('第7次計画'), cachedBodiesSource(maker, cache, keyed('7')));
      expect(bytes().equals(plainChanged)).toBe(true);
      expect(unpackPlanBodies(readFileSync(join(cache, readdirSync(cache).sort()[0]!))).length).toBeGreaterThan(0);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it("of a municipality of several plans, made by a converter worker from its plans' cache entries, are the build's own", async () => {
    const MUNICIPALITY = iri('https://w3id.org/jp-plan/def#municipality');
    const municipality = iri(`${BASE}id/132101`);
    const plan2 = iri(`${BASE}id/132101/plan/q`);
    const edition = (graph: NamedNode, p: NamedNode, label: string) => [
      quad(p, RDFS_LABEL, literal(label, 'ja'), graph),
      quad(p, MUNICIPALITY, municipality, graph),
      quad(municipality, RDFS_LABEL, literal('小金井市', 'ja'), graph),
      ...Array.from({ length: 60 }, (_, i) => quad(iri(`${p.value}/measure/${i + 1}`), MUNICIPALITY, municipality, graph)),
    ];
    const plans = [edition(g, plan, '第5次計画'), edition(iri(`${BASE}graph/132101/q`), plan2, '第6次計画')];
    const cache = mkdtempSync(join(tmpdir(), 'jpp-bodies-'));
    try {
      // Each plan's rows as its cache entry keeps them; the worker merges them and keeps the bodies where a build reads.
      const planDirs = plans.map((quads, i) => {
        const d = join(cache, `plan-${i}`);
        mkdirSync(d);
        writeFileSync(join(d, PIECE_FILES.rows), packPlanRows(planRows(BASE, '132101', quads)));
        return d;
      });
      const file = bodiesFile(join(cache, 'bodies'), '132101', 'k');
      await makeSliceBodiesFile('132101', [...planDirs].reverse(), file, maker);
      const made = readFileSync(file);
      // The municipality, its two plans and their 120 measures.
      expect(unpackPlanBodies(made)).toHaveLength(123);
      await write(plans.map((quads) => ['132101', quads] as const));
      const plain = readFileSync(join(dir, DOCUMENTS_FILE));
      rmSync(dir, { recursive: true, force: true });
      // The build reads the worker's file (left as it was: one it could not read would have been made again).
      await write(plans.map((quads) => ['132101', quads] as const), cachedBodiesSource(maker, join(cache, 'bodies'), () => 'k'));
      expect(readFileSync(join(dir, DOCUMENTS_FILE)).equals(plain)).toBe(true);
      expect(readFileSync(file).equals(made)).toBe(true);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('list every IRI a slice names outside its own, and read names only there and under its own IRIs', async () => {
    const term = iri('https://w3id.org/jp-plan/def#Measure');
    const other = iri(`${BASE}id/1321010/plan/p`); // another code that starts with the same six digits
    await write([
      [
        '132101',
        [
          quad(measure, TYPE, term, g),
          quad(year, RDFS_LABEL, literal('2030年度', 'ja'), g),
          quad(other, RDFS_LABEL, literal('他', 'ja'), g),
          quad(term, RDFS_LABEL, literal('施策', 'ja'), g),
        ],
      ],
    ]);
    const file = join(dir, DOCUMENTS_FILE);
    const listed = () => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare('SELECT iri FROM named_elsewhere').pluck().all();
      } finally {
        db.close();
      }
    };
    expect(listed()).toEqual([term.value, other.value, year.value].sort());
    const read = () => {
      const rows = openDocumentRows(file, BASE);
      try {
        const slice = rows.slice('132101');
        return [measure, year, other, term].map((r) => slice.names(r.value) !== '');
      } finally {
        rows.close();
      }
    };
    expect(read()).toEqual([true, true, true, true]);
    // The list decides: an IRI taken off it is no longer read; a file without it (an older converter's) reads them all.
    const db = new Database(file);
    db.prepare('DELETE FROM named_elsewhere WHERE iri = ?').run(year.value);
    db.close();
    expect(read()).toEqual([true, false, true, true]);
    const older = new Database(file);
    older.exec('DROP TABLE named_elsewhere');
    older.close();
    expect(read()).toEqual([true, true, true, true]);
  });

  it("keep each resource's Turtle document, the bytes a server makes from the same rows, served under the same licence only", async () => {
    const municipality = iri(`${BASE}id/132101`);
    const source = iri(`${BASE}sources/132101-p.txt`);
    await write([
      [
        '132101',
        [
          quad(plan, TYPE, iri('https://w3id.org/jp-plan/def#Plan'), g),
          quad(plan, RDFS_LABEL, literal('第5次計画', 'ja'), g),
          quad(plan, iri('https://w3id.org/jp-plan/def#municipality'), municipality, g),
          quad(plan, iri('http://purl.org/dc/terms/source'), source, g),
          quad(municipality, RDFS_LABEL, literal('小金井市', 'ja'), g),
          quad(measure, PLAN, plan, g),
          quad(measure, RDFS_LABEL, literal('施策'.repeat(600), 'ja'), g), // a body over 2 kB: deflated
          quad(year, RDFS_LABEL, literal('2030年度', 'ja'), g),
          quad(measure, iri('https://w3id.org/jp-plan/def#targetYear'), year, g),
        ],
      ],
    ]);
    const file = join(dir, DOCUMENTS_FILE);
    const rows = openDocumentRows(file, BASE, LICENSE);
    try {
      for (const r of [plan, municipality, measure, source]) {
        const path = r.value.slice(BASE.length);
        const made = await documentBody(documentFromRows(r.value, path, rows.slice('132101'), maker.vocabulary)!, 'ttl', maker.facts);
        expect(rows.turtle('132101', r.value)?.toString('utf8')).toBe(made.toString('utf8'));
      }
      expect(rows.turtle('132101', measure.value)!.toString('utf8')).toContain(`<${BASE}data/id/132101/plan/p/measure/1.ttl> dcterms:license <${LICENSE}>`);
      // Another slice's IRI, and one the slice only names (a fiscal year): no document of this slice.
      expect(rows.turtle('131121', plan.value)).toBeUndefined();
      expect(rows.turtle('132101', year.value)).toBeUndefined();
    } finally {
      rows.close();
    }
    for (const license of [undefined, 'https://creativecommons.org/publicdomain/zero/1.0/']) {
      const other = openDocumentRows(file, BASE, license);
      try {
        expect(other.turtle('132101', plan.value)).toBeUndefined();
      } finally {
        other.close();
      }
    }
    // A file without them (an older converter's) has none.
    const db = new Database(file);
    db.exec('DROP TABLE turtle');
    db.close();
    const older = openDocumentRows(file, BASE, LICENSE);
    try {
      expect(older.turtle('132101', plan.value)).toBeUndefined();
      expect(older.triples('132101', plan.value).own).not.toBe('');
    } finally {
      older.close();
    }
  });

  it('refuse, naming the file and the fix, a rows file of the older layout (own and inbound in one column)', () => {
    dir = mkdtempSync(join(tmpdir(), 'jpp-rows-'));
    const file = join(dir, DOCUMENTS_FILE);
    const db = new Database(file);
    db.exec('CREATE TABLE resource (code TEXT NOT NULL, iri TEXT NOT NULL, names TEXT, triples BLOB, PRIMARY KEY (code, iri)) WITHOUT ROWID');
    db.close();
    expect(() => openDocumentRows(file, BASE)).toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not the document rows this server reads .*rebuild with npm run convert$`));
  });

  it("refuse a municipality's graphs that do not come together", async () => {
    const one = [quad(plan, RDFS_LABEL, literal('計画', 'ja'), g)];
    await expect(write([['132101', one], ['131121', one], ['132101', one]])).rejects.toThrow(/the graphs of 132101 came apart/);
  });
});
