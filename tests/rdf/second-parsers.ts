// Parsers independent of the ones that wrote our answers, for round-trip tests: rdfxml-streaming-parser, and Python rdflib (Debian's, see scripts/ci-setup.sh).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DataFactory, Parser, type Quad } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';

/** Parses RDF/XML with rdfxml-streaming-parser (not the writer's code); rejects on the first error. */
export const parseRdfXml = (text: string, baseIRI: string): Promise<Quad[]> =>
  new Promise((resolve, reject) => {
    const out: Quad[] = [];
    const parser = new RdfXmlParser({ baseIRI, dataFactory: DataFactory as never });
    parser.on('data', (q: Quad) => out.push(q));
    parser.on('error', reject);
    parser.on('end', () => resolve(out));
    parser.write(text);
    parser.end();
  });

const PYTHON = '/usr/bin/python3';
// Reads a document in the named rdflib format from stdin and prints it back as N-Quads (rdflib's own writer).
const PY_TO_NQUADS = `
import sys, rdflib
g = rdflib.ConjunctiveGraph()
g.parse(data=sys.stdin.buffer.read().decode('utf-8'), format=sys.argv[1], publicID=sys.argv[2])
sys.stdout.write(g.serialize(format='nquads'))
`;

/** Parses a document with Python rdflib (format: xml, json-ld, nt, turtle…) and returns its triples (graph names dropped). */
export const parseWithPythonRdflib = async (text: string, format: string, baseIRI: string): Promise<Quad[]> => {
  const child = promisify(execFile)(PYTHON, ['-c', PY_TO_NQUADS, format, baseIRI], { timeout: 60_000, maxBuffer: 64 << 20 });
  child.child.stdin!.end(text);
  const { stdout } = await child;
  return triplesOf(new Parser({ format: 'application/n-quads' }).parse(stdout));
};

/** The triples of quads, graph names dropped and duplicates removed. */
export const triplesOf = (quads: readonly Quad[]): Quad[] => {
  const seen = new Map<string, Quad>();
  for (const q of quads) {
    const t = DataFactory.quad(q.subject, q.predicate, q.object);
    seen.set(`${t.subject.termType}${t.subject.value} ${t.predicate.value} ${t.object.termType}${t.object.value}${'language' in t.object ? `@${t.object.language}^${t.object.datatype.value}` : ''}`, t);
  }
  return [...seen.values()];
};
