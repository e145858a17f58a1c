// The converter: deterministic output, SHACL conformance, and a failed build that leaves the previous one untouched.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert, convertAndWrite, isStale, ShapeViolationError } from '../../src/convert/index.ts';
import { validateShacl } from '../../src/convert/shacl.ts';
import { InputError } from '../../src/plan/index.ts';

const BASE = 'http://localhost:3000/';
let root: string;
const opts = () => ({ root, baseIri: BASE, buildDir: join(root, 'build') });
const snapshot = (dir: string) =>
  Object.fromEntries(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => {
    const path = join(d.parentPath, d.name);
    return [path.slice(dir.length), readFileSync(path, 'utf8')];
  }));

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'jpp-convert-'));
  for (const dir of ['data', 'ontology']) cpSync(dir, join(root, dir), { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('convert', () => {
  it('builds byte-identical output twice from the same inputs', async () => {
    const first = await convert(opts());
    const second = await convert(opts());
    expect(second.files.map((f) => f.content)).toEqual(first.files.map((f) => f.content));
    expect(second.manifest).toEqual(first.manifest);
    expect(first.files.map((f) => f.path)).toEqual(expect.arrayContaining(['dataset.nq', 'dataset.trig', 'dataset.jsonld', 'plans/132101-dai5ji-kihon-koso.ttl']));
  });

  it('writes build/ with a manifest, after which build/ is not stale until an input changes', async () => {
    await convertAndWrite(opts());
    expect(isStale(opts())).toBe(false);
    expect(isStale({ ...opts(), baseIri: 'https://example.org/' })).toBe(true);
    // Any change to an input, even a comment, makes the build stale; undoing it makes it current again.
    const themes = join(root, 'data/themes.yaml');
    const text = readFileSync(themes, 'utf8');
    writeFileSync(themes, `${text}# edited\n`);
    expect(isStale(opts())).toBe(true);
    writeFileSync(themes, text);
    expect(isStale(opts())).toBe(false);
    const nq = readFileSync(join(root, 'build/dataset.nq'), 'utf8');
    const quads = new Parser({ format: 'N-Quads' }).parse(nq);
    expect(quads.length).toBe(JSON.parse(readFileSync(join(root, 'build/manifest.json'), 'utf8')).quads);
    expect(quads.some((q) => q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode')).toBe(false);
    // Every serialization holds the same graph.
    const trig = new Parser({ format: 'TriG' }).parse(readFileSync(join(root, 'build/dataset.trig'), 'utf8'));
    expect(trig.length).toBe(quads.length);
  });

  it('publishes the indicator values as typed literals', async () => {
    const { quads } = await convert(opts());
    const values = quads.filter((q) => q.subject.value.endsWith('/indicator/1/baseline') && q.predicate.value === 'http://schema.org/value');
    expect(values.map((q) => [q.object.value, (q.object as { datatype?: { value: string } }).datatype?.value])).toEqual([
      ['84.9', 'http://www.w3.org/2001/XMLSchema#decimal'],
    ]);
  });

  it('fails on a bad plan file with file, place and reason, and leaves the previous build untouched', async () => {
    await convertAndWrite(opts());
    const before = snapshot(join(root, 'build'));
    const file = join(root, 'data/plans/132292-nishitokyo.yaml');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('title: みんなで作るまち', 'title: みんなで作らないまち'));
    try {
      const error = await convertAndWrite(opts()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      const [problem] = (error as InputError).problems;
      expect(problem).toMatchObject({ file: 'data/plans/132292-nishitokyo.yaml', path: 'elements[1].title' });
      expect(problem!.line).toBeGreaterThan(0);
      expect(problem!.reason).toContain('みんなで作らないまち');
      expect(snapshot(join(root, 'build'))).toEqual(before);
      expect(readdirSync(root).filter((n) => n.startsWith('build.'))).toEqual([]);
    } finally {
      writeFileSync(file, good);
    }
  });

  it('fails when the data violates the shapes, and says which resource and why', async () => {
    const shapesFile = join(root, 'ontology/shapes.ttl');
    const shapes = readFileSync(shapesFile, 'utf8');
    // Ask for something the data never has: a second language for every level name.
    writeFileSync(shapesFile, shapes + '\n<urn:x:shape> a <http://www.w3.org/ns/shacl#NodeShape> ; <http://www.w3.org/ns/shacl#targetClass> <https://w3id.org/jp-plan/def#Measure> ; <http://www.w3.org/ns/shacl#property> [ <http://www.w3.org/ns/shacl#path> <https://w3id.org/jp-plan/def#levelName> ; <http://www.w3.org/ns/shacl#minCount> 2 ] .\n');
    try {
      const error = await convert(opts()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ShapeViolationError);
      expect((error as ShapeViolationError).count).toBe(29 + 39);
      expect((error as Error).message).toContain('/measure/');
    } finally {
      writeFileSync(shapesFile, shapes);
    }
  });
});

describe('SHACL shapes', () => {
  const shapes = readFileSync('ontology/shapes.ttl', 'utf8');
  const parse = (file: string) => new Parser({ format: 'text/turtle' }).parse(readFileSync(file, 'utf8'));

  it('accept the hand-written conforming sample', async () => {
    expect(await validateShacl(parse('tests/fixtures/shapes-sample.ttl'), shapes)).toEqual([]);
  });

  it('report each deliberate violation of the bad sample', async () => {
    const violations = await validateShacl(parse('tests/fixtures/shapes-bad.ttl'), shapes);
    const text = violations.map((v) => `${v.focusNode} ${v.path ?? ''} ${v.message}`).join('\n');
    expect(violations.length).toBeGreaterThanOrEqual(6);
    expect(text).toMatch(/theme/);
    expect(text).toMatch(/parent/);
    expect(text).toMatch(/schema\.org\/value/);
    expect(text).toMatch(/jp-plan\/def#plan/);
  });
});
