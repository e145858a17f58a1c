// The Content-Security-Policy of the HTML pages: everything from this origin, nothing inline but data blocks.

export interface CspOptions {
  /** Origin of the SPARQL endpoint when it differs from the page's. */
  readonly endpointOrigin?: string;
  /** Allow inline styles (the SPARQL editor writes some). */
  readonly inlineStyles?: boolean;
}

/** Pages load scripts, styles, images and fonts from this origin only, and fetch only from it (and the endpoint). */
export const contentSecurityPolicy = ({ endpointOrigin, inlineStyles = false }: CspOptions = {}): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self'${inlineStyles ? " 'unsafe-inline'" : ''}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${endpointOrigin ? ` ${endpointOrigin}` : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

/**
 * Links to other sites get our origin only, never a page's path and query (a search's words, a SPARQL query);
 * links within the site keep the full referrer, which our own logs may use. Browsers default to this policy too,
 * but older ones and embedding contexts need not.
 */
export const REFERRER_POLICY = 'strict-origin-when-cross-origin';

const headersOf = (csp: CspOptions): Readonly<Record<string, string>> =>
  Object.freeze({ 'content-security-policy': contentSecurityPolicy(csp), 'x-content-type-options': 'nosniff', 'referrer-policy': REFERRER_POLICY });

const DEFAULT_HEADERS = headersOf({});

/** Headers every HTML answer carries (pages, 404 pages, search errors, /dumps/); the common case is made once. */
export const pageHeaders = (csp?: CspOptions): Readonly<Record<string, string>> =>
  csp === undefined || (csp.endpointOrigin === undefined && !csp.inlineStyles) ? DEFAULT_HEADERS : headersOf(csp);

