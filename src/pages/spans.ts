// Lays out possibly overlapping spans over a text as properly nested marks: contained spans nest, crossing spans are split.

export interface Span {
  /** Code point offsets, [start, end). */
  readonly start: number;
  readonly end: number;
}

export type SpanNode<S extends Span> =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'mark';
      readonly span: S;
      /** False for the second and later pieces of a span that had to be split. */
      readonly first: boolean;
      readonly children: SpanNode<S>[];
    };

interface Piece<S extends Span> {
  readonly span: S;
  readonly start: number;
  end: number;
  readonly first: boolean;
}

const before = <S extends Span>(a: Piece<S>, b: Piece<S>) => a.start - b.start || b.end - a.end;

/**
 * The text as a tree of text runs and marks. Spans are sorted by start, longer first; a span that starts inside
 * another and ends after it is cut where the outer one ends, and its rest becomes a later piece (`first: false`).
 * Spans outside the text are clipped; empty ones are dropped. `chars` are the text's code points.
 */
export const nestSpans = <S extends Span>(chars: readonly string[], spans: readonly S[]): SpanNode<S>[] => {
  const n = chars.length;
  const queue: Piece<S>[] = spans
    .map((span) => ({ span, start: Math.max(0, span.start), end: Math.min(n, span.end), first: true }))
    .filter((p) => p.end > p.start)
    .sort(before);
  const root: SpanNode<S>[] = [];
  const stack: { children: SpanNode<S>[]; end: number }[] = [{ children: root, end: n }];
  let pos = 0;
  const textTo = (to: number) => {
    if (to > pos) stack[stack.length - 1]!.children.push({ kind: 'text', text: chars.slice(pos, to).join('') });
    pos = Math.max(pos, to);
  };
  const closeUntil = (at: number) => {
    while (stack.length > 1 && stack[stack.length - 1]!.end <= at) {
      textTo(stack[stack.length - 1]!.end);
      stack.pop();
    }
  };

  while (queue.length > 0) {
    const piece = queue.shift()!;
    closeUntil(piece.start);
    textTo(piece.start);
    const top = stack[stack.length - 1]!;
    if (piece.end > top.end) {
      // Crossing: keep the part inside the open mark, queue the rest to start where that mark ends.
      const rest: Piece<S> = { span: piece.span, start: top.end, end: piece.end, first: false };
      const at = queue.findIndex((q) => before(rest, q) < 0);
      queue.splice(at < 0 ? queue.length : at, 0, rest);
      piece.end = top.end;
    }
    if (piece.end <= piece.start) continue;
    const node: SpanNode<S> = { kind: 'mark', span: piece.span, first: piece.first, children: [] };
    top.children.push(node);
    stack.push({ children: node.children, end: piece.end });
  }
  closeUntil(n);
  textTo(n);
  return root;
};
