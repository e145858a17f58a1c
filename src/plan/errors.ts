// The error a bad plan or theme file raises: the file, the place in it and the reason, for every problem found.

export interface Problem {
  readonly file: string;
  /** 1-based line and column in the file, when the problem has a place. */
  readonly line?: number;
  readonly column?: number;
  /** Where in the document, e.g. elements[3].parent. */
  readonly path?: string;
  readonly reason: string;
}

export const formatProblem = (p: Problem): string => {
  const place = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
  return p.path ? `${place}: ${p.path}: ${p.reason}` : `${place}: ${p.reason}`;
};

/** Raised when input files are invalid; `problems` holds every problem found, not just the first. */
export class InputError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(`${problems.length} problem(s) in the input:\n` + problems.map((p) => '  ' + formatProblem(p)).join('\n'));
    this.name = 'InputError';
  }
}
