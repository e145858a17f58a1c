// Renders the /dumps/ index: every downloadable build file with its media type, size and SHA-256 (styled by site.css:
// the page's CSP allows no inline style).
import { esc } from './html.ts';

export interface DumpEntry {
  readonly href: string;
  readonly path: string;
  readonly contentType: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** `catalogHref` and `stylesheet` are root-relative, like every entry's `href` (the page works from any host). */
export const dumpsPage = (entries: readonly DumpEntry[], catalogHref: string, stylesheet: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Data dumps</title>
<link rel="stylesheet" href="${esc(stylesheet)}">
</head>
<body class="wide">
<main id="main">
<h1>Data dumps</h1>
<p>The whole dataset and each plan's graph, as built. Files are served gzip-compressed to clients that accept it. Described in the <a href="${esc(catalogHref)}">DCAT catalog</a>.</p>
<table class="dumps">
<thead><tr><th>File</th><th>Media type</th><th>Bytes</th><th>SHA-256</th></tr></thead>
<tbody>
${entries
  .map((e) => `<tr><td><a href="${esc(e.href)}">${esc(e.path)}</a></td><td>${esc(e.contentType)}</td><td class="n">${e.bytes}</td><td><code>${e.sha256}</code></td></tr>`)
  .join('\n')}
</tbody>
</table>
</main>
</body>
</html>
`;
