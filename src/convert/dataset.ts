// Assembles the whole dataset (one named graph per plan, one for the vocabulary) and renders every build file in memory.
import { createHash } from 'node:crypto';
import { DataFactory, Parser, type Quad } from 'n3';
import type { Inputs } from '../plan/index.ts';
import { planToQuads } from '../rdf/plan-to-quads.ts';
import { sortQuads, toJsonLd, toNQuads, toTrig, toTurtle } from '../rdf/serialize.ts';
import { themesToQuads } from '../rdf/themes-to-quads.ts';
import { iris } from '../rdf/uris.ts';
import { bodiesSource, bodyMaker } from './document-bodies.ts';
import { documentRowsWriter } from './document-rows.ts';
import { planParts, sliceFiles } from './slice-files.ts';
import { bytesOfBuildFile } from './temp-build-file.ts';

export interface BuildFile {
  readonly path: string;
  readonly mediaType: string;
  /** Text, or bytes for the one binary file (search.sqlite). */
  readonly content: string | Buffer;
}

export interface GraphInfo {
  readonly iri: string;
  readonly quads: number;
  /** Present for plan graphs. */
  readonly plan?: { readonly iri: string; readonly municipality: string; readonly id: string; readonly file: string };
}

export interface Manifest {
  /** Short hash of dataset.nq: changes exactly when the published data changes. */
  readonly version: string;
  readonly baseIri: string;
  /** Hash of everything the build read, to tell when build/ is stale. */
  readonly inputsHash: string;
  /** Present (true) only in a build of synthetic plans (npm run synth): such a build is never served as the real one. */
  readonly synthetic?: true;
  readonly quads: number;
  readonly graphs: readonly GraphInfo[];
  readonly files: readonly { path: string; mediaType: string; bytes: number; sha256: string }[];
  /** The search index (search.sqlite): verified like the files, but not a dump nor a distribution of the dataset. */
  readonly search?: { path: string; mediaType: string; bytes: number; sha256: string };
}

export interface Dataset {
  readonly quads: readonly Quad[];
  readonly files: readonly BuildFile[];
  readonly manifest: Manifest;
}

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** Parses the ontology Turtle into the vocabulary graph. */
export const ontologyQuads = (turtle: string, graphIri: string, file: string): Quad[] => {
  try {
    return new Parser({ format: 'text/turtle' })
      .parse(turtle)
      .map((q) => DataFactory.quad(q.subject, q.predicate, q.object, DataFactory.namedNode(graphIri)));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
};

export const buildDataset = async (
  inputs: Inputs,
  ontologyTurtle: string,
  baseIri: string,
  inputsHash: string,
  /** The dataset's licence (data/catalog.yaml), which the stored Turtle documents state. */
  license: string,
): Promise<Dataset> => {
  const uri = iris(baseIri);
  const vocabulary = [
    ...ontologyQuads(ontologyTurtle, uri.vocabularyGraph(), 'ontology/jpplan.ttl'),
    ...themesToQuads(inputs.themes, uri),
  ];
  const planGraphs = inputs.plans.map((plan) => ({ plan, quads: sortQuads(planToQuads(plan, uri)) }));
  const all = sortQuads([...vocabulary, ...planGraphs.flatMap((p) => p.quads)]);
  const vocabularySorted = sortQuads(vocabulary);

  const nq = toNQuads(all);
  const files: BuildFile[] = [
    { path: 'dataset.nq', mediaType: 'application/n-quads', content: nq },
    { path: 'dataset.trig', mediaType: 'application/trig', content: await toTrig(all) },
    { path: 'dataset.jsonld', mediaType: 'application/ld+json', content: await toJsonLd(all) },
    { path: 'vocabulary.ttl', mediaType: 'text/turtle', content: await toTurtle(vocabularySorted) },
  ];
  for (const { plan, quads } of planGraphs)
    files.push({ path: `plans/${plan.municipality.code}-${plan.id}.ttl`, mediaType: 'text/turtle', content: await toTurtle(quads) });

  const graphs: GraphInfo[] = [
    { iri: uri.vocabularyGraph(), quads: vocabularySorted.length },
    ...planGraphs.map(({ plan, quads }) => ({
      iri: uri.planGraph(plan.municipality.code, plan.id),
      quads: quads.length,
      plan: { iri: uri.plan(plan.municipality.code, plan.id), municipality: plan.municipality.code, id: plan.id, file: plan.file },
    })),
  ];
  const planGraphInfo = graphs.slice(1).map((graph, i) => {
    // Serialized once: the slice files read it, then its parts are made from it.
    let text: string | undefined;
    const nq = () => (text ??= toNQuads(planGraphs[i]!.quads));
    return { graph, nq, parts: () => planParts(baseIri, graph, nq()) };
  });
  const rows = await bytesOfBuildFile((dir) => {
    const writer = documentRowsWriter(dir, baseIri, bodiesSource(bodyMaker(baseIri, license, vocabularySorted)));
    for (const f of sliceFiles(baseIri, { graph: graphs[0]!, nq: () => toNQuads(vocabularySorted) }, planGraphInfo, writer))
      files.push({ path: f.path, mediaType: f.mediaType, content: f.content().toString() });
    return writer.finish();
  });
  files.push(rows.file);
  const described = files.map((f) => ({ path: f.path, mediaType: f.mediaType, bytes: Buffer.byteLength(f.content), sha256: sha256(f.content) }));
  const manifest: Manifest = {
    // The dataset's version is its N-Quads dump's checksum, already taken for the file list.
    version: described.find((f) => f.path === 'dataset.nq')!.sha256.slice(0, 16),
    baseIri,
    inputsHash,
    quads: all.length,
    graphs,
    files: described,
  };
  return { quads: all, files, manifest };
};
