// An in-memory inverted index of character unigrams and bigrams with BM25F ranking and phrase checks (pure; built once).
import { indexTokens, normalize, queryTokens, runs } from './normalize.ts';

export type FieldName = 'title' | 'subtitle' | 'field' | 'text';

/** Weights of the fields in term frequency and length (BM25F): titles count most. */
export const FIELD_WEIGHTS: Readonly<Record<FieldName, number>> = { title: 3, subtitle: 2, field: 1.5, text: 1 };
const FIELDS = Object.keys(FIELD_WEIGHTS) as FieldName[];

/** What a list of results shows of a document besides its fields, kept with it so that listing reads nothing else. */
export interface SearchShown {
  /** Its class's local name (`Plan` for a plan). */
  readonly cls: string;
  /** The element's level name and number as the plan prints them (`施策 12`). */
  readonly level?: string;
  /** The element's label (a plan is named from the site's own labels). */
  readonly label?: string;
  /** Present when the element has a title of its own. */
  readonly titled?: true;
  /** Its municipality's IRI. */
  readonly municipality: string;
}

/** What a result list shows of a plan element (the same from the view index and from the converter's rows). */
export const shownElement = (cls: string, levelName: string, notation: string | undefined, label: string, titled: boolean, municipality: string): SearchShown => {
  const level = [levelName, notation].filter(Boolean).join(' ');
  return { cls, ...(level ? { level } : {}), label, ...(titled ? { titled: true as const } : {}), municipality };
};

export interface SearchDocument {
  readonly id: string;
  readonly fields: Partial<Record<FieldName, string>>;
  /** A group to filter on (e.g. the municipality code). */
  readonly group?: string;
  readonly shown?: SearchShown;
}

export interface SearchHit {
  readonly id: string;
  readonly score: number;
  /** The fields in which a query run occurs as a phrase. */
  readonly matched: readonly FieldName[];
  /** The document's fields, as indexed. */
  readonly fields: Partial<Record<FieldName, string>>;
  readonly shown?: SearchShown;
}

export interface SearchResult {
  /** The query's runs, normalized (what snippets highlight). */
  readonly terms: readonly string[];
  readonly total: number;
  readonly hits: readonly SearchHit[];
}

export interface SearchOptions {
  readonly offset?: number;
  readonly limit?: number;
  readonly group?: string;
}

interface Posting {
  readonly doc: number;
  /** Weighted term frequency over the fields. */
  readonly tf: number;
}

export interface SearchIndex {
  readonly size: number;
  search(query: string, options?: SearchOptions): SearchResult;
}

const K1 = 1.2;
const B = 0.75;
/** Multipliers when a whole query run occurs in the title, or elsewhere. */
const TITLE_PHRASE_BOOST = 1.5;

const squeeze = (s: string) => normalize(s).chars.filter((c) => !/\s/u.test(c)).join('');

export const buildSearchIndex = (documents: readonly SearchDocument[]): SearchIndex => {
  const postings = new Map<string, Posting[]>();
  const lengths: number[] = [];
  const squeezed: Partial<Record<FieldName, string>>[] = [];
  documents.forEach((d, doc) => {
    const tf = new Map<string, number>();
    let length = 0;
    const norm: Partial<Record<FieldName, string>> = {};
    for (const f of FIELDS) {
      const text = d.fields[f];
      if (!text) continue;
      norm[f] = squeeze(text);
      for (const [t, n] of indexTokens(text)) {
        tf.set(t, (tf.get(t) ?? 0) + n * FIELD_WEIGHTS[f]);
        if (t.length > 0 && Array.from(t).length === 2) length += n * FIELD_WEIGHTS[f];
      }
    }
    for (const [t, n] of tf) (postings.get(t) ?? postings.set(t, []).get(t)!).push({ doc, tf: n });
    lengths.push(length);
    squeezed.push(norm);
  });
  const N = documents.length;
  const avg = lengths.reduce((a, b) => a + b, 0) / Math.max(1, N) || 1;
  const idf = (df: number) => Math.log(1 + (N - df + 0.5) / (df + 0.5));

  const search = (query: string, options: SearchOptions = {}): SearchResult => {
    const queryRuns = runs(normalize(query).chars);
    const terms = queryRuns.map((r) => r.join(''));
    const tokens = queryTokens(queryRuns);
    if (tokens.length === 0) return { terms, total: 0, hits: [] };
    const lists = tokens.map((t) => postings.get(t) ?? []);
    if (lists.some((l) => l.length === 0)) return { terms, total: 0, hits: [] };
    // AND over the tokens, starting from the rarest.
    const order = lists.map((l, i) => i).sort((a, b) => lists[a]!.length - lists[b]!.length);
    const scores = new Map<number, number>();
    for (const p of lists[order[0]!]!) scores.set(p.doc, 0);
    for (const i of order) {
      const list = lists[i]!;
      const w = idf(list.length);
      const next = new Map<number, number>();
      for (const p of list) {
        const s = scores.get(p.doc);
        if (s === undefined) continue;
        const norm = K1 * (1 - B + (B * lengths[p.doc]!) / avg);
        next.set(p.doc, s + (w * (p.tf * (K1 + 1))) / (p.tf + norm));
      }
      scores.clear();
      for (const [d, s] of next) scores.set(d, s);
    }
    const hits: SearchHit[] = [];
    for (const [doc, score] of scores) {
      const d = documents[doc]!;
      if (options.group !== undefined && d.group !== options.group) continue;
      // Every run must occur as a phrase somewhere (bigrams alone could be scattered).
      const fields = squeezed[doc]!;
      const matched = FIELDS.filter((f) => fields[f] !== undefined && terms.some((t) => fields[f]!.includes(t)));
      if (!terms.every((t) => FIELDS.some((f) => fields[f]?.includes(t)))) continue;
      const boost = terms.every((t) => fields.title?.includes(t)) ? TITLE_PHRASE_BOOST : 1;
      hits.push({ id: d.id, score: Math.round(score * boost * 1000) / 1000, matched, fields: d.fields, ...(d.shown ? { shown: d.shown } : {}) });
    }
    hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const offset = Math.max(0, options.offset ?? 0);
    const limit = Math.max(0, options.limit ?? 20);
    return { terms, total: hits.length, hits: hits.slice(offset, offset + limit) };
  };

  return { size: N, search };
};
