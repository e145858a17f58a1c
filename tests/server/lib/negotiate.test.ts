// Content negotiation: q-values, lists, wildcards, aliases, ?format= and the 406 message.
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../src/server/lib/errors.ts';
import { negotiate, type Choice } from '../../../src/server/lib/negotiate.ts';

const choices: Choice[] = [
  { type: 'text/turtle', names: ['ttl'] },
  { type: 'application/ld+json', alsoAccepts: ['application/json'], names: ['jsonld', 'json'] },
  { type: 'text/html', names: ['html'] },
];

describe('negotiate', () => {
  it.each([
    [undefined, 'text/turtle'],
    ['', 'text/turtle'],
    ['*/*', 'text/turtle'],
    ['text/html', 'text/html'],
    ['text/*', 'text/turtle'],
    ['application/ld+json;q=0.9, text/turtle;q=0.5', 'application/ld+json'],
    ['text/turtle;q=0.1, text/html;q=0.2, */*;q=0.05', 'text/html'],
    ['image/png, application/json', 'application/ld+json'],
    ['TEXT/HTML', 'text/html'],
  ])('Accept %s → %s', (accept, expected) => {
    expect(negotiate(accept, undefined, choices)).toBe(expected);
  });

  it.each([
    ['text/turtle; charset=utf-8', 'text/turtle'],
    ['text/turtle;charset="UTF-8";q=0.4, text/html;q=0.3', 'text/turtle'],
    ['application/ld+json; profile="http://www.w3.org/ns/json-ld#compacted"', 'application/ld+json'],
    ['application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded,http://e/x";q=0.9, text/html;q=0.1', 'application/ld+json'],
    ['text/turtle; charset=iso-8859-1, text/html;q=0.1', 'text/html'],
  ])('judges the parameters of Accept %s → %s', (accept, expected) => {
    expect(negotiate(accept, undefined, choices)).toBe(expected);
  });

  it('leaves unknown ?format= values to Accept only when asked to', () => {
    expect(negotiate('text/html', ['n3', 'ttl'], choices)).toBe('text/turtle');
    expect(negotiate('text/html', ['n3'], choices, 'accept')).toBe('text/html');
    expect(() => negotiate('text/html', ['n3'], choices)).toThrow(HttpError);
    expect(() => negotiate(undefined, ['n3'], choices, 'accept')).toThrow(/format=n3/);
  });

  it('lets ?format= (name or media type) win over Accept', () => {
    expect(negotiate('text/html', 'json', choices)).toBe('application/ld+json');
    expect(negotiate('text/html', 'text/turtle', choices)).toBe('text/turtle');
  });

  it('throws 406 listing what is available', () => {
    for (const [accept, format] of [['image/png', undefined], ['text/turtle;q=0', undefined], [undefined, 'pdf']] as const) {
      const error = (() => {
        try {
          negotiate(accept, format, choices);
        } catch (e) {
          return e;
        }
      })() as HttpError;
      expect(error).toBeInstanceOf(HttpError);
      expect(error.status).toBe(406);
      expect(error.message).toContain('text/turtle (format=ttl), application/ld+json (format=jsonld|json), text/html (format=html)');
    }
  });
});
