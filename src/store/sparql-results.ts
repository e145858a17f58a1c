// Writes SPARQL JSON result objects as SPARQL JSON, XML, CSV or TSV, after applying the row cap.
import { XSD } from '../rdf/vocab.ts';
import type { ResultsMediaType } from './store.ts';

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

const xmlTerm = (t: JsonTerm): string => {
  switch (t.type) {
    case 'uri':
      return `<uri>${xmlEscape(t.value)}</uri>`;
    case 'bnode':
      return `<bnode>${xmlEscape(t.value)}</bnode>`;
    case 'literal': {
      const lang = t['xml:lang'] ? ` xml:lang="${xmlEscape(t['xml:lang'])}"` : '';
      const dt = !lang && t.datatype && t.datatype !== XSD_STRING ? ` datatype="${xmlEscape(t.datatype)}"` : '';
      return `<literal${lang}${dt}>${xmlEscape(t.value)}</literal>`;
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

const toTable = (r: SparqlJson, sep: string, eol: string, head: (v: string) => string, cell: (t: JsonTerm | undefined) => string) => {
  if (typeof r.boolean === 'boolean') return `${r.boolean}`;
  const vars = r.head.vars ?? [];
  const lines = [vars.map(head).join(sep)];
  for (const b of r.results?.bindings ?? []) lines.push(vars.map((v) => cell(b[v])).join(sep));
  return lines.join(eol) + eol;
};

/** Serializes a result object into the wanted format; cuts SELECT answers to maxRows and says so. */
export const serializeResults = (r: SparqlJson, mediaType: ResultsMediaType, maxRows: number, raw?: string): Serialized => {
  const all = r.results?.bindings ?? [];
  const capped = all.length > maxRows;
  const json: SparqlJson = capped ? { head: r.head, results: { bindings: all.slice(0, maxRows) } } : r;
  const rows = typeof r.boolean === 'boolean' ? 0 : Math.min(all.length, maxRows);
  switch (mediaType) {
    case 'application/sparql-results+json':
      return { body: !capped && raw !== undefined ? raw : JSON.stringify(json), rows, capped };
    case 'application/sparql-results+xml':
      return { body: toXml(json), rows, capped };
    case 'text/csv':
      return { body: toTable(json, ',', '\r\n', csvField, (t) => csvField(csvTerm(t))), rows, capped };
    case 'text/tab-separated-values':
      return { body: toTable(json, '\t', '\n', (v) => `?${v}`, tsvTerm), rows, capped };
  }
};
