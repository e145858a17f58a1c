// The RDF/JS dataset rdf-validate-shacl runs on (its data graph, its shapes graph and the many small report graphs it
// makes for every nested check of sh:or, sh:not and qualified shapes). @rdfjs/dataset, its default, copies every
// match() into a new indexed dataset, which was half of a plan's SHACL time and most of its garbage; here a match is a
// plain list of the matching quads, and the indexes are built only for a dataset that is matched against.
import type { Quad, Term } from '@rdfjs/types';

/** A term's identity as RDF/JS equals() sees it: kind, value, and a literal's language and datatype. */
const keyOf = (t: Term): string =>
  t.termType === 'Literal' ? `L${t.value}\u0000${t.language}\u0000${t.datatype.value}` : `${t.termType[0]}${t.termType === 'DefaultGraph' ? '' : t.value}`;
const quadKey = (q: Quad): string => `${keyOf(q.subject)}\u0001${keyOf(q.predicate)}\u0001${keyOf(q.object)}\u0001${keyOf(q.graph)}`;

/** Below this many quads a dataset is scanned rather than indexed (report graphs hold a handful). */
const SCAN = 24;

export class ShaclDataset implements Iterable<Quad> {
  #quads: Quad[];
  /** The quads array is another dataset's (a match result): copied before this dataset changes. */
  #shared: boolean;
  #keys: Set<string> | undefined;
  #index: Map<string, Quad[]> | undefined;

  /** `unique`: the quads are known to hold no duplicates (a match of another dataset); they are then shared, not copied. */
  constructor(quads: Iterable<Quad> = [], unique = false) {
    this.#shared = unique;
    if (unique) this.#quads = quads as Quad[];
    else {
      this.#quads = [];
      for (const q of quads) this.add(q);
    }
  }

  get size(): number {
    return this.#quads.length;
  }

  [Symbol.iterator](): Iterator<Quad> {
    return this.#quads[Symbol.iterator]();
  }

  #keySet(): Set<string> {
    return (this.#keys ??= new Set(this.#quads.map(quadKey)));
  }

  has(quad: Quad): boolean {
    if (this.#quads.length < SCAN && !this.#keys) return this.#quads.some((q) => q.equals(quad));
    return this.#keySet().has(quadKey(quad));
  }

  add(quad: Quad): this {
    if (this.has(quad)) return this;
    if (this.#shared) this.#quads = this.#quads.slice();
    this.#shared = false;
    this.#quads.push(quad);
    this.#keys?.add(quadKey(quad));
    // Match results share the index's lists: a change builds new ones rather than grow lists a result holds.
    this.#index = undefined;
    return this;
  }

  delete(quad: Quad): this {
    if (!this.has(quad)) return this;
    this.#quads = this.#quads.filter((q) => !q.equals(quad));
    this.#shared = false;
    this.#keys = undefined;
    this.#index = undefined;
    return this;
  }

  /** One map over the patterns the validator asks (s, p, o, s+p, p+o): a match of those is one lookup. */
  #indexOne(quad: Quad): void {
    const s = keyOf(quad.subject);
    const p = keyOf(quad.predicate);
    const o = keyOf(quad.object);
    for (const key of [`s${s}`, `p${p}`, `o${o}`, `sp${s}\u0001${p}`, `po${p}\u0001${o}`]) {
      const list = this.#index!.get(key);
      if (list) list.push(quad);
      else this.#index!.set(key, [quad]);
    }
  }

  match(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): ShaclDataset {
    if (!subject && !predicate && !object && !graph) return new ShaclDataset(this.#quads.slice(), true);
    if (this.#quads.length < SCAN) {
      const matches = this.#quads.filter(
        (q) => (!subject || q.subject.equals(subject)) && (!predicate || q.predicate.equals(predicate)) && (!object || q.object.equals(object)) && (!graph || q.graph.equals(graph)),
      );
      return new ShaclDataset(matches, true);
    }
    if (!this.#index) {
      this.#index = new Map();
      for (const q of this.#quads) this.#indexOne(q);
    }
    const s = subject ? keyOf(subject) : undefined;
    const p = predicate ? keyOf(predicate) : undefined;
    const o = object ? keyOf(object) : undefined;
    // The looked-up list answers the pattern exactly, but for an object beside a subject, and a graph.
    const key =
      s !== undefined && p !== undefined ? `sp${s}\u0001${p}` : p !== undefined && o !== undefined ? `po${p}\u0001${o}` : s !== undefined ? `s${s}` : p !== undefined ? `p${p}` : o !== undefined ? `o${o}` : undefined;
    let matches = key === undefined ? this.#quads : (this.#index.get(key) ?? []);
    const objectLeft = o !== undefined && s !== undefined;
    if (objectLeft || graph) matches = matches.filter((q) => (!objectLeft || keyOf(q.object) === o) && (!graph || keyOf(q.graph) === keyOf(graph)));
    return new ShaclDataset(matches, true);
  }
}

/** The factory method rdf-validate-shacl's environment calls for every dataset it makes. */
export const shaclDataset = (quads?: Iterable<Quad>): ShaclDataset => new ShaclDataset(quads ?? []);
