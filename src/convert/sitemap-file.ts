// The sitemap (sitemaps.org 0.9), written at convert time: a sitemap index (sitemap.xml) and parts (sitemap-N.xml) of at
// most 50,000 URLs and 50 MB each, all at the build's root, listing every HTML page the site serves. Each graph reports
// the page paths it gives (a `pages` piece, sorted, kept with its other pieces); the parts are written by merging the
// pieces, a small buffer of each at a time, so the nation's URLs are never all in memory.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { Quad } from 'n3';
import { parse } from 'yaml';
import { siteUrls, type Iris } from '../rdf/uris.ts';
import { DCTERMS, JPP, OWL, RDF, SKOS } from '../rdf/vocab.ts';

/** A graph's `pages` piece (see pagesPiece), kept beside its other pieces. */
export interface PagesPiece {
  readonly pages: string;
}

/** The sitemaps.org limits per file. */
export const SITEMAP_MAX_URLS = 50_000;
export const SITEMAP_MAX_BYTES = 50 * 1000 * 1000;
export const SITEMAP_INDEX = 'sitemap.xml';
/**
 * The part `n` (1-based) under the build and under the site's base: at the root, because a sitemap may list only URLs
 * under its own folder (sitemaps.org, "Sitemap file location"), and the pages are all over the site. Until the
 * parts moved here they were `sitemap/N.xml`, which strict crawlers (crawler-commons) read as listing nothing.
 */
export const sitemapPart = (n: number): string => `sitemap-${n}.xml`;
/** The file name of a part, and its number. */
export const SITEMAP_PART = /^sitemap-([1-9]\d*)\.xml$/;

const TYPE = `${RDF}type`;
const SAME_AS = `${OWL}sameAs`;

/**
 * Tags of a page path in a `pages` piece, deciding as the document index does (src/documents/build-index.ts) whether
 * the path gets a document: `s` a subject with more than owl:sameAs (or a resource the catalog describes), `f` a
 * former IRI (subject of nothing but owl:sameAs: redirected, no page), `o` only an object under id/.
 * Across graphs: a page when some graph says `s`, or when all say `o`.
 */
type Tag = 's' | 'f' | 'o';

/**
 * The `pages` piece of one graph: header lines (`#municipality <code>`, `#theme <notation>\t<path>`) and then one
 * `<path>\t<tag>` line per page path, sorted by path. `described` are paths of resources the site describes about the
 * graph without their being in it (its named graph, its dataset, distribution and checksum, the series).
 */
export const pagesPiece = (quads: readonly Quad[], baseIri: string, described: readonly string[] = []): string => {
  const urls = siteUrls(baseIri);
  const subjects = new Map<string, boolean>();
  const objects = new Set<string>();
  const municipalities = new Set<string>();
  const themes: string[] = [];
  const themeBase = `${urls.themeScheme()}/`;
  const one = (s: string, p: string) => quads.find((q) => q.subject.value === s && q.predicate.value === p)?.object.value;
  for (const q of quads) {
    if (q.subject.termType !== 'NamedNode') continue;
    const s = q.subject.value;
    subjects.set(s, subjects.get(s) === true || q.predicate.value !== SAME_AS);
    if (q.object.termType === 'NamedNode' && q.predicate.value !== TYPE && q.object.value.startsWith(`${baseIri}id/`)) objects.add(q.object.value);
    if (q.predicate.value === TYPE && q.object.value === `${JPP}Municipality`) municipalities.add(s);
    if (q.predicate.value === TYPE && q.object.value === `${JPP}Theme` && s.startsWith(themeBase)) themes.push(s);
  }
  const tags = new Map<string, Tag>();
  for (const path of described) tags.set(path, 's');
  for (const [iri, more] of subjects) {
    const path = urls.pathOf(iri);
    if (path !== undefined && tags.get(path) !== 's') tags.set(path, more ? 's' : 'f');
  }
  for (const iri of objects) {
    const path = urls.pathOf(iri);
    if (path !== undefined && !tags.has(path)) tags.set(path, 'o');
  }
  const header = [
    ...[...municipalities].map((m) => `#municipality ${one(m, `${DCTERMS}identifier`) ?? ''}`).sort(),
    ...themes.map((t) => `#theme ${one(t, `${SKOS}notation`) ?? ''}\t${urls.pathOf(t)}`).sort(),
  ];
  const lines = [...tags].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, tag]) => `${path}\t${tag}`);
  return [...header, ...lines].map((l) => `${l}\n`).join('');
};

const extOf = (file: string) => file.slice(file.lastIndexOf('.') + 1);

