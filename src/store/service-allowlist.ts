// Which SERVICE endpoints may be contacted: one comparison for the protocol's early 400 and for the fetch guard.

/** An IRI as an absolute http(s) URL without user information or fragment; anything else is never an endpoint. */
const plainUrl = (iri: string): URL | undefined => {
  let u: URL;
  try {
    u = new URL(iri);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(u.protocol) || u.username || u.password || u.hash || iri.includes('#')) return undefined;
  return u;
};

/** An endpoint's identity in a request URL: scheme, host (lower-cased, default port dropped) and path, without the query. */
export const endpointOf = (url: string): string => {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return url;
  }
};

export class ServiceAllowlist {
  /** The allowlisted endpoints, normalized as URL does (host case, default port). */
  readonly #exact: Set<string>;
  readonly #endpoints: Set<string>;

  constructor(readonly endpoints: readonly string[]) {
    const urls = endpoints.map(plainUrl).filter((u): u is URL => u !== undefined);
    this.#exact = new Set(urls.map((u) => u.href));
    this.#endpoints = new Set(urls.map((u) => endpointOf(u.href)));
  }

  /** A SERVICE IRI is allowed only when it is exactly an allowlisted endpoint (no user information, fragment or other query). */
  allows(iri: string): boolean {
    const u = plainUrl(iri);
    return u !== undefined && this.#exact.has(u.href);
  }

  /** A request the federation engine makes: an allowlisted endpoint, with whatever query string the protocol needs. */
  allowsRequest(url: string): boolean {
    const u = plainUrl(url);
    return u !== undefined && this.#endpoints.has(endpointOf(u.href));
  }
}
