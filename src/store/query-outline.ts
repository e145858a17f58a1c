// What a store needs to know of a query, read once by traqula (Comunica's SPARQL 1.1 parser): its form, SERVICE
// endpoints, outer LIMIT, dataset clauses and whether it reads named graphs, and the query itself as its tokens cut at
// the two places a store restates (the dataset clauses, the outer LIMIT). Plain data, so that a parser thread can hand
// it over: a store then assembles the text it sends from these pieces, without a syntax tree or a second parse.
// The pieces are the query's tokens joined by single spaces: the same query without its comments and layout, so that an
// engine that caches compiled queries by their text (Virtuoso) sees one text however a client lays its query out.
import { LexerBuilder } from '@traqula/core';
import { Parser } from '@traqula/parser-sparql-1-1';
import { AstFactory, lex, sparqlCodepointEscape } from '@traqula/rules-sparql-1-1';
import { resolve } from 'relative-to-absolute-iri';
import sparqljs from 'sparqljs';
import { StoreError, type QueryForm, type TextPosition } from './store.ts';

export interface QueryOutline {
  readonly type: 'query';
  readonly form: QueryForm;
  /** Absolute IRIs of SERVICE endpoints anywhere in the query (subqueries, OPTIONAL, EXISTS…), deduplicated. */
  readonly services: readonly string[];
  /** True when some SERVICE names its endpoint with a variable. */
  readonly serviceVariable: boolean;
  /** LIMIT and OFFSET of the outermost query, if any. */
  readonly limit: number | undefined;
  readonly offset: number | undefined;
  /** True when a VALUES block with rows follows the outermost query's modifiers. */
  readonly trailingValues: boolean;
  /** The query's own FROM and FROM NAMED graphs, as absolute IRIs. */
  readonly from: { readonly default: readonly string[]; readonly named: readonly string[] };
  /** True when a GRAPH pattern appears anywhere (subqueries, EXISTS and SERVICE included). */
  readonly readsNamedGraphs: boolean;
  /**
   * The query cut where a store restates it: `head` + dataset clauses + `middle` + outer LIMIT / OFFSET + `tail`.
   * `dataset` and `limitOffset` are the query's own clauses there ('' when it has none). Not set for DESCRIBE.
   */
  readonly pieces?: { readonly head: string; readonly dataset: string; readonly middle: string; readonly limitOffset: string; readonly tail: string };
  /**
   * SELECT *: every variable of the query in the order it first appears in the text. SPARQL leaves the order of the
   * columns of SELECT * open; Jena and RDF4J follow the text while Oxigraph sorts them, so the answer's columns are put
   * in this order (serializeResults) and read the same from either backend as from those peers.
   */
  readonly columnOrder?: readonly string[];
  /** DESCRIBE: its prologue, what it describes (`*` as a wildcard), and its WHERE clause with all that follows ('' if none). */
  readonly describe?: {
    readonly prologue: string;
    readonly targets: readonly { readonly kind: 'iri' | 'variable' | 'wildcard'; readonly text: string }[];
    readonly body: string;
  };
}

/** An update: stores are read-only, so this is all an outline says of one. */
export interface UpdateOutline {
  readonly type: 'update';
}

interface Span {
  readonly start: number;
  readonly end: number;
}
interface Loc {
  readonly sourceLocationType: string;
  readonly start?: number;
  readonly end?: number;
}
interface Token {
  readonly image: string;
  readonly startOffset: number;
  readonly tokenType: { readonly name: string };
}
interface TermNode {
  readonly type: 'term';
  readonly subType: string;
  readonly value: string;
  readonly prefix?: string;
  readonly loc: Loc;
}
interface Localized {
  readonly loc: Loc;
}
interface QueryNode {
  readonly type: 'query' | 'update';
  readonly subType: 'select' | 'construct' | 'describe' | 'ask';
  readonly context: readonly { readonly subType: 'base' | 'prefix'; readonly key?: string; readonly value: TermNode; readonly loc: Loc }[];
  readonly datasets?: { readonly clauses: readonly { readonly clauseType: 'default' | 'named'; readonly value: TermNode }[]; readonly loc: Loc };
  readonly where?: Localized;
  readonly solutionModifiers?: {
    readonly group?: Localized;
    readonly having?: Localized;
    readonly order?: Localized;
    readonly limitOffset?: Localized & { readonly limit?: number; readonly offset?: number };
  };
  readonly values?: Localized & { readonly values: readonly unknown[] };
  readonly variables?: readonly (Localized & { readonly type: string; readonly subType?: string })[];
}

/** The names of the variables among `tokens` (`?x` and `$x` both name x), each once, in order. */
const variablesInOrder = (tokens: readonly Token[]): string[] => [
  ...new Set(tokens.filter((t) => t.tokenType.name === 'Var1' || t.tokenType.name === 'Var2').map((t) => t.image.slice(1))),
];

