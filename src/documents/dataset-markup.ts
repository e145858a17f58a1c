// Derives, from the DCAT catalog, the schema.org Dataset markup (JSON-LD) each dataset's landing page carries for search engines.
import type { Quad } from 'n3';
import type { Localized } from '../plan/index.ts';
import { DCAT, DCTERMS, EU_LANGUAGE, FOAF, IANA_MEDIA_TYPES, PROV, SKOS } from '../rdf/vocab.ts';
import type { CatalogIndex } from './catalog-views.ts';
import { LANGS, type Lang } from './langs.ts';

type Json = { readonly [key: string]: Json } | readonly Json[] | string;

/** Google's bounds for a Dataset's description, in characters. */
export const DESCRIPTION_MIN = 50;
export const DESCRIPTION_MAX = 5000;

/**
 * BCP 47 tags (schema:inLanguage) of the EU language authority codes the catalog may name (dct:language). The
 * authority table is not loaded at run time; a code missing here fails the start-up instead of being dropped.
 */
const BCP47: Readonly<Record<string, string>> = { JPN: 'ja', ENG: 'en', ZHO: 'zh', KOR: 'ko' };

/** The schema.org Dataset of the dataset whose dcat:landingPage a page is, made when that page is rendered. */
export interface DatasetMarkup {
  get(landing: string): Localized | undefined;
}

/**
 * For every dcat:landingPage of a dataset in the catalog, the schema.org Dataset describing that dataset, as JSON
 * text in each page language. Every value is read from the catalog, nothing is typed again here. The creator and the
 * publisher are the catalog's dct:publisher: we made the dataset; the municipalities wrote the documents it is derived
 * from, which is schema:isBasedOn (prov:wasDerivedFrom), each with its dct:creator. Landing pages are indexed here;
 * a description is made on request (nationally there are thousands, and a page is rendered once, then cached).
 */
export const datasetMarkup = (index: CatalogIndex): DatasetMarkup => {
  const read = new Reader(index);
  const datasetOf = new Map<string, string>();
  for (const dataset of index.datasets) {
    for (const landing of read.values(dataset, `${DCAT}landingPage`)) {
      if (datasetOf.has(landing)) throw new Error(`two datasets have the landing page ${landing}; its schema.org markup would be ambiguous`);
      datasetOf.set(landing, dataset);
    }
  }
  return {
    get: (landing) => {
      const dataset = datasetOf.get(landing);
      if (dataset === undefined) return undefined;
      const [ja, en] = LANGS.map((l) => JSON.stringify(describe(read, index.catalog, dataset, landing, l)));
      return { ja: ja!, en: en! };
    },
  };
};

const describe = (read: Reader, catalog: string, dataset: string, landing: string, lang: Lang): Json => {
  const name = read.text(dataset, `${DCTERMS}title`, lang) ?? dataset;
  const optional = (key: string, value: Json | undefined): Record<string, Json> => (value === undefined || (Array.isArray(value) && !value.length) ? {} : { [key]: value });
  const agent = (iri: string): Json => ({ '@type': 'Organization', '@id': iri, ...optional('name', read.text(iri, `${FOAF}name`, lang)), ...optional('url', read.value(iri, `${FOAF}homepage`)) });
  const publisher = read.value(dataset, `${DCTERMS}publisher`);
  const period = read.value(dataset, `${DCTERMS}temporal`);
  const start = period && read.value(period, `${DCAT}startDate`);
  const end = period && read.value(period, `${DCAT}endDate`);
  const whole = read.value(dataset, `${DCTERMS}isPartOf`);
  return {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    '@id': dataset,
    name,
    description: fitDescription(read.localized(dataset, `${DCTERMS}description`), name, lang),
    url: landing,
    sameAs: dataset,
    ...optional('identifier', read.value(dataset, `${DCTERMS}identifier`)),
    ...optional('version', read.value(dataset, `${DCAT}version`)),
    ...optional('license', read.value(dataset, `${DCTERMS}license`)),
    ...optional('inLanguage', read.values(dataset, `${DCTERMS}language`).map(bcp47)),
    ...optional('keywords', read.texts(dataset, `${DCAT}keyword`, lang)),
    ...optional('creator', publisher && agent(publisher)),
    ...optional('publisher', publisher && agent(publisher)),
    ...optional('datePublished', read.value(dataset, `${DCTERMS}issued`)),
    ...optional('dateModified', read.value(dataset, `${DCTERMS}modified`)),
    ...optional(
      'isBasedOn',
      read.values(dataset, `${PROV}wasDerivedFrom`).map((work) => {
        const creator = read.value(work, `${DCTERMS}creator`);
        return { '@type': 'CreativeWork', '@id': work, ...optional('name', read.text(work, `${DCTERMS}title`, lang)), ...optional('creator', creator && agent(creator)) };
      }),
    ),
    // Untyped: the whole is a Dataset with markup of its own, on its own landing page.
    ...optional('isPartOf', whole && { '@id': whole, ...optional('name', read.text(whole, `${DCTERMS}title`, lang)), ...optional('url', read.value(whole, `${DCAT}landingPage`)) }),
    ...optional(
      'spatialCoverage',
      read.values(dataset, `${DCTERMS}spatial`).map((area) => ({ '@type': 'Place', ...optional('name', read.text(area, `${SKOS}prefLabel`, lang)), sameAs: area })),
    ),
    ...optional('temporalCoverage', start && end ? `${start}/${end}` : undefined),
    ...optional(
      'distribution',
      read.values(dataset, `${DCAT}distribution`).flatMap((d) => {
        const url = read.value(d, `${DCAT}downloadURL`);
        const media = read.value(d, `${DCAT}mediaType`);
        const bytes = read.value(d, `${DCAT}byteSize`);
        if (!url) return [];
        return [
          {
            '@type': 'DataDownload',
            '@id': d,
            ...optional('name', read.text(d, `${DCTERMS}title`, lang)),
            contentUrl: url,
            ...optional('encodingFormat', media?.startsWith(IANA_MEDIA_TYPES) ? media.slice(IANA_MEDIA_TYPES.length) : undefined),
            ...optional('contentSize', bytes === undefined ? undefined : `${bytes} B`),
          },
        ];
      }),
    ),
    includedInDataCatalog: { '@type': 'DataCatalog', '@id': catalog, ...optional('name', read.text(catalog, `${DCTERMS}title`, lang)), url: catalog },
  };
};

