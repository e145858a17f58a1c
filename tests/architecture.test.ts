// The layers only look down: every relative import of every file under src/ is checked against the folders' order.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve('src');

/**
 * What each top-level part of src/ may import besides itself, as the data flows: source texts → plan → rdf → convert
 * (build/) → store, and documents → pages → publish (the pages rendered into the build) → server above them. search
 * and config are leaves anyone may use as listed; extract and synth are tools beside the flow that write plan files,
 * so they read the plan model only.
 */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  config: [],
  plan: [],
  search: [],
  types: [],
  rdf: ['plan'],
  // The converter writes the search index (search is a leaf that imports nothing).
  convert: ['config', 'plan', 'rdf', 'search'],
  store: ['config', 'plan', 'rdf', 'convert'],
  // The manifest's type comes from convert: the catalog and VoID describe the build's files.
  documents: ['plan', 'rdf', 'convert', 'search'],
  pages: ['plan', 'rdf', 'search', 'documents'],
  // `npm run convert`: the converter's build, completed by every municipality resource's page rendered ahead.
  publish: ['config', 'plan', 'rdf', 'convert', 'search', 'documents', 'pages'],
  server: ['config', 'plan', 'rdf', 'convert', 'store', 'search', 'documents', 'pages', 'publish'],
  // extract's command-line entry points (main.ts, eval-main.ts) read their settings from config.
  extract: ['config', 'plan'],
  synth: ['plan'],
};

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'assets' ? [] : sourceFiles(join(dir, e.name))) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

/** The top-level part of src/ a path is in: its first folder, or the file's own name (config.ts → config). */
const partOf = (path: string): string => relative(SRC, path).split(/[\\/]/)[0]!.replace(/\.ts$/, '');

/** Relative module specifiers of static imports, re-exports, side-effect imports and dynamic imports. */
const importsOf = (text: string): string[] => [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);

describe('architecture', () => {
  const files = sourceFiles(SRC);

  it('knows every top-level part of src/', () => {
    expect([...new Set(files.map(partOf))].filter((p) => !(p in MAY_IMPORT))).toEqual([]);
  });

  it('has no import from a layer above or beside the importer', () => {
    const upward: string[] = [];
    for (const file of files) {
      const from = partOf(file);
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const to = partOf(resolve(dirname(file), spec));
        if (to !== from && !MAY_IMPORT[from]!.includes(to)) upward.push(`${relative(SRC, file)} imports ${spec} (${from} → ${to})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("keeps the HTTP framework, the converter and the layers' indexes out of the server's worker threads (each loads its own copy)", () => {
    // Type-only imports are erased; every other relative import is followed.
    const valueImports = (file: string) =>
      [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?\bfrom\s+'([^']+)'|^import\s+'([^']+)'/gm)].map((m) => (m[1] ?? m[2])!);
    const threads = files.filter((f) => /^server[\\/]lib[\\/][a-z-]+-worker\.ts$/.test(relative(SRC, f)));
    expect(threads.length).toBeGreaterThanOrEqual(3);
    const heavy: string[] = [];
    for (const entry of threads) {
      const seen = new Set<string>();
      const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const spec of valueImports(file)) {
          if (/^(?:fastify|@fastify\/|rdf-validate-shacl|yaml|zod)/.test(spec)) heavy.push(`${relative(SRC, entry)} → ${relative(SRC, file)} imports ${spec}`);
          if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
        }
      };
      visit(entry);
      // An index loads its whole layer: the pages' every renderer, the converter's pipeline (Oxigraph, SHACL), the plan loader.
      const indexes = /^(?:pages|convert|documents|plan)[\\/]index\.ts$|^server[\\/]lib[\\/]errors\.ts$/;
      for (const f of seen) if (indexes.test(relative(SRC, f))) heavy.push(`${relative(SRC, entry)} loads ${relative(SRC, f)}`);
    }
    expect(heavy).toEqual([]);
  });

  it('finds the imports it checks', () => {
    expect(importsOf(`import type { A } from '../rdf/x.ts';\nexport * from './y.ts';\nimport '../z.ts';\nconst m = await import('../w.ts');`)).toEqual([
      '../rdf/x.ts',
      './y.ts',
      '../z.ts',
      '../w.ts',
    ]);
  });
});
