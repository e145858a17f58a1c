// Validates RDF against SHACL shapes (ontology/shapes.ttl, or others) with rdf-validate-shacl and renders a readable
// report. shacl-engine, though faster, was tried and is not used: it reads an sh:alternativePath of inverse paths (the
// SelectionShape's) as an alternative of predicates and reports false violations (bench/shacl-engines.ts shows it).
import { DataFactory, Parser, type Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import defaultEnvironment from 'rdf-validate-shacl/src/defaultEnv.js';
import { ShaclDataset, shaclDataset } from './shacl-dataset.ts';

export interface Violation {
  readonly focusNode: string;
  readonly path?: string;
  readonly message: string;
  readonly severity: string;
}

const local = (iri: string | undefined) => iri?.replace(/^.*[#/]/, '') ?? '';
/** The validator's own environment with a dataset that matches without copying (shacl-dataset.ts). */
const environment = Object.assign(Object.create(defaultEnvironment) as typeof defaultEnvironment, { dataset: shaclDataset });
const dataset = (quads: Iterable<Quad>) => new ShaclDataset([...quads].map((q) => DataFactory.quad(q.subject, q.predicate, q.object)));
const messageOf = (texts: readonly { value: string }[], component: string | undefined, shape: string | undefined) =>
  texts.map((m) => m.value).join(' / ') || `constraint ${local(component)} of ${local(shape)}`;

/** A validator for the shapes, parsed once: returns every violation of the quads; an empty list means they conform. */
export const shaclValidator = (shapesTurtle: string): ((quads: readonly Quad[]) => Promise<Violation[]>) => {
  // One SHACLValidator for every call: it compiles the shapes on first use and keeps them (a converter worker validates
  // plan after plan); its report is built anew by each validate().
  const validator = new SHACLValidator(dataset(new Parser({ format: 'text/turtle' }).parse(shapesTurtle)), { factory: environment });
  return async (quads) => {
    // Validate the union of all graphs: shapes speak of triples, whichever graph holds them.
    const report = await validator.validate(dataset(quads));
    return report.results.map((r) => ({
      focusNode: r.focusNode?.value ?? '',
      path: r.path?.value,
      message: messageOf(r.message, r.sourceConstraintComponent?.value, r.sourceShape?.value),
      severity: local(r.severity?.value),
    }));
  };
};

/** Returns every violation; an empty list means the data conforms. */
export const validateShacl = async (quads: readonly Quad[], shapesTurtle: string): Promise<Violation[]> => shaclValidator(shapesTurtle)(quads);

export const formatViolations = (violations: readonly Violation[], limit = 50): string =>
  violations
    .slice(0, limit)
    .map((v) => `  ${v.severity}: <${v.focusNode}>${v.path ? ` ${v.path}` : ''}: ${v.message}`)
    .join('\n') + (violations.length > limit ? `\n  … and ${violations.length - limit} more` : '');
