// ontology/shapes.ttl is a well-formed SHACL shapes graph, so that any conformant processor loads it (pyshacl refuses a
// whole file for one ill-formed shape; rdf-validate-shacl, which the converter uses, quietly does something else). The
// syntax rules checked are those of SHACL 1.0 that need no engine: §2.1 (what a shape is), §2.3 (a property shape has
// exactly one sh:path), §2.3.1 (well-formed paths), §1.5 (SHACL lists) and the value rules of the §4 components used.
import { readFileSync } from 'node:fs';
import { DataFactory, Parser, Store, type Quad, type Term } from 'n3';
import { describe, expect, it } from 'vitest';
import { validateShacl } from '../../src/convert/shacl.ts';
import { JPP, PROV, RDF, SH, XSD } from '../../src/rdf/vocab.ts';

const { namedNode } = DataFactory;
const sh = (local: string) => SH + local;
const RDF_TYPE = `${RDF}type`;
const NIL = `${RDF}nil`;

/** Parses a shapes graph; reports every way it breaks the syntax rules, one line each (empty: well-formed). */
const shaclSyntaxProblems = (turtle: string): string[] => {
  const store = new Store(new Parser({ format: 'text/turtle' }).parse(turtle));
  const problems: string[] = [];
  const name = (t: Term) => (t.termType === 'BlankNode' ? `_:${t.value}` : t.termType === 'NamedNode' ? `<${t.value}>` : JSON.stringify(t.value));
  const objects = (s: Term, p: string) => store.getObjects(s, namedNode(p), null);
  const report = (focus: Term, problem: string) => problems.push(`${name(focus)}: ${problem}`);

  /** A SHACL list (§1.5): blank nodes each with exactly one rdf:first and one rdf:rest, ending in rdf:nil, no cycle. */
  const list = (head: Term, where: string): Term[] | undefined => {
    const members: Term[] = [];
    const seen = new Set<string>();
    for (let node = head; !(node.termType === 'NamedNode' && node.value === NIL); ) {
      if (node.termType !== 'BlankNode' || seen.has(node.value)) return void report(head, `${where} is not a well-formed SHACL list`);
      seen.add(node.value);
      const first = objects(node, `${RDF}first`);
      const rest = objects(node, `${RDF}rest`);
      if (first.length !== 1 || rest.length !== 1) return void report(head, `${where} is not a well-formed SHACL list`);
      members.push(first[0]!);
      node = rest[0]!;
    }
    return members;
  };

  // §2.1: the shapes. Instances of the two shape classes, subjects of targets and of constraint parameters, and the
  // values of the parameters that take shapes (members of the lists of sh:or, sh:and, sh:xone).
  const SHAPE_VALUED = ['node', 'property', 'not', 'qualifiedValueShape'];
  const LIST_OF_SHAPES = ['or', 'and', 'xone'];
  const PARAMETERS = [
    ...['class', 'datatype', 'nodeKind', 'minCount', 'maxCount', 'minExclusive', 'minInclusive', 'maxExclusive', 'maxInclusive'],
    ...['minLength', 'maxLength', 'pattern', 'flags', 'languageIn', 'uniqueLang', 'equals', 'disjoint', 'lessThan'],
    ...['lessThanOrEquals', 'hasValue', 'in', 'closed', 'ignoredProperties', 'qualifiedMinCount', 'qualifiedMaxCount'],
    ...['qualifiedValueShapesDisjoint', 'path', ...SHAPE_VALUED, ...LIST_OF_SHAPES],
  ];
  const TARGETS = ['targetClass', 'targetNode', 'targetSubjectsOf', 'targetObjectsOf'];
  const OTHER = ['message', 'severity', 'deactivated', 'name', 'description', 'order', 'group', 'defaultValue'];
  const PATHS = ['alternativePath', 'inversePath', 'zeroOrMorePath', 'oneOrMorePath', 'zeroOrOnePath'];
  const shapes = new Map<string, Term>();
  const addShape = (t: Term) => shapes.set(t.id, t);
  for (const c of ['NodeShape', 'PropertyShape']) store.getSubjects(namedNode(RDF_TYPE), namedNode(sh(c)), null).forEach(addShape);
  for (const p of [...PARAMETERS, ...TARGETS]) store.getSubjects(namedNode(sh(p)), null, null).forEach(addShape);
  for (const p of SHAPE_VALUED) store.getObjects(null, namedNode(sh(p)), null).forEach(addShape);
  for (const p of LIST_OF_SHAPES)
    for (const q of store.getQuads(null, namedNode(sh(p)), null, null)) (list(q.object, `the value of sh:${p} of ${name(q.subject)}`) ?? []).forEach(addShape);

  // Every sh: predicate is a term of SHACL Core: an engine ignores a misspelt parameter (sh:minCont) without a word.
  const known = new Set([...PARAMETERS, ...TARGETS, ...OTHER, ...PATHS].map(sh));
  for (const q of store.getQuads(null, null, null, null))
    if (q.predicate.value.startsWith(SH) && !known.has(q.predicate.value)) report(q.subject, `${q.predicate.value} is not a SHACL Core term`);

  /** §2.3.1: an IRI, a list of two or more paths (a sequence), or a blank node with exactly one path-forming triple. */
  const wellFormedPath = (path: Term, depth = 0): boolean => {
    if (depth > 20) return false;
    if (path.termType === 'NamedNode') return path.value !== NIL;
    if (path.termType !== 'BlankNode') return false;
    const forms = store.getQuads(path, null, null, null).filter((q) => q.predicate.value !== `${RDF}first` && q.predicate.value !== `${RDF}rest`);
    if (objects(path, `${RDF}first`).length > 0) {
      const steps = forms.length === 0 ? list(path, 'a sequence path') : undefined;
      return !!steps && steps.length >= 2 && steps.every((s) => wellFormedPath(s, depth + 1));
    }
    if (forms.length !== 1) return false;
    const [form] = forms as [Quad];
    const local = form.predicate.value.slice(SH.length);
    if (!form.predicate.value.startsWith(SH) || !PATHS.includes(local)) return false;
    if (local !== 'alternativePath') return wellFormedPath(form.object, depth + 1);
    const alternatives = list(form.object, 'an alternative path');
    return !!alternatives && alternatives.length >= 2 && alternatives.every((a) => wellFormedPath(a, depth + 1));
  };

  const isLiteral = (t: Term, datatype?: string) => t.termType === 'Literal' && (!datatype || (t as { datatype: { value: string } }).datatype.value === datatype);
  const isInteger = (t: Term) => isLiteral(t, `${XSD}integer`) && /^[+-]?[0-9]+$/.test(t.value);
  const isBoolean = (t: Term) => isLiteral(t, `${XSD}boolean`) && /^(true|false|1|0)$/.test(t.value);
  /** Parameters of which a shape has at most one value, and what the value must be (§4). */
  const SINGLE: Record<string, (t: Term) => boolean> = {
    minCount: (t) => isInteger(t) && Number(t.value) >= 0,
    maxCount: (t) => isInteger(t) && Number(t.value) >= 0,
    minLength: (t) => isInteger(t) && Number(t.value) >= 0,
    maxLength: (t) => isInteger(t) && Number(t.value) >= 0,
    qualifiedMinCount: isInteger,
    qualifiedMaxCount: isInteger,
    datatype: (t) => t.termType === 'NamedNode',
    nodeKind: (t) => ['BlankNode', 'IRI', 'Literal', 'BlankNodeOrIRI', 'BlankNodeOrLiteral', 'IRIOrLiteral'].map(sh).includes(t.value),
    minExclusive: isLiteral,
    minInclusive: isLiteral,
    maxExclusive: isLiteral,
    maxInclusive: isLiteral,
    flags: (t) => isLiteral(t, `${XSD}string`),
    uniqueLang: isBoolean,
    closed: isBoolean,
    qualifiedValueShapesDisjoint: isBoolean,
    deactivated: isBoolean,
    severity: (t) => t.termType === 'NamedNode',
    qualifiedValueShape: () => true,
    languageIn: (t) => (list(t, 'the value of sh:languageIn') ?? [undefined]).every((m) => !!m && isLiteral(m, `${XSD}string`)),
    in: (t) => (list(t, 'the value of sh:in') ?? [undefined]).every((m) => !!m && m.termType !== 'BlankNode'),
    ignoredProperties: (t) => (list(t, 'the value of sh:ignoredProperties') ?? [undefined]).every((m) => m?.termType === 'NamedNode'),
  };
  /** Parameters that may have several values, each of which must be of a kind. */
  const EACH: Record<string, (t: Term) => boolean> = {
    class: (t) => t.termType === 'NamedNode',
    pattern: (t) => isLiteral(t, `${XSD}string`),
    equals: (t) => t.termType === 'NamedNode',
    disjoint: (t) => t.termType === 'NamedNode',
    lessThan: (t) => t.termType === 'NamedNode',
    lessThanOrEquals: (t) => t.termType === 'NamedNode',
    targetClass: (t) => t.termType === 'NamedNode',
    targetSubjectsOf: (t) => t.termType === 'NamedNode',
    targetObjectsOf: (t) => t.termType === 'NamedNode',
    message: (t) => isLiteral(t) && ['', `${XSD}string`, `${RDF}langString`].includes((t as { datatype: { value: string } }).datatype.value),
  };
  /** Parameters of property shapes only: pyshacl refuses them on a node shape. */
  const PROPERTY_ONLY = ['minCount', 'maxCount', 'uniqueLang', 'lessThan', 'lessThanOrEquals', 'qualifiedValueShape', 'qualifiedMinCount', 'qualifiedMaxCount'];

  for (const shape of shapes.values()) {
    const paths = objects(shape, sh('path'));
    const isProperty = paths.length > 0;
    if (paths.length > 1) report(shape, `a property shape has exactly one sh:path, not ${paths.length}`);
    for (const p of paths) if (!wellFormedPath(p)) report(shape, `its sh:path ${name(p)} is not a well-formed SHACL property path`);
    const types = objects(shape, RDF_TYPE).map((t) => t.value);
    if (types.includes(sh('NodeShape')) && isProperty) report(shape, 'an sh:NodeShape has no sh:path');
    if (types.includes(sh('PropertyShape')) && !isProperty) report(shape, 'an sh:PropertyShape needs an sh:path');
    for (const [local, ok] of Object.entries(SINGLE)) {
      const values = objects(shape, sh(local));
      if (values.length > 1) report(shape, `has ${values.length} values of sh:${local}, at most one allowed`);
      for (const v of values) if (!ok(v)) report(shape, `sh:${local} ${name(v)} is not a value sh:${local} takes`);
    }
    for (const [local, ok] of Object.entries(EACH)) for (const v of objects(shape, sh(local))) if (!ok(v)) report(shape, `sh:${local} ${name(v)} is not a value sh:${local} takes`);
    if (!isProperty) for (const local of PROPERTY_ONLY) if (objects(shape, sh(local)).length > 0) report(shape, `sh:${local} belongs on a property shape (with an sh:path), not on a node shape`);
    const qualified = objects(shape, sh('qualifiedValueShape')).length > 0;
    const counted = objects(shape, sh('qualifiedMinCount')).length + objects(shape, sh('qualifiedMaxCount')).length > 0;
    if (qualified !== counted) report(shape, 'sh:qualifiedValueShape and sh:qualifiedMinCount / sh:qualifiedMaxCount come together');
  }
  // §4.8.2: each value of sh:property is a property shape; §4.7.2: each value of sh:node is a node shape.
  for (const q of store.getQuads(null, namedNode(sh('property')), null, null))
    if (objects(q.object, sh('path')).length !== 1) report(q.object, `a value of sh:property of ${name(q.subject)} is not a property shape (exactly one sh:path)`);
  for (const q of store.getQuads(null, namedNode(sh('node')), null, null))
    if (objects(q.object, sh('path')).length > 0) report(q.object, `a value of sh:node of ${name(q.subject)} is not a node shape (it has an sh:path)`);
  return problems;
};