/** What the catalog describes about a plan graph, as page paths (mirrors src/documents/catalog.ts and graphs.ts). */
export const planDescribedPaths = (uri: Iris, code: string, planId: string, seriesId: string, turtleName: string): string[] => {
  const urls = siteUrls(uri.base);
  const dataset = urls.planDataset(code, planId);
  const distribution = urls.distribution(dataset, extOf(turtleName));
  return [uri.planGraph(code, planId), dataset, distribution, urls.checksum(distribution), urls.datasetSeries(code, seriesId)].map((iri) => urls.pathOf(iri)!);
};

/** What the catalog describes about the whole: the dataset and its dumps, the vocabulary, the service and the agents. */
export const wholeDescribedPaths = (baseIri: string, facts: SitemapFacts): string[] => {
  const urls = siteUrls(baseIri);
  const dist = (dataset: string, file: string) => {
    const d = urls.distribution(dataset, extOf(file));
    return [d, urls.checksum(d)];
  };
  return [
    urls.dataset(),
    ...['dataset.nq', 'dataset.trig', 'dataset.jsonld'].flatMap((f) => dist(urls.dataset(), f)),
    urls.vocabularyDataset(),
    ...dist(urls.vocabularyDataset(), 'vocabulary.ttl'),
    urls.vocabularyGraph(),
    urls.dataService(),
    urls.catalogPublisher(),
    ...(facts.contactPoint ? [urls.catalogContact()] : []),
  ].map((iri) => urls.pathOf(iri)!);
};

/** What the sitemap takes from data/catalog.yaml: the date every URL was last modified, and whether a contact page exists. */
export interface SitemapFacts {
  readonly lastmod: string;
  readonly contactPoint: boolean;
}

export const CATALOG_FILE = 'data/catalog.yaml';

export const readSitemapFacts = (root: string): SitemapFacts => {
  const value = parse(readFileSync(join(root, CATALOG_FILE), 'utf8')) as { catalog?: { modified?: unknown }; contactPoint?: unknown } | null;
  const lastmod = value?.catalog?.modified;
  if (typeof lastmod !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(lastmod)) throw new Error(`${CATALOG_FILE}: catalog.modified must be a date (YYYY-MM-DD) for the sitemap`);
  return { lastmod, contactPoint: value?.contactPoint !== undefined && value.contactPoint !== null };
};

/** The dataset's licence as data/catalog.yaml gives it (its `license`), which every document states. */
export const readLicense = (root: string): string => {
  const value = parse(readFileSync(join(root, CATALOG_FILE), 'utf8')) as { license?: unknown } | null;
  const license = value?.license;
  // As the site's catalog reads it (a URL); that reader (documents/catalog-file.ts) checks the rest of the file.
  if (typeof license !== 'string' || !URL.canParse(license)) throw new Error(`${CATALOG_FILE}: license must be the licence's URL`);
  return license;
};

/** Lines of one graph's `pages` piece, read a buffer at a time from a file, or from a string held anyway. */
export interface PiecesLines {
  next(): string | undefined;
}

export const stringLines = (text: string): PiecesLines => {
  let at = 0;
  return {
    next: () => {
      if (at >= text.length) return undefined;
      const end = text.indexOf('\n', at);
      const line = text.slice(at, end < 0 ? text.length : end);
      at = end < 0 ? text.length : end + 1;
      return line;
    },
  };
};

/** The file is opened for each buffer read, so thousands of pieces never hold thousands of descriptors. */
export const fileLines = (path: string, bufferBytes = 16 * 1024): PiecesLines => {
  let position = 0;
  let rest = Buffer.alloc(0);
  let done = false;
  const lines: string[] = [];
  return {
    next: () => {
      while (lines.length === 0 && !done) {
        const chunk = Buffer.alloc(bufferBytes);
        const fd = openSync(path, 'r');
        let read: number;
        try {
          read = readSync(fd, chunk, 0, bufferBytes, position);
        } finally {
          closeSync(fd);
        }
        position += read;
        const data = Buffer.concat([rest, chunk.subarray(0, read)]);
        if (read === 0) {
          done = true;
          if (data.length > 0) lines.push(data.toString('utf8'));
          break;
        }
        const last = data.lastIndexOf(0x0a);
        if (last < 0) rest = data;
        else {
          lines.push(...data.subarray(0, last).toString('utf8').split('\n'));
          rest = data.subarray(last + 1);
        }
      }
      return lines.shift();
    },
  };
};

interface Cursor {
  readonly lines: PiecesLines;
  path: string;
  tag: string;
}

