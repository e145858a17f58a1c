// Renders a resource document as a minimal HTML page (a placeholder: the pages engineer replaces this function).
import type { Quad, Term } from 'n3';
import { labelOf, typesOf, type ResourceDocument } from '../documents/index.ts';

export interface PageLink {
  readonly href: string;
  /** Media type of the linked document. */
  readonly type: string;
  readonly label: string;
}

export interface ResourcePageInput {
  readonly doc: ResourceDocument;
  /** The HTML page of an IRI when the site has one (our own resources), else undefined (link the IRI itself). */
  readonly pageOf: (iri: string) => string | undefined;
  /** The document in each RDF format. */
  readonly alternates: readonly PageLink[];
  readonly home: string;
}

export interface NotFoundPageInput {
  readonly message: string;
  readonly home: string;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const head = (title: string, extra = '') => `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${extra}<style>body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;line-height:1.5}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}th{width:16rem;font-weight:600}code{font-size:.9em}.lang{color:#777;font-size:.8em}</style>
</head>
<body>
`;

/** A page titled by the resource's label, with its types, its properties, what points at it, and its data formats. */
export const resourcePage = ({ doc, pageOf, alternates, home }: ResourcePageInput): string => {
  const label = (iri: string) => labelOf(doc, iri) ?? labelOf(doc, iri, 'en');
  const link = (iri: string) => {
    const href = pageOf(iri) ?? iri;
    const text = label(iri);
    return `<a href="${escapeHtml(href)}">${escapeHtml(text ?? iri)}</a>${text ? ` <code>&lt;${escapeHtml(iri)}&gt;</code>` : ''}`;
  };
  const value = (t: Term) => {
    if (t.termType === 'NamedNode') return link(t.value);
    if (t.termType !== 'Literal') return escapeHtml(t.value);
    const tag = t.language ? ` <span class="lang">@${escapeHtml(t.language)}</span>` : '';
    return `${escapeHtml(t.value).replace(/\n/g, '<br>')}${tag}`;
  };
  const predicate = (iri: string) => {
    const text = label(iri);
    return `<a href="${escapeHtml(pageOf(iri) ?? iri)}" title="${escapeHtml(iri)}">${escapeHtml(text ?? iri)}</a>`;
  };
  const rows = (quads: readonly Quad[], pick: (q: Quad) => Term) =>
    quads.map((q) => `<tr><th>${predicate(q.predicate.value)}</th><td>${value(pick(q))}</td></tr>`).join('\n');

  const title = label(doc.iri) ?? doc.iri;
  const types = typesOf(doc).map(link).join(', ');
  const links = alternates.map((a) => `<link rel="alternate" type="${escapeHtml(a.type)}" href="${escapeHtml(a.href)}">`).join('\n');
  return `${head(title, links + '\n')}<p><a href="${escapeHtml(home)}">Home</a></p>
<h1>${escapeHtml(title)}</h1>
<p><code>${escapeHtml(doc.iri)}</code></p>
${types ? `<p>Type: ${types}</p>` : ''}
<h2>Properties</h2>
<table>
${rows(doc.own, (q) => q.object)}
</table>
${doc.inbound.length > 0 ? `<h2>Referenced by</h2>\n<table>\n${rows(doc.inbound, (q) => q.subject)}\n</table>\n` : ''}<h2>Data</h2>
<ul>
${alternates.map((a) => `<li><a href="${escapeHtml(a.href)}">${escapeHtml(a.label)}</a> <code>${escapeHtml(a.type)}</code></li>`).join('\n')}
</ul>
</body>
</html>
`;
};

/** The HTML answer to an unknown resource. */
export const notFoundPage = ({ message, home }: NotFoundPageInput): string =>
  `${head('Not found')}<h1>Not found</h1>
<p>${escapeHtml(message)}</p>
<p><a href="${escapeHtml(home)}">Home</a></p>
</body>
</html>
`;
