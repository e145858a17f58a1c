// The curated catalog facts: data/catalog.yaml is valid, and bad files fail with file, line and reason.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalogFile } from '../../src/documents/index.ts';
import { InputError } from '../../src/plan/index.ts';

const good = readFileSync('data/catalog.yaml', 'utf8');

describe('parseCatalogFile', () => {
  it('accepts data/catalog.yaml with fixed dates, never the clock', () => {
    const facts = parseCatalogFile('data/catalog.yaml', good);
    expect(facts.catalog.issued).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(facts.license).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(facts.catalog.title.ja).toBeTruthy();
    expect(facts.contactPoint).toBeUndefined();
  });

  const fails = (text: string) => {
    try {
      parseCatalogFile('data/catalog.yaml', text);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as InputError).message;
    }
    throw new Error('expected an InputError');
  };

  it('reports a bad date, licence and template placeholder with their places', () => {
    const message = fails(
      good
        .replace('issued: "2026-11-22"', 'issued: "22 Nov 2026"')
        .replace('license: https://creativecommons.org/licenses/by/4.0/', 'license: CC BY')
        .replace('{municipality}の', '{city}の'),
    );
    expect(message).toMatch(/data\/catalog\.yaml:\d+:\d+: catalog\.issued: /);
    expect(message).toMatch(/data\/catalog\.yaml:\d+:\d+: license: /);
    expect(message).toMatch(/plan\.description\.ja: only \{municipality\}, \{title\} and \{coverage\} may be used/);
  });

  it('refuses a modified date before the issued one, and unknown keys', () => {
    expect(fails(good.replace(/modified: "[0-9-]+"/, 'modified: "2020-01-01"'))).toContain('modified is before issued');
    expect(fails(good.replace(/modifiedDigest: "[0-9a-f]+"/, 'modifiedDigest: "abc"'))).toMatch(/catalog\.modifiedDigest: a SHA-256 in lower-case hex/);
    expect(fails(`${good}\nextra: 1\n`)).toMatch(/Unrecognized key/);
  });
});
