// The RDF syntaxes documents are served and catalogued in, chosen from the rdf layer's one table (src/rdf/formats.ts).
import { RDF_EXTS, RDF_FORMATS, type RdfExt, type RdfSyntax } from '../rdf/formats.ts';

export { RDF_FORMATS, type RdfExt };
export type RdfFormat = RdfSyntax;

/** The formats every resource description is served in, in the order documents list them. */
export const DOCUMENT_EXTS = RDF_EXTS.filter((e) => RDF_FORMATS[e].forDocuments) as readonly DocumentExt[];
export type DocumentExt = { [E in RdfExt]: (typeof RDF_FORMATS)[E]['forDocuments'] extends true ? E : never }[RdfExt];

export const isDocumentExt = (ext: string): ext is DocumentExt => (DOCUMENT_EXTS as readonly string[]).includes(ext);

/** The format of a file name by its extension, if it is an RDF file. */
export const formatOfFile = (file: string): RdfFormat | undefined => {
  const ext = file.slice(file.lastIndexOf('.') + 1);
  return ext in RDF_FORMATS ? RDF_FORMATS[ext as RdfExt] : undefined;
};

/** The Content-Type header value of a format. */
export const contentType = (f: Pick<RdfFormat, 'mediaType' | 'charset'>): string => (f.charset ? `${f.mediaType}; charset=utf-8` : f.mediaType);
