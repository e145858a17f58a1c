// Validates the dataset against ontology/shapes.ttl with rdf-validate-shacl and renders a readable report.
import rdfDataset from '@rdfjs/dataset';
import { DataFactory, Parser, type Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';

export interface Violation {
  readonly focusNode: string;
  readonly path?: string;
  readonly message: string;
  readonly severity: string;
}

const local = (iri: string | undefined) => iri?.replace(/^.*[#/]/, '') ?? '';

/** A validator for the shapes, parsed once: returns every violation of the quads; an empty list means they conform. */
export const shaclValidator = (shapesTurtle: string): ((quads: readonly Quad[]) => Promise<Violation[]>) => {
  const shapes = rdfDataset.dataset(new Parser({ format: 'text/turtle' }).parse(shapesTurtle));
  return (quads) => validateWith(shapes, quads);
};

/** Returns every violation; an empty list means the data conforms. */
export const validateShacl = async (quads: readonly Quad[], shapesTurtle: string): Promise<Violation[]> => shaclValidator(shapesTurtle)(quads);

const validateWith = async (shapes: ReturnType<typeof rdfDataset.dataset>, quads: readonly Quad[]): Promise<Violation[]> => {
  // Validate the union of all graphs: shapes speak of triples, whichever graph holds them.
  const data = rdfDataset.dataset(quads.map((q) => DataFactory.quad(q.subject, q.predicate, q.object)));
  const validator = new SHACLValidator(shapes);
  const report = await validator.validate(data);
  return report.results.map((r) => ({
    focusNode: r.focusNode?.value ?? '',
    path: r.path?.value,
    message: r.message.map((m) => m.value).join(' / ') || `constraint ${local(r.sourceConstraintComponent?.value)} of ${local(r.sourceShape?.value)}`,
    severity: local(r.severity?.value),
  }));
};

export const formatViolations = (violations: readonly Violation[], limit = 50): string =>
  violations
    .slice(0, limit)
    .map((v) => `  ${v.severity}: <${v.focusNode}>${v.path ? ` ${v.path}` : ''}: ${v.message}`)
    .join('\n') + (violations.length > limit ? `\n  … and ${violations.length - limit} more` : '');
