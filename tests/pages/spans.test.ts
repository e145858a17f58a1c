// Laying out overlapping quoted spans as nested marks: nesting, identical spans, crossing spans split, code point offsets.
import { describe, expect, it } from 'vitest';
import { nestSpans, type Span, type SpanNode } from '../../src/pages/spans.ts';

interface Named extends Span {
  readonly id: string;
}

/** The tree as a string: [id:…] for a mark, [id+:…] for a continuation piece. */
const show = (nodes: readonly SpanNode<Named>[]): string =>
  nodes.map((n) => (n.kind === 'text' ? n.text : `[${n.span.id}${n.first ? '' : '+'}:${show(n.children)}]`)).join('');

const lay = (text: string, spans: Named[]) => show(nestSpans(Array.from(text), spans));

describe('nestSpans', () => {
  it('leaves a text without spans alone', () => {
    expect(lay('abcdef', [])).toBe('abcdef');
  });

  it('marks disjoint spans and keeps the text between them', () => {
    expect(lay('abcdef', [{ id: 'b', start: 3, end: 5 }, { id: 'a', start: 0, end: 2 }])).toBe('[a:ab]c[b:de]f');
  });

  it('nests a contained span inside its container, and identical spans one in the other', () => {
    expect(lay('abcdef', [{ id: 'in', start: 2, end: 4 }, { id: 'out', start: 1, end: 5 }])).toBe('a[out:b[in:cd]e]f');
    expect(lay('abcdef', [{ id: 'x', start: 1, end: 3 }, { id: 'y', start: 1, end: 3 }])).toBe('a[x:[y:bc]]def');
  });

  it('splits a crossing span where the open one ends, marking the rest as a continuation', () => {
    expect(lay('abcdefgh', [{ id: 'a', start: 1, end: 5 }, { id: 'b', start: 3, end: 7 }])).toBe('a[a:bc[b:de]][b+:fg]h');
  });

  it('splits across several levels', () => {
    expect(lay('abcdefghij', [{ id: 'o', start: 0, end: 8 }, { id: 'i', start: 2, end: 5 }, { id: 'x', start: 4, end: 9 }])).toBe(
      '[o:ab[i:cd[x:e]][x+:fgh]][x+:i]j',
    );
  });

  it('counts code points, not UTF-16 units, and clips or drops spans outside the text', () => {
    const text = '𠮷野家の牛丼';
    expect(lay(text, [{ id: 'k', start: 0, end: 3 }])).toBe('[k:𠮷野家]の牛丼');
    expect(lay(text, [{ id: 'z', start: 4, end: 99 }, { id: 'e', start: 2, end: 2 }])).toBe('𠮷野家の[z:牛丼]');
  });
});