const SHAPES = readFileSync('ontology/shapes.ttl', 'utf8');
const PREFIXES = `@prefix sh: <${SH}> . @prefix ex: <http://example.org/> . @prefix xsd: <${XSD}> .\n`;

describe('ontology/shapes.ttl', () => {
  it('is a well-formed SHACL shapes graph: every property shape has exactly one well-formed sh:path, every parameter a value it takes', () => {
    expect(shaclSyntaxProblems(SHAPES)).toEqual([]);
  });

  it('still requires a plan version to be supported by a quote or a cited page, with its own message', async () => {
    const version = 'http://localhost:3000/id/132101/plan/dai5ji-kihon-koso/version/draft';
    const data = (extra: string) => new Parser().parse(`<${version}> a <${JPP}PlanVersion> ${extra} .`);
    const support = <T extends { message: string }>(v: T[]) => v.filter((x) => x.message.includes('supported by a quote'));
    expect(support(await validateShacl(data(''), SHAPES)).map((v) => v.focusNode)).toEqual([version]);
    expect(support(await validateShacl(data(`; <${PROV}hadPrimarySource> <https://example.org/page>`), SHAPES))).toEqual([]);
    expect(support(await validateShacl(data(`; <${JPP}textQuote> <${version}/quote/text>`), SHAPES))).toEqual([]);
  });
});

