// Reads a YAML file into a plain value while keeping the position of every node, for located error messages.
import { LineCounter, parseDocument, isNode, visit, type Document } from 'yaml';
import type { ZodError } from 'zod';
import type { Problem } from './errors.ts';

export interface YamlFile {
  readonly file: string;
  readonly value: unknown;
  /** 1-based line/column of the node at `path` (or of its nearest existing ancestor). */
  place(path: readonly (string | number)[]): { line: number; column: number };
}

export const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');

/** Parses YAML text; syntax errors come back as problems with line and column. */
export const readYaml = (file: string, text: string): { yaml?: YamlFile; problems: Problem[] } => {
  const lines = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems: Problem[] = [...doc.errors, ...doc.warnings].map((e) => {
    const at = lines.linePos(e.pos[0]);
    return { file, line: at.line, column: at.col, reason: `YAML: ${e.message.split('\n')[0]}` };
  });
  // Aliases are refused as located problems: toJS below would otherwise throw a bare ReferenceError (no file, no line),
  // and the plans never need them (every element is written out, which keeps quotes checkable).
  visit(doc, {
    Alias(_, node) {
      const at = lines.linePos(node.range?.[0] ?? 0);
      problems.push({ file, line: at.line, column: at.col, reason: `YAML aliases are not allowed (*${node.source})` });
    },
  });
  if (problems.length > 0) return { problems };
  const place = (path: readonly (string | number)[]) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) {
        const at = lines.linePos(node.range[0]);
        return { line: at.line, column: at.col };
      }
    }
    return { line: 1, column: 1 };
  };
  return { yaml: { file, value: doc.toJS({ maxAliasCount: 0 }), place }, problems };
};

/** Schema errors as located problems; an unknown key is placed at the key itself. */
export const zodProblems = (yaml: YamlFile, error: ZodError): Problem[] =>
  error.issues.map((issue) => {
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    const reason =
      issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
    const at = yaml.place(issue.code === 'unrecognized_keys' ? [...path, issue.keys[0]!] : path);
    return { file: yaml.file, ...at, path: formatPath(path), reason };
  });
