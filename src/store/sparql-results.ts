// The SPARQL results formats (one table, as Oxigraph's sparesults has one enum) and their writers: SPARQL JSON result
// objects written as SPARQL JSON, XML, CSV or TSV, after applying the row cap.
import { forbiddenXmlChar, xmlText } from '../rdf/rdf-xml.ts';
import { UnrepresentableError } from '../rdf/unrepresentable.ts';
import { FORMATS, XSD } from '../rdf/vocab.ts';

/** The SPARQL 1.1 Query Results JSON term object. */
export type JsonTerm =
  | { readonly type: 'uri'; readonly value: string }
  | { readonly type: 'bnode'; readonly value: string }
  | { readonly type: 'literal'; readonly value: string; readonly 'xml:lang'?: string; readonly datatype?: string }
  | { readonly type: 'triple'; readonly value: { subject: JsonTerm; predicate: JsonTerm; object: JsonTerm } };
export type JsonBinding = Readonly<Record<string, JsonTerm>>;

export interface SparqlJson {
  readonly head: { readonly vars?: readonly string[]; readonly link?: readonly string[] };
  readonly results?: { readonly bindings: readonly JsonBinding[] };
  readonly boolean?: boolean;
}

export interface Serialized {
  readonly body: string;
  readonly rows: number;
  readonly capped: boolean;
}

const SRX_NS = 'http://www.w3.org/2005/sparql-results#';
const XSD_STRING = `${XSD}string`;

const xmlEscape = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Element content: a carriage return as a reference (a parser would read it as a line feed, XML 1.0 §2.11). */
const xmlContent = (s: string): string => {
  const bad = forbiddenXmlChar(s);
  if (bad) throw new UnrepresentableError(`SPARQL XML results cannot carry the character ${bad} (XML 1.0 forbids it)`);
  return xmlText(s);
};

const xmlTerm = (t: JsonTerm): string => {
  switch (t.type) {
    case 'uri':
      return `<uri>${xmlContent(t.value)}</uri>`;
    case 'bnode':
      return `<bnode>${xmlContent(t.value)}</bnode>`;
    case 'literal': {
      const lang = t['xml:lang'] ? ` xml:lang="${xmlEscape(t['xml:lang'])}"` : '';
      const dt = !lang && t.datatype && t.datatype !== XSD_STRING ? ` datatype="${xmlEscape(t.datatype)}"` : '';
      return `<literal${lang}${dt}>${xmlContent(t.value)}</literal>`;
    }
    case 'triple':
      return (
        `<triple><subject>${xmlTerm(t.value.subject)}</subject>` +
        `<predicate>${xmlTerm(t.value.predicate)}</predicate><object>${xmlTerm(t.value.object)}</object></triple>`
      );
  }
};

const toXml = (r: SparqlJson): string => {
  const head = (r.head.vars ?? []).map((v) => `<variable name="${xmlEscape(v)}"/>`).join('');
  const open = `<?xml version="1.0"?>\n<sparql xmlns="${SRX_NS}"><head>${head}</head>`;
  if (typeof r.boolean === 'boolean') return `${open}<boolean>${r.boolean}</boolean></sparql>\n`;
  const rows = (r.results?.bindings ?? []).map(
    (b) =>
      '<result>' +
      Object.entries(b)
        .map(([name, term]) => `<binding name="${xmlEscape(name)}">${xmlTerm(term)}</binding>`)
        .join('') +
      '</result>',
  );
  return `${open}<results>${rows.join('\n')}</results></sparql>\n`;
};

const csvField = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csvTerm = (t: JsonTerm | undefined): string => {
  if (!t) return '';
  if (t.type === 'bnode') return `_:${t.value}`;
  if (t.type === 'triple') return `<< ${tsvTerm(t.value.subject)} ${tsvTerm(t.value.predicate)} ${tsvTerm(t.value.object)} >>`;
  return t.value;
};

const tsvString = (s: string): string =>
  `"${s.replace(/[\\"\t\n\r]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!)}"`;
const ABBREVIATED: Readonly<Record<string, RegExp>> = {
  [`${XSD}integer`]: /^[+-]?\d+$/,
  [`${XSD}decimal`]: /^[+-]?\d*\.\d+$/,
  [`${XSD}boolean`]: /^(true|false)$/,
};
const tsvTerm = (t: JsonTerm | undefined): string => {
  if (!t) return '';
  switch (t.type) {
    case 'uri':
      return `<${t.value}>`;
    case 'bnode':
      return `_:${t.value}`;
    case 'literal': {
      if (t['xml:lang']) return `${tsvString(t.value)}@${t['xml:lang']}`;
      if (!t.datatype || t.datatype === XSD_STRING) return tsvString(t.value);
      if (ABBREVIATED[t.datatype]?.test(t.value)) return t.value;
      return `${tsvString(t.value)}^^<${t.datatype}>`;
    }
    case 'triple':
      return `<< ${tsvTerm(t.value.subject)} ${tsvTerm(t.value.predicate)} ${tsvTerm(t.value.object)} >>`;
  }
};

