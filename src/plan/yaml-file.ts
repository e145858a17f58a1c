// Reads a YAML file into a plain value while keeping the position of every node, for located error messages.
import { LineCounter, parseDocument, isMap, isNode, isScalar, visit, type Document } from 'yaml';
import type { ZodError } from 'zod';
import type { Problem } from './errors.ts';

export interface YamlFile {
  readonly file: string;
  readonly value: unknown;
  /** 1-based line/column of the node at `path` (or of its nearest existing ancestor). */
  place(path: readonly (string | number)[]): { line: number; column: number };
  /** The text of the scalar at `path` as written in the file (013951, not the number 13951 YAML reads it as). */
  written(path: readonly (string | number)[]): string | undefined;
  /** Whether the mapping at `path` is written in flow style, `{ key: value, … }`. */
  isFlowMap(path: readonly (string | number)[]): boolean;
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
  const written = (path: readonly (string | number)[]) => {
    const node = doc.getIn(path, true);
    return isScalar(node) && node.range ? text.slice(node.range[0], node.range[1]) : undefined;
  };
  const isFlowMap = (path: readonly (string | number)[]) => {
    const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
    return isMap(node) && node.flow === true;
  };
  return { yaml: { file, value: doc.toJS({ maxAliasCount: 0 }), place, written, isFlowMap }, problems };
};

/**
 * Schema errors as located problems; an unknown key is placed at the key itself. Two YAML pitfalls get a hint: digits
 * left unquoted where text is expected (a code such as 013951 becomes the number 13951, its leading zero lost), and a
 * comma inside an unquoted value in `{ … }`, which ends the value there (printed: 2兆2,000億円 gives a field "000億円").
 */
export const zodProblems = (yaml: YamlFile, error: ZodError): Problem[] =>
  error.issues.map((issue) => {
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    const value = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | null | undefined)?.[k], yaml.value);
    let reason = issue.message;
    if (issue.code === 'unrecognized_keys') {
      reason = `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      if (yaml.isFlowMap(path) && issue.keys.some((k) => (value as Record<string, unknown> | undefined)?.[k] === null))
        reason += ': a comma inside { … } ends a value, so quote a value that holds one (printed: \'2兆2,000億円\')';
    } else if (issue.code === 'invalid_type' && issue.expected === 'string') {
      const written = yaml.written(path);
      if (written !== undefined && typeof value === 'number')
        reason = `expected text, but YAML read ${written} as the number ${value} (unquoted digits are a number, and lose any leading zero): write it in quotes, '${written}'`;
    }
    const at = yaml.place(issue.code === 'unrecognized_keys' ? [...path, issue.keys[0]!] : path);
    return { file: yaml.file, ...at, path: formatPath(path), reason };
  });
