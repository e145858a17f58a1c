// What pages read of a slice's stored rows (convert/document-rows.ts) and the vocabulary graph, which is part of every
// slice. A whole document from the rows is made by documentFromRows (convert/document-bodies.ts): the same document the
// slice's index makes (build-index.ts), from a few small reads; the converter stores its Turtle.
import type { Quad } from 'n3';
import type { SliceRows } from '../convert/index.ts';
import { parseLines } from '../rdf/line-syntax.ts';
import { distinctTriples, subjectIndex, type TripleIndex } from '../rdf/resource-document.ts';
import type { SiteUrls } from '../rdf/uris.ts';
import type { ResourceTriples } from './element-view.ts';

export type { SliceRows };

const parse = (text: string): Quad[] => (text === '' ? [] : parseLines(text, 'N-Triples'));

/**
 * The own triples of the document of `iri` (those documentFromRows gives it, unsorted and maybe repeated), or undefined
 * when there is no such document: what a page embeds, without naming what they mention.
 */
export const ownFromRows = (iri: string, rows: SliceRows, vocabulary: TripleIndex): Quad[] | undefined => {
  const own = [...(vocabulary.bySubject.get(iri) ?? []), ...parse(rows.own(iri))];
  // Inbound lines are read only to tell a resource that is only pointed at from none.
  return own.length === 0 && !vocabulary.byObject.has(iri) && rows.inbound(iri) === '' ? undefined : own;
};

/**
 * A slice's rows as triples by resource, each column read when asked for (a row's lines are distinct: the converter
 * keeps them as a set); `elsewhere` answers, with distinct triples, for the resources whose triples the rows do not
 * hold (e.g. fiscal years, in the shared slice).
 */
export const rowTriples = (rows: SliceRows, elsewhere: (iri: string) => readonly Quad[]): ResourceTriples => ({
  own: (iri) => {
    const own = rows.own(iri);
    return own === '' ? elsewhere(iri) : parse(own);
  },
  inbound: (iri) => parse(rows.inbound(iri)),
});

/**
 * The triples of the resources outside every municipality (fiscal years, source texts no plan of one quotes) and of
 * the vocabulary, by subject: what a municipality's rows do not hold and its pages name (rowTriples' `elsewhere`).
 * `shared`: the shared slice's N-Quads, whose lines about a municipality's resources (each plan's sample, for the home
 * and theme pages: 68,432 of 70,214 lines at 60 synthetic bodies) are skipped as bytes, never decoded: the whole file
 * as one string (~42 MB nationally, mostly Japanese, so two bytes a character) would not fit a document thread's heap.
 */
export const outsideSubjects = (shared: Uint8Array, vocabulary: readonly Quad[], urls: SiteUrls): ((iri: string) => readonly Quad[]) => {
  const bytes = Buffer.from(shared.buffer, shared.byteOffset, shared.byteLength);
  const prefix = Buffer.from(`<${urls.home()}id/`);
  const isDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;
  /** Whether the line at `at` is about `<…id/{6 digits}>` or something under it. */
  const ofMunicipality = (at: number) => {
    if (bytes.compare(prefix, 0, prefix.length, at, at + prefix.length) !== 0) return false;
    const code = at + prefix.length;
    for (let i = code; i < code + 6; i++) if (!isDigit(bytes[i])) return false;
    return bytes[code + 6] === 0x2f || bytes[code + 6] === 0x3e;
  };
  const kept: string[] = [];
  for (let at = 0; at < bytes.length; ) {
    const end = bytes.indexOf(0x0a, at);
    const stop = end === -1 ? bytes.length : end;
    if (bytes[at] === 0x3c && !ofMunicipality(at)) kept.push(bytes.toString('utf8', at, stop));
    at = stop + 1;
  }
  const quads = parseLines(kept.join('\n'), 'N-Quads');
  const bySubject = subjectIndex(distinctTriples([...vocabulary, ...quads]));
  return (iri) => bySubject.get(iri) ?? [];
};