/**
 * The CSV and TSV formats define SELECT answers only. An ASK answer is written as a one-column table whose variable is
 * `_askResult`, the form Jena writes and reads, so that table readers take it (a bare `true` is refused by Jena's and
 * rdflib's).
 */
const ASK_RESULT = '_askResult';
const XSD_BOOLEAN = `${XSD}boolean`;

const toTable = (r: SparqlJson, sep: string, eol: string, head: (v: string) => string, cell: (t: JsonTerm | undefined) => string) => {
  const asked = typeof r.boolean === 'boolean';
  const vars = asked ? [ASK_RESULT] : (r.head.vars ?? []);
  const bindings = asked ? [{ [ASK_RESULT]: { type: 'literal', value: String(r.boolean), datatype: XSD_BOOLEAN } as const }] : (r.results?.bindings ?? []);
  const lines = [vars.map(head).join(sep)];
  for (const b of bindings) lines.push(vars.map((v) => cell(b[v])).join(sep));
  return lines.join(eol) + eol;
};

export interface ResultsFormat {
  readonly mediaType: string;
  /** Other media types a client may ask for to get this one. */
  readonly alsoAccepts: readonly string[];
  /** `?format=` short names. */
  readonly names: readonly string[];
  readonly label: string;
  /** The W3C format IRI (http://www.w3.org/ns/formats/…), for sd:resultFormat. */
  readonly formatIri: string;
  /** Writes a result object already cut to the row cap; `raw` is the engine's own SPARQL JSON of the same answer, when uncut. */
  readonly write: (r: SparqlJson, raw: string | undefined) => string;
}

/** In the order of negotiation: SPARQL JSON first, the default. */
export const RESULTS_FORMATS = {
  json: {
    mediaType: 'application/sparql-results+json', alsoAccepts: ['application/json'], names: ['json', 'srj'], label: 'SPARQL Results JSON',
    formatIri: `${FORMATS}SPARQL_Results_JSON`, write: (r, raw) => raw ?? JSON.stringify(r),
  },
  xml: {
    mediaType: 'application/sparql-results+xml', alsoAccepts: [], names: ['xml', 'srx'], label: 'SPARQL Results XML',
    formatIri: `${FORMATS}SPARQL_Results_XML`, write: (r) => toXml(r),
  },
  csv: {
    mediaType: 'text/csv', alsoAccepts: [], names: ['csv'], label: 'SPARQL Results CSV',
    formatIri: `${FORMATS}SPARQL_Results_CSV`, write: (r) => toTable(r, ',', '\r\n', csvField, (t) => csvField(csvTerm(t))),
  },
  tsv: {
    mediaType: 'text/tab-separated-values', alsoAccepts: [], names: ['tsv'], label: 'SPARQL Results TSV',
    formatIri: `${FORMATS}SPARQL_Results_TSV`, write: (r) => toTable(r, '\t', '\n', (v) => `?${v}`, tsvTerm),
  },
} as const satisfies Record<string, ResultsFormat>;
export type ResultsMediaType = (typeof RESULTS_FORMATS)[keyof typeof RESULTS_FORMATS]['mediaType'];
export const RESULTS_MEDIA_TYPES: readonly ResultsMediaType[] = Object.values(RESULTS_FORMATS).map((f) => f.mediaType);

/** The results format of a media type, if it is one of ours. */
export const resultsFormatOf = (mediaType: string): ResultsFormat | undefined =>
  Object.values(RESULTS_FORMATS).find((f: ResultsFormat) => f.mediaType === mediaType);

/**
 * Serializes a result object into the wanted format; cuts SELECT answers to maxRows and says so. `columnOrder` (a
 * SELECT * query's variables in the order of its text) orders the columns; a variable it does not name keeps its place
 * after those it does.
 */
export const serializeResults = (r: SparqlJson, mediaType: ResultsMediaType, maxRows: number, raw?: string, columnOrder?: readonly string[]): Serialized => {
  const all = r.results?.bindings ?? [];
  const capped = all.length > maxRows;
  const vars = r.head.vars && columnOrder ? ordered(r.head.vars, columnOrder) : r.head.vars;
  const reordered = vars !== r.head.vars;
  const head = reordered ? { ...r.head, vars } : r.head;
  const json: SparqlJson = capped || reordered ? { ...r, head, ...(r.results ? { results: { bindings: all.slice(0, maxRows) } } : {}) } : r;
  const rows = typeof r.boolean === 'boolean' ? 0 : Math.min(all.length, maxRows);
  return { body: resultsFormatOf(mediaType)!.write(json, capped || reordered ? undefined : raw), rows, capped };
};

/** `vars` in the order `order` gives them (the others after, as they were); `vars` itself when that changes nothing. */
const ordered = (vars: readonly string[], order: readonly string[]): readonly string[] => {
  const rank = new Map(order.map((v, i) => [v, i]));
  const sorted = vars.map((v, i) => ({ v, key: rank.get(v) ?? order.length + i })).sort((a, b) => a.key - b.key).map((e) => e.v);
  return sorted.every((v, i) => v === vars[i]) ? vars : sorted;
};
