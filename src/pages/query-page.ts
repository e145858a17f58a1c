// The HTML query form a browser gets at /sparql (a placeholder until the YASGUI page replaces it).

export interface QueryPageInput {
  /** Path or IRI the form submits to. */
  readonly endpoint: string;
  readonly exampleQuery: string;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const queryPage = ({ endpoint, exampleQuery }: QueryPageInput): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SPARQL endpoint</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}textarea{width:100%;font-family:monospace}</style>
</head>
<body>
<h1>SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 Query. The default graph is the merge of all named graphs. Send <code>Accept: text/turtle</code> for the service description.</p>
<form method="get" action="${escapeHtml(endpoint)}">
<p><label for="query">Query</label><br>
<textarea id="query" name="query" rows="14">${escapeHtml(exampleQuery)}</textarea></p>
<p><label for="format">Results</label>
<select id="format" name="format">
<option value="json">SPARQL JSON</option><option value="xml">SPARQL XML</option><option value="csv">CSV</option><option value="tsv">TSV</option>
<option value="ttl">Turtle (CONSTRUCT / DESCRIBE)</option><option value="jsonld">JSON-LD (CONSTRUCT / DESCRIBE)</option>
</select>
<button type="submit">Run</button></p>
</form>
</body>
</html>
`;
