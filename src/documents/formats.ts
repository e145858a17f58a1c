// The RDF formats the site serves and lists in its catalog: extension, media type, EU file type and display name.

export interface RdfFormat {
  /** File extension, also the `?format=` short name. */
  readonly ext: string;
  readonly mediaType: string;
  /** Code in the EU file-type authority table (dct:format in DCAT-AP). */
  readonly euFileType: string;
  readonly label: string;
  /** True when the Content-Type carries `; charset=utf-8` (text/* types; the others are UTF-8 by definition). */
  readonly charset: boolean;
}

export const RDF_FORMATS = {
  ttl: { ext: 'ttl', mediaType: 'text/turtle', euFileType: 'RDF_TURTLE', label: 'Turtle', charset: true },
  jsonld: { ext: 'jsonld', mediaType: 'application/ld+json', euFileType: 'JSON_LD', label: 'JSON-LD', charset: false },
  nt: { ext: 'nt', mediaType: 'application/n-triples', euFileType: 'RDF_N_TRIPLES', label: 'N-Triples', charset: false },
  rdf: { ext: 'rdf', mediaType: 'application/rdf+xml', euFileType: 'RDF_XML', label: 'RDF/XML', charset: false },
  nq: { ext: 'nq', mediaType: 'application/n-quads', euFileType: 'RDF_N_QUADS', label: 'N-Quads', charset: false },
  trig: { ext: 'trig', mediaType: 'application/trig', euFileType: 'RDF_TRIG', label: 'TriG', charset: false },
} as const satisfies Record<string, RdfFormat>;
export type RdfExt = keyof typeof RDF_FORMATS;

/** The formats every resource description is served in, in the order documents list them. */
export const DOCUMENT_EXTS = ['ttl', 'jsonld', 'nt', 'rdf'] as const satisfies readonly RdfExt[];
export type DocumentExt = (typeof DOCUMENT_EXTS)[number];

export const isDocumentExt = (ext: string): ext is DocumentExt => (DOCUMENT_EXTS as readonly string[]).includes(ext);

/** The format of a file name by its extension, if it is an RDF file. */
export const formatOfFile = (file: string): RdfFormat | undefined => {
  const ext = file.slice(file.lastIndexOf('.') + 1);
  return ext in RDF_FORMATS ? RDF_FORMATS[ext as RdfExt] : undefined;
};

/** The Content-Type header value of a format. */
export const contentType = (f: Pick<RdfFormat, 'mediaType' | 'charset'>): string => (f.charset ? `${f.mediaType}; charset=utf-8` : f.mediaType);
