// Safe HTML building: a tagged template that escapes every interpolated value unless it is already SafeHtml.

/** A fragment of markup that is trusted: made by `html`, `raw` or `join`, never from data directly. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may be interpolated: text (escaped), numbers, trusted markup, nothing, or lists of these. */
export type Part = SafeHtml | string | number | undefined | null | false | readonly Part[];

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values alike. */
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

const render = (part: Part): string => {
  if (part === undefined || part === null || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (typeof part === 'number') return String(part);
  if (typeof part === 'string') return esc(part);
  return part.map(render).join('');
};

/** `html\`<p>${text}</p>\``: every value is escaped unless it is SafeHtml. */
export const html = (strings: TemplateStringsArray, ...values: readonly Part[]): SafeHtml => {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
};

/** Markup the caller vouches for (constants, or output of another renderer). */
export const raw = (s: string): SafeHtml => new SafeHtml(s);

/** Joins fragments with a trusted separator. */
export const join = (parts: readonly Part[], separator = ''): SafeHtml => new SafeHtml(parts.map(render).join(separator));

/**
 * JSON for a <script type="application/json"> or application/ld+json data block: `<` (and so `</script>` and
 * `<!--`), `>`, `&` and the JS line separators are written as \u escapes, which JSON parsers read back unchanged.
 */
export const jsonScript = (json: string): SafeHtml =>
  raw(json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
