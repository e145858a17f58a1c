// The licence the converter's stored Turtle documents state: data/catalog.yaml's, or a build that fails naming the file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readLicense } from '../../src/convert/sitemap-file.ts';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));
const withCatalog = (yaml: string) => {
  root = mkdtempSync(join(tmpdir(), 'jpp-license-'));
  mkdirSync(join(root, 'data'));
  writeFileSync(join(root, 'data/catalog.yaml'), yaml);
  return root;
};

describe("the converter's licence", () => {
  it("is data/catalog.yaml's", () => {
    expect(readLicense(process.cwd())).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(readLicense(withCatalog('license: https://creativecommons.org/publicdomain/zero/1.0/\n'))).toBe('https://creativecommons.org/publicdomain/zero/1.0/');
  });

  it('fails naming the file when it is missing or not a URL', () => {
    for (const yaml of ['catalog: {}\n', 'license: CC BY 4.0\n', 'license: [1]\n']) expect(() => readLicense(withCatalog(yaml))).toThrow(/^data\/catalog\.yaml: license must be the licence's URL$/);
  });
});
