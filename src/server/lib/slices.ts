// The page views of plans, municipalities, themes and the shared pages, and the shared slice's documents, made per slice
// from the files the converter wrote (one municipality's plan graphs plus the vocabulary, or the shared slice) and kept
// in a bounded LRU, so that memory does not grow with the data. A municipality's documents and the pages of its other
// resources come from its rows instead, in the document threads (document-worker.ts, documents.sqlite).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Quad } from 'n3';
import { checkBuildFile, type Manifest, type SiteSummary } from '../../convert/index.ts';
import { buildDocumentIndex, buildViewIndex, type Descriptions, type DocumentIndex, type ViewIndex } from '../../documents/index.ts';
import { CompactTriples } from '../../rdf/owned-terms.ts';
import type { SiteUrls } from '../../rdf/uris.ts';
import { HttpError } from './errors.ts';
import { SHARED } from '../../documents/slice-keys.ts';

export interface Slice {
  readonly key: string;
  /** The documents of the slice, made when first asked for (the shared slice's documents; tests compare with rows). */
  readonly documents: DocumentIndex;
  /** The page view of the slice, made when a page first needs it (documents and redirects do not). */
  readonly view: ViewIndex;
  /** Distinct triples it was made from. */
  readonly triples: number;
}

export interface SliceSource {
  readonly buildDir: string;
  readonly manifest: Manifest;
  readonly summary: SiteSummary;
  readonly urls: SiteUrls;
  /** The vocabulary graph (summary.vocabularyFile), parsed once by the site: in every slice, its size fixed. */
  readonly vocabulary: readonly Quad[];
  /** Descriptions of resources not in the data (named graphs, catalog resources), made when the shared slice's documents are. */
  readonly described: () => readonly Descriptions[];
  /** Replaces parts of the shared slice's view that must count the whole dataset (theme × municipality counts). */
  readonly sharedView: (view: ViewIndex) => ViewIndex;
}

/** Most recently used municipality slices, at most `entries` of them (at least one: the slice being served), and the shared one. */
export class SliceCache {
  readonly #entries = new Map<string, Slice>();
  readonly #max: number;
  #loads = 0;

  constructor(readonly source: SliceSource, entries: number) {
    this.#max = Math.max(1, entries);
  }

  /** The shared slice: made on first use and then kept, outside the LRU (bounded by INBOUND_CAP, and needed by every page's links). */
  #shared: Slice | undefined;

  /** The slice, made now if it is not held (synchronously: parsing is CPU work on this thread either way). */
  get(key: string): Slice {
    if (key === SHARED) {
      if (!this.#shared) {
        this.#shared = this.#make(SHARED);
        this.#loads++;
      }
      return this.#shared;
    }
    const hit = this.#entries.get(key);
    if (hit) {
      // Map order is the recency order: a hit moves to the end.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    const made = this.#make(key);
    this.#loads++;
    if (this.#entries.size >= this.#max) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, made);
    return made;
  }

  /** Municipality slices held now (the shared one aside), and slices made so far (for logs and the bench). */
  get stats(): { held: number; shared: boolean; loads: number; max: number } {
    return { held: this.#entries.size, shared: this.#shared !== undefined, loads: this.#loads, max: this.#max };
  }

  /** A build file, checked against this generation's manifest (a newer build may have been swapped in since). */
  #read(path: string): Buffer {
    const { buildDir, manifest } = this.source;
    try {
      return checkBuildFile(buildDir, manifest, path, readFileSync(join(buildDir, path)));
    } catch {
      // A newer build swapped in under this generation: a 503 until the reload takes it in, never a mix of two builds.
      throw new HttpError('unavailable', `${path}: the build changed under the loaded one; it is being reloaded, try again shortly`);
    }
  }

  #make(key: string): Slice {
    const { summary, urls, vocabulary } = this.source;
    const files = key === SHARED ? [summary.sharedFile] : summary.plans.filter((p) => p.code === key).map((p) => p.file);
    // Kept for as long as the slice is: its terms must not hold the parsed text (owned-terms.ts).
    const made = new CompactTriples().add(vocabulary);
    for (const f of files) {
      const bytes = this.#read(f);
      try {
        made.addNQuads(bytes);
      } catch (e) {
        throw new Error(`${join(this.source.buildDir, f)}: ${(e as Error).message}`);
      }
    }
    const { triples } = made;
    const { sharedView, described } = this.source;
    // Each made when first needed: a page of a municipality needs its view only (its documents come from rows).
    let documents: DocumentIndex | undefined;
    let view: ViewIndex | undefined;
    return {
      key,
      get documents() {
        // The shared slice's documents add the named graphs' and catalog resources' descriptions, made on this first use.
        documents ??= buildDocumentIndex(triples, urls, key === SHARED ? described() : []);
        return documents;
      },
      get view() {
        view ??= key === SHARED ? sharedView(buildViewIndex(triples, urls)) : buildViewIndex(triples, urls);
        return view;
      },
      triples: triples.length,
    };
  }
}
