// Converts one plan file on its own: loads and checks it, makes its graph, validates it (SHACL and the cube integrity
// constraints, with the vocabulary graph beside it) and renders its pieces, its document rows and its facts among them,
// so that a build makes none of these again for a plan it takes from the cache. Runs in a converter worker. (The Turtle
// documents are its municipality's, made once all its plans are converted: document-bodies.ts.)
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Parser, type Quad } from 'n3';
import { loadPlan, summarizePlan, type InputLayout, type Problem } from '../plan/index.ts';
import { planToQuads } from '../rdf/plan-to-quads.ts';
import { sortQuads } from '../rdf/serialize.ts';
import { iris } from '../rdf/uris.ts';
import { checkCubeIntegrityOf } from './cube-integrity.ts';
import { graphPieces } from './graph-files.ts';
import { sha256, type PlanPieces, type PlanRecord } from './plan-cache.ts';
import { planSearchRows } from './search-file.ts';
import { pagesPiece, planDescribedPaths } from './sitemap-file.ts';
import { packPlanRows } from './document-rows.ts';
import { planParts } from './slice-files.ts';
import { shaclValidator, type Violation } from './shacl.ts';

/** What every plan of a build is converted with. */
export interface UnitContext {
  readonly root: string;
  readonly layout: InputLayout;
  readonly baseIri: string;
  readonly themeIds: readonly string[];
  /** The vocabulary graph (ontology and themes) as N-Quads: shapes and constraints are checked with it beside each plan. */
  readonly vocabularyNq: string;
  readonly shapesTurtle: string;
  /** The dataset's licence (data/catalog.yaml), which every stored Turtle document states. */
  readonly license: string;
}

export type UnitResult =
  | { readonly kind: 'problems'; readonly problems: readonly Problem[] }
  | { readonly kind: 'violations'; readonly violations: readonly Violation[] }
  | { readonly kind: 'converted'; readonly record: PlanRecord; readonly pieces: PlanPieces; readonly sources: Readonly<Record<string, string>> };

export const readSourceIn = (root: string, layout: InputLayout) => (name: string): Buffer | undefined => {
  const path = join(root, layout.sourcesDir, basename(name));
  return existsSync(path) ? readFileSync(path) : undefined;
};

/** The context's vocabulary graph, parsed. */
export const unitVocabulary = (ctx: UnitContext): Quad[] => new Parser({ format: 'N-Quads' }).parse(ctx.vocabularyNq);

/** A converter of single plans for one context (shapes and vocabulary parsed once; `vocabulary` when the caller has it). */
export const planConverter = (ctx: UnitContext, vocabulary: readonly Quad[] = unitVocabulary(ctx)) => {
  const uri = iris(ctx.baseIri);
  const themeIds = new Set(ctx.themeIds);
  const validate = shaclValidator(ctx.shapesTurtle);
  const read = readSourceIn(ctx.root, ctx.layout);

  return async (file: string, planBytes: Buffer): Promise<UnitResult> => {
    const sources: Record<string, string> = {};
    const readSource = (name: string) => {
      const bytes = read(name);
      if (bytes) sources[name] = sha256(bytes);
      return bytes;
    };
    const { plan, problems } = loadPlan({ file, yamlText: planBytes.toString('utf8'), readSource, themeIds, synthetic: ctx.layout.synthetic, sourcesDir: ctx.layout.sourcesDir });
    if (!plan) return { kind: 'problems', problems };
    const quads = sortQuads(planToQuads(plan, uri));
    const violations = await validate([...vocabulary, ...quads]);
    violations.push(...checkCubeIntegrityOf([...vocabulary, ...quads]));
    if (violations.length > 0) return { kind: 'violations', violations };
    const { code } = plan.municipality;
    const turtleName = `${code}-${plan.id}.ttl`;
    // The sitemap's share of this plan: its page paths, and those of what the catalog says about it.
    const pages = pagesPiece(quads, ctx.baseIri, planDescribedPaths(uri, code, plan.id, plan.series.id, turtleName));
    const graph = {
      iri: uri.planGraph(code, plan.id),
      quads: quads.length,
      plan: { iri: uri.plan(code, plan.id), municipality: code, id: plan.id, file: plan.file },
    };
    const rendered = await graphPieces(quads);
    const parts = planParts(ctx.baseIri, graph, rendered.nq);
    const pieces = {
      ...rendered,
      pages,
      search: JSON.stringify(planSearchRows(quads, ctx.baseIri)),
      rows: packPlanRows(parts.rows),
      facts: JSON.stringify(parts.facts),
    };
    return { kind: 'converted', sources, pieces, record: { summary: summarizePlan(plan), graph, prefixes: pieces.prefixes, turtleName } };
  };
};