describe('the well-formedness check itself', () => {
  const problems = (turtle: string) => shaclSyntaxProblems(PREFIXES + turtle);

  it('accepts the kinds of shape the project writes', () => {
    expect(
      problems(`ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:pattern "^x" ;
        sh:or ( [ sh:path ex:p ; sh:minCount 1 ] [ sh:class ex:D ] ) ;
        sh:property [ sh:path ( ex:p [ sh:inversePath ex:q ] ) ; sh:maxCount 1 ; sh:languageIn ( "ja" "en" ) ] ,
          [ sh:path [ sh:alternativePath ( ex:p ex:q ) ] ; sh:qualifiedValueShape [ sh:class ex:C ] ; sh:qualifiedMinCount 1 ] ;
        sh:message "m"@en .`),
    ).toEqual([]);
  });

  it.each([
    ['a value of sh:property without sh:path (the defect it was written for)', 'ex:S sh:property [ sh:or ( [ sh:path ex:p ] ) ] .', /not a property shape/],
    ['two paths on one property shape', 'ex:S sh:property [ sh:path ex:p , ex:q ] .', /exactly one sh:path, not 2/],
    ['a sequence path of one step', 'ex:S sh:property [ sh:path ( ex:p ) ] .', /not a well-formed SHACL property path/],
    ['a path that is a literal', 'ex:S sh:property [ sh:path "p" ] .', /not a well-formed SHACL property path/],
    ['an unknown path form', 'ex:S sh:property [ sh:path [ sh:inverse ex:p ] ] .', /not a well-formed SHACL property path|not a SHACL Core term/],
    ['sh:minCount on a node shape', 'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:minCount 1 .', /belongs on a property shape/],
    ['a misspelt parameter', 'ex:S sh:property [ sh:path ex:p ; sh:minCont 1 ] .', /sh:minCont|minCont is not a SHACL Core term/],
    ['two sh:maxCount values', 'ex:S sh:property [ sh:path ex:p ; sh:maxCount 1 , 2 ] .', /2 values of sh:maxCount/],
    ['a count that is not an integer', 'ex:S sh:property [ sh:path ex:p ; sh:minCount "1" ] .', /sh:minCount "1" is not a value/],
    ['a class that is a literal', 'ex:S sh:property [ sh:path ex:p ; sh:class "C" ] .', /sh:class "C"/],
    ['a language list of IRIs', 'ex:S sh:property [ sh:path ex:p ; sh:languageIn ( ex:ja ) ] .', /sh:languageIn/],
    ['a node shape with a path', 'ex:S sh:node [ sh:path ex:p ] .', /not a node shape/],
    ['a property shape without one', 'ex:S a sh:PropertyShape ; sh:class ex:C .', /needs an sh:path/],
    ['a qualified shape without a count', 'ex:S sh:property [ sh:path ex:p ; sh:qualifiedValueShape [ sh:class ex:C ] ] .', /come together/],
  ])('rejects %s', (_, turtle, message) => {
    expect(problems(turtle).join('\n')).toMatch(message);
  });
});