/** A binary min-heap of cursors by their current path. */
class CursorHeap {
  readonly #items: Cursor[] = [];
  get size(): number {
    return this.#items.length;
  }
  peek(): Cursor | undefined {
    return this.#items[0];
  }
  push(c: Cursor): void {
    const a = this.#items;
    a.push(c);
    for (let i = a.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (a[parent]!.path <= a[i]!.path) break;
      [a[parent], a[i]] = [a[i]!, a[parent]!];
      i = parent;
    }
  }
  pop(): Cursor | undefined {
    const a = this.#items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]!.path < a[m]!.path) m = l;
        if (r < a.length && a[r]!.path < a[m]!.path) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

const URLSET_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n';
const URLSET_TAIL = '</urlset>\n';

export interface SitemapOptions {
  readonly baseIri: string;
  readonly facts: SitemapFacts;
  /** URLs per part (at most SITEMAP_MAX_URLS; smaller in tests). */
  readonly maxUrls?: number;
  readonly maxBytes?: number;
  /** Hears each document path as its page is listed, in ascending order (the paths index, paths-file.ts). */
  readonly onDocument?: (path: string) => void;
}

/**
 * Writes the sitemap from the graphs' `pages` pieces through `put(path, content)` (one part in memory at a time) and
 * returns the paths written, index last. The URLs, in order: the home page, the page of every document (by path), each
 * theme narrowed to each municipality, the source viewers, the search page: the pages the site serves.
 */
export const writeSitemap = (pieces: readonly PiecesLines[], options: SitemapOptions, put: (path: string, content: string) => void): string[] => {
  const urls = siteUrls(options.baseIri);
  const maxUrls = Math.min(options.maxUrls ?? SITEMAP_MAX_URLS, SITEMAP_MAX_URLS);
  const maxBytes = Math.min(options.maxBytes ?? SITEMAP_MAX_BYTES, SITEMAP_MAX_BYTES);
  const { lastmod } = options.facts;
  const written: string[] = [];
  let part: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (part.length === 0) return;
    const path = sitemapPart(written.length + 1);
    put(path, URLSET_HEAD + part.join('') + URLSET_TAIL);
    written.push(path);
    part = [];
    bytes = 0;
  };
  const add = (loc: string) => {
    const entry = `<url><loc>${escapeXml(loc)}</loc><lastmod>${lastmod}</lastmod></url>\n`;
    const size = Buffer.byteLength(entry);
    if (part.length >= maxUrls || URLSET_HEAD.length + bytes + size + URLSET_TAIL.length > maxBytes) flush();
    part.push(entry);
    bytes += size;
  };

  // Header lines first (every piece starts with its own), then the paths, merged.
  const municipalities = new Set<string>();
  const themes = new Map<string, string>();
  const heap = new CursorHeap();
  for (const lines of pieces) {
    for (let line = lines.next(); line !== undefined; line = lines.next()) {
      if (line === '') continue;
      if (line.startsWith('#municipality ')) municipalities.add(line.slice('#municipality '.length));
      else if (line.startsWith('#theme ')) {
        const [notation, path] = line.slice('#theme '.length).split('\t') as [string, string];
        themes.set(path, notation);
      } else {
        const tab = line.lastIndexOf('\t');
        heap.push({ lines, path: line.slice(0, tab), tag: line.slice(tab + 1) });
        break;
      }
    }
  }

  add(urls.home());
  const sources: string[] = [];
  while (heap.size > 0) {
    const path = heap.peek()!.path;
    const tags = new Set<string>();
    while (heap.size > 0 && heap.peek()!.path === path) {
      const c = heap.pop()!;
      tags.add(c.tag);
      const line = c.lines.next();
      if (line !== undefined && line !== '') {
        const tab = line.lastIndexOf('\t');
        c.path = line.slice(0, tab);
        c.tag = line.slice(tab + 1);
        if (c.path < path) throw new Error(`pages piece out of order: ${c.path} after ${path}`);
        heap.push(c);
      }
    }
    if (!tags.has('s') && tags.has('f')) continue;
    options.onDocument?.(path);
    add(urls.page(path));
    if (path.startsWith('sources/')) sources.push(path.slice('sources/'.length));
  }
  const byNotation = [...themes].sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0));
  const codes = [...municipalities].sort();
  for (const [path] of byNotation) for (const code of codes) add(`${urls.page(path)}?m=${encodeURIComponent(code)}`);
  for (const file of sources) add(urls.sourceView(file));
  add(urls.search());
  flush();

  const index =
    '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    written.map((p) => `<sitemap><loc>${escapeXml(options.baseIri + p)}</loc><lastmod>${lastmod}</lastmod></sitemap>\n`).join('') +
    '</sitemapindex>\n';
  put(SITEMAP_INDEX, index);
  return [...written, SITEMAP_INDEX];
};
