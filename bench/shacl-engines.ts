// `npm run bench:shacl -- [--mutants 40] [--seed 1]`: compares, for ontology/shapes.ttl, what three validators
// report and how long they take: rdf-validate-shacl fresh for each input (the reference), the converter's validator
// (one rdf-validate-shacl instance reused from input to input, as a worker does) and shacl-engine (rdf-ext). Inputs: every real
// plan with the vocabulary beside it, the hand-written samples, one synthetic plan, and mutants of a real plan (quads
// dropped, objects swapped, language tags and datatypes changed, types removed), so that violations of many shapes are
// compared, not only conforming data. Exits 1 when the converter's validator differs from the reference.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import rdfDataset from '@rdfjs/dataset';
import { DataFactory, Parser, type Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { Validator } from 'shacl-engine';
import { ontologyQuads } from '../src/convert/dataset.ts';
import { shaclValidator, type Violation } from '../src/convert/shacl.ts';
import { loadInputs } from '../src/plan/index.ts';
import { planToQuads } from '../src/rdf/plan-to-quads.ts';
import { themesToQuads } from '../src/rdf/themes-to-quads.ts';
import { iris } from '../src/rdf/uris.ts';
import { generateBody } from '../src/synth/index.ts';
import { loadPlan } from '../src/plan/index.ts';

const { values } = parseArgs({ options: { mutants: { type: 'string', default: '40' }, seed: { type: 'string', default: '1' } } });
const uri = iris('http://localhost:3000/');
const inputs = loadInputs(process.cwd());
const vocabulary = [...ontologyQuads(readFileSync('ontology/jpplan.ttl', 'utf8'), uri.vocabularyGraph(), 'ontology/jpplan.ttl'), ...themesToQuads(inputs.themes, uri)];
const shapes = readFileSync('ontology/shapes.ttl', 'utf8');
const shapeQuads = new Parser({ format: 'text/turtle' }).parse(shapes);
const converter = shaclValidator(shapes);
const fresh = async (quads: readonly Quad[]): Promise<Violation[]> => {
  const report = await new SHACLValidator(dataset(shapeQuads)).validate(dataset(quads));
  return report.results.map((r) => ({ focusNode: r.focusNode?.value ?? '', path: r.path?.value, message: r.message.map((m) => m.value).join(' / '), severity: local(r.severity?.value) }));
};

const local = (iri: string | undefined) => iri?.replace(/^.*[#/]/, '') ?? '';
const dataset = (quads: Iterable<Quad>) => rdfDataset.dataset([...quads].map((q) => DataFactory.quad(q.subject, q.predicate, q.object)));
const SUBCLASS_OF = 'http://www.w3.org/2000/01/rdf-schema#subClassOf';
const factory = { ...DataFactory, dataset: rdfDataset.dataset };

interface Step {
  readonly quantifier: 'one' | 'oneOrMore' | 'zeroOrMore' | 'zeroOrOne';
  readonly start: 'subject' | 'object';
  readonly predicates: readonly { value: string }[];
}
interface EngineResult {
  readonly focusNode: { term: { value: string } };
  readonly path?: readonly Step[] | null;
  readonly message: readonly { value: string }[];
  readonly severity: { value: string };
  readonly constraintComponent?: { value: string };
  readonly shape: { ptr: { term?: { value: string } } };
}

/** A result's path as in the shapes: a predicate's IRI, or a SPARQL property path for a sequence, inverse, alternative … */
const pathText = (path: readonly Step[] | null | undefined): string | undefined => {
  if (!path || path.length === 0) return undefined;
  const first = path[0]!;
  if (path.length === 1 && first.quantifier === 'one' && first.start === 'subject' && first.predicates.length === 1) return first.predicates[0]!.value;
  const step = (s: Step) => {
    const alt = s.predicates.map((p) => `<${p.value}>`).join('|');
    const base = s.start === 'object' ? `^${alt}` : s.predicates.length > 1 ? `(${alt})` : alt;
    return base + { one: '', oneOrMore: '+', zeroOrMore: '*', zeroOrOne: '?' }[s.quantifier];
  };
  return path.map(step).join('/');
};

/**
 * shacl-engine resolves rdfs:subClassOf for sh:targetClass and sh:class in the shapes graph, where SHACL (and
 * rdf-validate-shacl) read it from the data graph. So the data's rdfs:subClassOf triples are added to the shapes; the
 * validator, compiled once, is reused for as long as the data brings no subClassOf triple it has not seen.
 */
const fastValidator = (shapeQuads: readonly Quad[]) => {
  const seen = new Set<string>();
  const subclass: Quad[] = [];
  let validator: Validator | undefined;
  return async (quads: readonly Quad[]): Promise<Violation[]> => {
    for (const q of quads)
      if (q.predicate.value === SUBCLASS_OF) {
        const key = `${q.subject.termType}${q.subject.value} ${q.object.termType}${q.object.value}`;
        if (!seen.has(key)) {
          seen.add(key);
          subclass.push(q);
          validator = undefined;
        }
      }
    validator ??= new Validator(dataset([...shapeQuads, ...subclass]), { factory });
    const report = await validator.validate({ dataset: dataset(quads) });
    return (report.results as EngineResult[]).map((r) => ({
      focusNode: r.focusNode.term.value,
      path: pathText(r.path),
      message: r.message.map((m) => m.value).join(' / '),
      severity: local(r.severity.value),
    }));
  };
};

const turtle = (file: string) => new Parser({ format: 'text/turtle' }).parse(readFileSync(file, 'utf8'));

// A small seeded PRNG (mulberry32), so the mutants are the same on every run.
let state = [...values.seed].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 2654435761) >>> 0, 1);
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

const mutate = (quads: readonly Quad[]): Quad[] => {
  const out = [...quads];
  const iriObjects = quads.filter((q) => q.object.termType === 'NamedNode').map((q) => q.object);
  for (let n = 1 + Math.floor(random() * 6); n > 0; n--) {
    const i = Math.floor(random() * out.length);
    const q = out[i]!;
    const kind = Math.floor(random() * 5);
    const o = q.object;
    if (kind === 0) out.splice(i, 1);
    else if (kind === 1) out[i] = DataFactory.quad(q.subject, q.predicate, pick(iriObjects), q.graph);
    else if (kind === 2 && o.termType === 'Literal') out[i] = DataFactory.quad(q.subject, q.predicate, DataFactory.literal(o.value, pick(['en', 'ja', 'fr', ''])), q.graph);
    else if (kind === 3 && o.termType === 'Literal') out[i] = DataFactory.quad(q.subject, q.predicate, DataFactory.literal(pick(['x', '-1', '', '2020-13-40']), DataFactory.namedNode(`http://www.w3.org/2001/XMLSchema#${pick(['integer', 'date', 'string', 'decimal'])}`)), q.graph);
    else {
      const typed = out.filter((x) => x.predicate.value.endsWith('#type'));
      out.splice(out.indexOf(pick(typed)), 1);
    }
  }
  return out;
};

// Complex paths: the reference names the shapes graph's blank node, shacl-engine gives a property path; compare their kind.
const key = (v: Violation) => `${v.severity} ${v.focusNode} ${v.path === undefined ? '' : /^https?:/.test(v.path) && !v.path.includes('>') ? v.path : '(path)'} ${v.message}`;
const counts = (vs: readonly Violation[]) => vs.map(key).sort();

const cases: { name: string; quads: () => Quad[] }[] = [
  ...inputs.plans.map((p) => ({ name: `real ${p.municipality.code}-${p.id}`, quads: () => [...vocabulary, ...planToQuads(p, uri)] })),
  { name: 'tests/fixtures/shapes-sample.ttl', quads: () => turtle('tests/fixtures/shapes-sample.ttl') },
  { name: 'tests/fixtures/shapes-bad.ttl', quads: () => turtle('tests/fixtures/shapes-bad.ttl') },
  {
    name: 'synthetic body 0',
    quads: () => {
      const files = new Map(generateBody(values.seed, 0).files);
      const [planFile, yamlText] = [...files].find(([f]) => f.startsWith('plans/'))!;
      const { plan } = loadPlan({ file: planFile, yamlText, readSource: (n) => { const t = [...files].find(([f]) => f.endsWith(`/${n}`)); return t && Buffer.from(t[1]); }, themeIds: new Set(inputs.themes.themes.map((t) => t.id)), synthetic: true });
      return [...vocabulary, ...planToQuads(plan!, uri)];
    },
  },
];
const base = planToQuads(inputs.plans.find((p) => p.municipality.code === '132292')!, uri);
for (let i = 0; i < Number(values.mutants); i++) {
  const mutant = mutate(base);
  cases.push({ name: `mutant ${i} of 132292`, quads: () => [...vocabulary, ...mutant] });
}

const engine = fastValidator(shapeQuads);
const validators = { reference: fresh, converter, 'shacl-engine': engine };
const time: Record<string, number> = {};
const differ: Record<string, number> = {};
let violations = 0;
for (const c of cases) {
  const quads = c.quads();
  const reports: Record<string, string[]> = {};
  for (const [name, validate] of Object.entries(validators)) {
    const t = performance.now();
    reports[name] = counts(await validate(quads));
    time[name] = (time[name] ?? 0) + performance.now() - t;
  }
  const b = reports.reference!;
  violations += b.length;
  for (const name of ['converter', 'shacl-engine']) {
    const a = reports[name]!;
    const onlyA = a.filter((x) => !b.includes(x));
    const onlyB = b.filter((x) => !a.includes(x));
    if (a.length === b.length && onlyA.length === 0 && onlyB.length === 0) continue;
    differ[name] = (differ[name] ?? 0) + 1;
    console.log(`DIFFERENT ${c.name} (${quads.length} quads): ${name} ${a.length}, reference ${b.length}`);
    for (const x of onlyA.slice(0, 3)) console.log(`  only ${name}: ${x}`);
    for (const x of onlyB.slice(0, 3)) console.log(`  only reference: ${x}`);
  }
}
console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`${cases.length} inputs, ${violations} violations reported by the reference`);
for (const name of Object.keys(validators)) console.log(`${name}: ${(time[name]! / 1000).toFixed(1)} s in all, ${differ[name] ?? 0} input(s) reported differently from the reference`);
process.exit(differ.converter ? 1 : 0);
