// Which SERVICE endpoints may be contacted: one comparison for the protocol's early 400 and for the fetch guard.

/** An endpoint's identity: scheme, host (lower-cased, default port dropped by URL) and path; no query or fragment. */
const endpointKey = (iri: string): string | undefined => {
  try {
    const u = new URL(iri);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return undefined;
  }
};

export class ServiceAllowlist {
  readonly #keys: Set<string>;

  constructor(readonly endpoints: readonly string[]) {
    this.#keys = new Set(endpoints.map(endpointKey).filter((k): k is string => k !== undefined));
  }

  allows(iri: string): boolean {
    const key = endpointKey(iri);
    return key !== undefined && this.#keys.has(key);
  }
}