// traqula 1.3.1 reads DECIMAL as [0-9]+ '.' [0-9]+, so `.5` lexes as a dot and an integer and a legal query is refused;
// the grammar's [147]–[153] allow no digit before the point. Its tokens are patched before any lexer is built from them.
const terminals = (lex as unknown as { terminals: Record<'decimal' | 'decimalPositive' | 'decimalNegative', { PATTERN: RegExp }> }).terminals;
terminals.decimal.PATTERN = /\d*\.\d+/;
terminals.decimalPositive.PATTERN = /\+\d*\.\d+/;
terminals.decimalNegative.PATTERN = /-\d*\.\d+/;

// Made once per thread: building traqula's parser records its grammar (about 20 ms).
const factory = new AstFactory({ tracksSourceLocation: true });
const parser = new Parser({ defaultContext: { astFactory: factory }, lexerConfig: { positionTracking: 'full' } });
const lexer = LexerBuilder.create(lex.sparql11LexerBuilder).build({ positionTracking: 'onlyOffset', recoveryEnabled: false, ensureOptimizations: true });

const spanOf = (loc: Loc | undefined): Span | undefined =>
  loc?.sourceLocationType === 'source' && loc.start !== undefined && loc.end !== undefined ? { start: loc.start, end: loc.end } : undefined;

/**
 * A syntax error, positioned: traqula's messages list every token it expected and carry no position, so the error is
 * told in sparqljs's words, with its line and column; when sparqljs accepts what traqula refuses, in traqula's first line.
 */
const syntaxError = (text: string, refusal: Error, baseIri: string | undefined): StoreError => {
  try {
    new sparqljs.Parser(baseIri ? { baseIRI: baseIri } : {}).parse(text);
  } catch (e) {
    if (e instanceof RangeError) throw e;
    const { message, hash } = e as Error & { hash?: { loc?: { last_line?: number; last_column?: number } } };
    const line = hash?.loc?.last_line;
    const column = hash?.loc?.last_column;
    const position: TextPosition | undefined = line !== undefined && column !== undefined ? { line, column: column + 1 } : undefined;
    return new StoreError('syntax', message, position);
  }
  return new StoreError('syntax', refusal.message.split('\n')[0] ?? 'syntax error');
};

/** An IRI with a scheme: nothing to resolve. */
const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** SERVICE names and GRAPH patterns anywhere in the tree, walked with an explicit stack: trees can be deep. */
const walk = (root: unknown, absolute: (t: TermNode) => string) => {
  const found = { services: new Set<string>(), serviceVariable: false, readsNamedGraphs: false };
  const stack: unknown[] = [root];
  // The parser builds a tree (no cycles), so this ends once every node has been visited.
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const child of node) if (child !== null && typeof child === 'object') stack.push(child);
      continue;
    }
    const n = node as { type?: unknown; subType?: unknown; name?: TermNode };
    if (n.type === 'pattern' && n.subType === 'service' && n.name) {
      if (n.name.subType === 'namedNode') found.services.add(absolute(n.name));
      else found.serviceVariable = true;
    } else if (n.type === 'pattern' && n.subType === 'graph') found.readsNamedGraphs = true;
    for (const key in node as object) {
      const value = (node as Record<string, unknown>)[key];
      if (key !== 'loc' && value !== null && typeof value === 'object') stack.push(value);
    }
  }
  return found;
};

/**
 * The tokens of `text`, their images with every IRI made absolute (relative ones resolved against the base in force
 * where they stand: the server's, then each BASE of the prologue in turn), and the index of the first token at or after
 * an offset. So a store sends no relative IRI, and need not trust its engine to resolve one as the server did. The same
 * pass reads the prologue, so `absolute` makes a term of the query's tree absolute as its tokens are.
 */
const tokensOf = (text: string, baseIri: string | undefined) => {
  const tokens = (lexer.tokenize(text).tokens as Token[]).filter((t) => t.tokenType.name !== 'Ws' && t.tokenType.name !== 'Comment');
  let base = baseIri ?? '';
  const resolved = (iri: string): string => (ABSOLUTE.test(iri) || base === '' ? iri : resolve(iri, base));
  const prefixes = new Map<string, string>();
  const images = tokens.map((t, i) => {
    if (t.tokenType.name !== 'IriRef') return t.image;
    const iri = resolved(t.image.slice(1, -1));
    const before = tokens[i - 1];
    if (before?.tokenType.name === 'BaseDecl') base = iri;
    else if (before?.tokenType.name === 'PNameNs' && tokens[i - 2]?.tokenType.name === 'PrefixDecl') prefixes.set(before.image.slice(0, -1), iri);
    return `<${iri}>`;
  });
  const absolute = (term: TermNode): string =>
    term.prefix !== undefined ? resolved(`${prefixes.get(term.prefix) ?? ''}${term.value}`) : resolved(term.value);
  const at = (offset: number): number => {
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid]!.startOffset < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const join = (from: number, to: number): string => images.slice(from, to).join(' ');
  return { tokens, at, join, absolute };
};