const bcp47 = (iri: string): string => {
  const tag = iri.startsWith(EU_LANGUAGE) ? BCP47[iri.slice(EU_LANGUAGE.length)] : undefined;
  if (!tag) throw new Error(`no BCP 47 tag known for the language ${iri}`);
  return tag;
};

const length = (s: string) => [...s].length;

/**
 * The description in the page's language when it is within Google's bounds, else the other language's; one too short
 * is led by the title, one too long is cut at the last full stop that fits. Throws when no language gives one.
 */
export const fitDescription = (texts: Partial<Localized>, title: string, lang: Lang): string => {
  for (const l of [lang, ...LANGS.filter((x) => x !== lang)]) {
    const text = texts[l];
    if (text === undefined) continue;
    const fitted = fit(text, title, l);
    if (fitted !== undefined) return fitted;
  }
  throw new Error(`no description of ${DESCRIPTION_MIN}–${DESCRIPTION_MAX} characters for ${JSON.stringify(title)}`);
};

const fit = (text: string, title: string, lang: Lang): string | undefined => {
  let out = length(text) < DESCRIPTION_MIN ? `${title}${lang === 'ja' ? '：' : ': '}${text}` : text;
  if (length(out) > DESCRIPTION_MAX) {
    const head = [...out].slice(0, DESCRIPTION_MAX - 1).join('');
    const stop = Math.max(head.lastIndexOf('。'), head.lastIndexOf('. '));
    out = stop > 0 ? head.slice(0, stop + 1) : `${head}…`;
  }
  return length(out) >= DESCRIPTION_MIN && length(out) <= DESCRIPTION_MAX ? out : undefined;
};

/** Look-ups over the catalog's triples by subject. */
class Reader {
  constructor(private readonly index: CatalogIndex) {}
  private objects(s: string, p: string): Quad['object'][] {
    return this.index.own(s).filter((q) => q.predicate.value === p).map((q) => q.object);
  }
  values(s: string, p: string): string[] {
    return this.objects(s, p).map((o) => o.value);
  }
  value(s: string, p: string): string | undefined {
    return this.values(s, p)[0];
  }
  /** Literals in `lang`, else in any language. */
  texts(s: string, p: string, lang: Lang): string[] {
    const all = this.objects(s, p).filter((o) => o.termType === 'Literal');
    const inLang = all.filter((o) => o.termType === 'Literal' && o.language === lang);
    return (inLang.length ? inLang : all).map((o) => o.value);
  }
  text(s: string, p: string, lang: Lang): string | undefined {
    return this.texts(s, p, lang)[0];
  }
  localized(s: string, p: string): Partial<Localized> {
    const out: Partial<Record<Lang, string>> = {};
    for (const o of this.objects(s, p)) if (o.termType === 'Literal' && LANGS.includes(o.language as Lang)) out[o.language as Lang] ??= o.value;
    return out;
  }
}
