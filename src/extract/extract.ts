// Drafts a plan from a published document: reads the PDF or text, writes the source text, the draft plan file and its sidecar.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { stringify } from 'yaml';
import { isValidLocalGovernmentCode } from '../plan/codes.ts';
import { draftPlan } from './draft-plan.ts';
import { ExtractError } from './errors.ts';
import { draftOutline } from './outline.ts';
import { pdfText } from './pdf-text.ts';

export interface ExtractOptions {
  readonly root: string;
  readonly input: string;
  readonly code: string;
  /** Folder for all three files; default: data/sources/ and data/plans/ under root. */
  readonly out?: string;
  /** The file name part after the code (lower-case ASCII letters); default: from the input's name. */
  readonly name?: string;
}

export interface ExtractResult {
  readonly sourcePath: string;
  readonly planPath: string;
  readonly sidecarPath: string;
  readonly elements: number;
  readonly unplaced: number;
}

/** The text of the input: a PDF's text in reading order, or a text file byte for byte (it must be UTF-8). */
export const readInput = async (input: string): Promise<string> => {
  if (!existsSync(input)) throw new ExtractError(input, 'no such file');
  const bytes = readFileSync(input);
  const ext = extname(input).toLowerCase();
  if (ext === '.pdf') return pdfText(new Uint8Array(bytes), input);
  if (ext !== '.txt') throw new ExtractError(input, `unsupported input "${ext || '(no extension)'}": give a .pdf or a .txt file`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ExtractError(input, 'a .txt input must be UTF-8 text');
  }
};

/** Theme ids with words of their Japanese labels (子ども・子育て → 子ども, 子育て), to suggest themes. */
const themeWords = (root: string): Map<string, string[]> => {
  const themes = readFileSync(join(root, 'data/themes.yaml'), 'utf8');
  const out = new Map<string, string[]>();
  for (const m of themes.matchAll(/- id: ([a-z0-9-]+)\n\s+notation: "\d+"\n\s+label: \{ ja: ([^,]+),/g))
    out.set(m[1]!, m[2]!.split(/[・、]/).filter((w) => w.length >= 2));
  return out;
};

export const extract = async (opts: ExtractOptions): Promise<ExtractResult> => {
  if (!isValidLocalGovernmentCode(opts.code))
    throw new ExtractError(opts.input, `--code ${opts.code} is not a six-digit local government code with a valid check digit`);
  const name = opts.name ?? (basename(opts.input, extname(opts.input)).toLowerCase().replace(/[^a-z]/g, '') || 'plan');
  if (!/^[a-z]+$/.test(name)) throw new ExtractError(opts.input, `--name ${name}: use lower-case ASCII letters only`);
  const text = await readInput(opts.input);
  if (text.trim().length === 0) throw new ExtractError(opts.input, 'the document holds no text (a scanned PDF needs OCR first)');
  const stem = `${opts.code}-${name}`;
  const sourceDir = opts.out ?? join(opts.root, 'data/sources');
  const planDir = opts.out ?? join(opts.root, 'data/plans');
  const sourcePath = join(sourceDir, `${stem}.txt`);
  const planPath = join(planDir, `${stem}.yaml`);
  const sidecarPath = join(planDir, `${stem}.draft.json`);
  if (!opts.out && existsSync(planPath)) throw new ExtractError(planPath, 'a plan file of that name exists; give --name or --out');
  const outline = draftOutline(text);
  if (outline.elements.length === 0) throw new ExtractError(opts.input, 'no plan element found (no level words, numbered headings or level tables)');
  const { plan, sidecar } = draftPlan({ code: opts.code, sourceFile: `${stem}.txt`, text, outline, themeWords: themeWords(opts.root), input: basename(opts.input) });
  mkdirSync(sourceDir, { recursive: true });
  mkdirSync(planDir, { recursive: true });
  writeFileSync(sourcePath, text);
  const header =
    '# yaml-language-server: $schema=../../schema/plan.schema.json\n' +
    `# DRAFT written by npm run extract from ${basename(opts.input)}: review every element against data/sources/${stem}.txt,\n` +
    `# add themes (suggestions in ${stem}.draft.json), then delete the sidecar. Check with: npm run validate -- --draft <this file>\n`;
  writeFileSync(planPath, header + stringify(plan, { lineWidth: 0 }));
  writeFileSync(sidecarPath, JSON.stringify(sidecar, null, 2) + '\n');
  return { sourcePath, planPath, sidecarPath, elements: outline.elements.length, unplaced: outline.unplaced.length };
};
