// Which slice a document path belongs to, and whether a page links to a path, decided from the path, the built codes and
// the source texts alone: the main thread and the document threads decide the same way, without loading a slice.
import type { SiteSummary } from '../convert/slice-files.ts';

/** The key of the slice that holds everything outside any municipality. */
export const SHARED = 'shared';

/** What deciding a path's slice reads of the summary. */
export type SliceKeySource = Pick<SiteSummary, 'sources'>;

/**
 * The slice a document path belongs to, decided from the path and the summary alone: `id/{code}/…` → the
 * municipality's (undefined when no plan of that code was built: no such document), a source text → the municipality
 * whose plans quote it, everything else → SHARED.
 */
export const sliceOf = (path: string, summary: SliceKeySource, codes: ReadonlySet<string>): string | undefined => {
  const m = /^id\/(\d{6})(?:\/|$)/.exec(path);
  if (m) return codes.has(m[1]!) ? m[1]! : undefined;
  if (path.startsWith('sources/')) {
    const entry = summary.sources[path.slice('sources/'.length)];
    return entry ? (entry.code ?? SHARED) : undefined;
  }
  return SHARED;
};

/**
 * Whether a path has a page, as a page rendered from slice `key` knows it: exactly (`has`: the build's paths index)
 * for its own slice and the shared one; for another municipality's resources, whether that municipality was built
 * (they are not read to render a link). Each path is looked up once: a page links to some more than once.
 */
export const pageLinks = (key: string, sliceKey: (path: string) => string | undefined, has: (path: string) => boolean): ((path: string) => boolean) => {
  const known = new Map<string, boolean>();
  const hasPage = (path: string) => {
    const of = sliceKey(path);
    if (of === undefined) return false;
    if (of === key || of === SHARED) return has(path);
    return true;
  };
  return (path) => known.get(path) ?? known.set(path, hasPage(path)).get(path)!;
};