const FORMS = { select: 'SELECT', construct: 'CONSTRUCT', describe: 'DESCRIBE', ask: 'ASK' } as const satisfies Record<QueryNode['subType'], QueryForm>;

/**
 * Reads a query text (`baseIri`: the base of relative IRIs the query does not set one for). Throws StoreError 'syntax'
 * (with a position when known) for a text that is not SPARQL 1.1, and RangeError for one nested past the stack.
 */
export const outlineQuery = (text: string, baseIri?: string): QueryOutline | UpdateOutline => {
  // The parser reads the text with its \u and \U escapes expanded (the spec's first step), and its offsets are into that.
  const source = sparqlCodepointEscape(text);
  let q: QueryNode;
  try {
    q = parser.parse(text, baseIri ? { baseIRI: baseIri } : {}) as unknown as QueryNode;
  } catch (e) {
    if (e instanceof RangeError) throw e;
    throw syntaxError(text, e as Error, baseIri);
  }
  if (q.type === 'update') return { type: 'update' };
  const { tokens, at, join, absolute } = tokensOf(source, baseIri);
  const found = walk(q, absolute);
  const clauses = q.datasets?.clauses ?? [];
  const m = q.solutionModifiers ?? {};
  const where = spanOf(q.where?.loc);
  const prologueEnd = at(Math.max(0, ...q.context.map((c) => spanOf(c.loc)?.end ?? 0)));
  const outline = {
    type: 'query' as const,
    form: FORMS[q.subType],
    services: [...found.services],
    serviceVariable: found.serviceVariable,
    limit: m.limitOffset?.limit,
    offset: m.limitOffset?.offset,
    trailingValues: (q.values?.values.length ?? 0) > 0,
    from: {
      default: clauses.filter((c) => c.clauseType === 'default').map((c) => absolute(c.value)),
      named: clauses.filter((c) => c.clauseType === 'named').map((c) => absolute(c.value)),
    },
    readsNamedGraphs: found.readsNamedGraphs,
  };
  if (q.subType === 'describe') {
    const targets = (q.variables ?? []).map((v) => {
      const span = spanOf(v.loc);
      const kind = v.type === 'wildcard' ? ('wildcard' as const) : v.subType === 'variable' ? ('variable' as const) : ('iri' as const);
      return { kind, text: span ? join(at(span.start), at(span.end)) : '*' };
    });
    return { ...outline, describe: { prologue: join(0, prologueEnd), targets, body: where ? join(at(where.start), tokens.length) : '' } };
  }
  // The dataset clauses are where the query has them; else they go before WHERE (its keyword, when it is written).
  // CONSTRUCT WHERE { … } has no WHERE clause of its own: there the keyword follows CONSTRUCT.
  const datasets = spanOf(q.datasets?.loc);
  const limitOffset = spanOf(m.limitOffset?.loc);
  // A clause of the query's that could not be placed would be sent beside the store's: a FROM beside the build's graphs.
  if ((clauses.length > 0 && !datasets) || (m.limitOffset && !limitOffset))
    throw new StoreError('execution', 'the query could not be outlined: the parser gave no place for its dataset or LIMIT');
  let datasetAt: { from: number; to: number };
  if (datasets && clauses.length > 0) datasetAt = { from: at(datasets.start), to: at(datasets.end) };
  else {
    const brace = where ? at(where.start) : prologueEnd + 1;
    const before = where && tokens[brace - 1]?.tokenType.name === 'Where' ? brace - 1 : brace;
    datasetAt = { from: before, to: before };
  }
  // The outer LIMIT / OFFSET are where the query has them; else they go last, before a trailing VALUES if there is one
  // (all that may follow the query's modifiers).
  const values = spanOf(q.values?.loc);
  const end = values ? at(values.start) : tokens.length;
  const limitAt = limitOffset ? { from: at(limitOffset.start), to: at(limitOffset.end) } : { from: end, to: end };
  const wildcard = q.subType === 'select' && q.variables?.some((v) => v.type === 'wildcard');
  return {
    ...outline,
    ...(wildcard ? { columnOrder: variablesInOrder(tokens) } : {}),
    pieces: {
      head: join(0, datasetAt.from),
      dataset: join(datasetAt.from, datasetAt.to),
      middle: join(datasetAt.to, limitAt.from),
      limitOffset: join(limitAt.from, limitAt.to),
      tail: join(limitAt.to, tokens.length),
    },
  };
};

/** The query a store sends, from its pieces, with its dataset clauses and its outer LIMIT / OFFSET in their place. */
export const assemble = (pieces: NonNullable<QueryOutline['pieces']>, dataset: string, limitOffset: string): string =>
  [pieces.head, dataset, pieces.middle, limitOffset, pieces.tail].filter((p) => p !== '').join(' ');
