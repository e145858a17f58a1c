// The curated catalog facts (data/catalog.yaml): their zod schema and the parser that reports located problems.
import { z } from 'zod';
import { InputError, type Problem } from '../plan/errors.ts';
import { formatPath, readYaml } from '../plan/yaml-file.ts';

const text = z.string().trim().min(1);
const localized = z.strictObject({ ja: text, en: text });
const keywords = z.strictObject({ ja: z.array(text).min(1), en: z.array(text).min(1) });
const date = z.iso.date();
/** A per-plan template: may use {municipality}, {title} and {coverage} (what part of the document the source holds), nothing else. */
const PLACEHOLDERS = ['{municipality}', '{title}', '{coverage}'];
const template = text.refine((s) => (s.match(/\{[^}]*\}/g) ?? []).every((p) => PLACEHOLDERS.includes(p)), {
  message: 'only {municipality}, {title} and {coverage} may be used',
});

export const catalogFileSchema = z.strictObject({
  catalog: z.strictObject({
    title: localized,
    description: localized,
    issued: date,
    modified: date,
    /** The SHA-256 of the published dataset and catalog that `modified` dates (checked by the tests, not by the build). */
    modifiedDigest: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex'),
    languages: z.array(z.string().regex(/^[A-Z]{3}$/, 'an EU language authority code, e.g. JPN')).min(1),
  }),
  publisher: z.strictObject({ name: localized, homepage: z.url().optional() }),
  license: z.url(),
  /** The licence's title: the name a CKAN licence register knows it by, which ckanext-dcat matches when the URL is not there. */
  licenseTitle: localized,
  euDataThemes: z.array(z.strictObject({ code: z.string().regex(/^[A-Z]{4}$/, 'an EU data theme code, e.g. GOVE'), label: localized })),
  /** Titles of the concept schemes (dcat:themeTaxonomy) the catalog does not define itself. */
  euDataThemeScheme: z.strictObject({ title: localized }),
  dataset: z.strictObject({ title: localized, description: localized, keywords }),
  vocabulary: z.strictObject({ title: localized, description: localized, keywords }),
  plan: z.strictObject({ description: z.strictObject({ ja: template, en: template }), keywords }),
  /** The dcat:DatasetSeries of a plan series: {municipality} and {title} (the series' title). */
  series: z.strictObject({ description: z.strictObject({ ja: template, en: template }) }),
  dataService: z.strictObject({ title: localized, description: localized }),
  linkTargets: z.strictObject({
    estatSac: z.strictObject({ title: localized }),
    sdg: z.strictObject({ title: localized }),
  }),
  contactPoint: z.strictObject({ name: localized, email: z.email() }).optional(),
});

export type CatalogFacts = z.infer<typeof catalogFileSchema>;

/** Parses and checks data/catalog.yaml; throws InputError listing every problem with its place. */
export const parseCatalogFile = (file: string, yamlText: string): CatalogFacts => {
  const { yaml, problems } = readYaml(file, yamlText);
  if (!yaml) throw new InputError(problems);
  const parsed = catalogFileSchema.safeParse(yaml.value);
  if (parsed.success) {
    const { issued, modified } = parsed.data.catalog;
    if (modified < issued) throw new InputError([{ file, ...yaml.place(['catalog', 'modified']), path: 'catalog.modified', reason: 'modified is before issued' }]);
    return parsed.data;
  }
  throw new InputError(
    parsed.error.issues.map((issue): Problem => {
      const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
      return { file, ...yaml.place(path), path: formatPath(path), reason: issue.message };
    }),
  );
};

/** Fills a per-plan template. */
export const fillTemplate = (template: string, values: { municipality: string; title: string; coverage?: string }): string =>
  template
    .replaceAll('{municipality}', values.municipality)
    .replaceAll('{title}', values.title)
    .replaceAll('{coverage}', values.coverage ?? '');
