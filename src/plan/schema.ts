// The shape of a curated plan file (data/plans/*.yaml), as a zod schema; the JSON Schema for editors is generated from it.
import { z } from 'zod';
import { DIRECTIONS, ELEMENT_CLASSES } from './model.ts';
import { QUDT_UNIT_NAMES } from './qudt-units.ts';

const ja = z.string().trim().min(1);
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case ASCII letters, digits and single hyphens');
/** An element id is `<kind>/<number>`, both ASCII, e.g. `goal/2`, `measure/12`, `perspective/3-1`. */
export const elementIdPattern = /^[a-z]+(-[a-z]+)*\/[0-9a-z]+(-[0-9a-z]+)*$/;

const localized = z.strictObject({ ja, en: ja });

/**
 * A value as printed, with the year it refers to: a fiscal year (84.9% in 令和元年度: fiscalYear and fiscalYearLabel) or
 * a calendar year (a census count of 令和2年, or of 令和2年10月1日現在: year and yearLabel).
 */
const indicatorValue = z
  .strictObject({
    value: z.number().describe('the number as printed, without unit'),
    printed: ja.describe('the value exactly as printed in the source, e.g. "84.9%"'),
    fiscalYear: z
      .number()
      .int()
      .min(1868)
      .max(2200)
      .optional()
      .describe('Western fiscal year (年度, April–March) the value refers to, named by the year it begins in; or give year'),
    fiscalYearLabel: ja.optional().describe('the fiscal year as printed, e.g. 令和元年度, or a date in it (令和5年3月31日現在)'),
    year: z
      .number()
      .int()
      .min(1868)
      .max(2200)
      .optional()
      .describe('Western calendar year (年, January–December) the value refers to, where the source prints a 年 or a date, not a 年度'),
    yearLabel: ja.optional().describe('the calendar year or the date as printed, e.g. 令和2年, 令和2年10月1日現在'),
  })
  .refine(
    (v) => (v.fiscalYear === undefined) === (v.fiscalYearLabel === undefined) && (v.year === undefined) === (v.yearLabel === undefined),
    'fiscalYear goes with fiscalYearLabel, and year with yearLabel',
  )
  .refine(
    (v) => (v.fiscalYear === undefined && v.fiscalYearLabel === undefined) !== (v.year === undefined && v.yearLabel === undefined),
    'give fiscalYear and fiscalYearLabel for a fiscal year (年度), or year and yearLabel for a calendar year (年) or a date: one of the two',
  )
  // The same rule for editors: JSON Schema cannot hold the refinements above.
  .meta({ oneOf: [{ required: ['fiscalYear', 'fiscalYearLabel'] }, { required: ['year', 'yearLabel'] }] });

/** The direction an indicator is meant to move in, with the words of the source that say so. */
const direction = z.strictObject({
  value: z.enum(DIRECTIONS).describe('increase, decrease or maintain'),
  text: ja.describe('the words of the source that state the direction, quoted'),
});

const period = z.strictObject({
  fromFiscalYear: z.number().int().min(1868).max(2200),
  toFiscalYear: z.number().int().min(1868).max(2200),
  text: ja.describe('the sentence of the source that states the period'),
});

/**
 * Which edition of its series a plan is: the printed edition number (第5次 → 5) or, when none is printed, the first
 * fiscal year of its period. The plan id begins with the edition key (`dai5ji-…`, `2024-…`), so editions coexist.
 */
const edition = z
  .strictObject({
    number: z.number().int().min(1).max(99).optional().describe('the edition number as printed: 第5次 → 5'),
    firstFiscalYear: z.number().int().min(1868).max(2200).optional().describe('the first fiscal year of the period, when no number is printed'),
    text: ja.optional().describe('the words of the source text that state it (quoted)'),
    evidence: z.url().optional().describe('the published page that states it, when the source text does not'),
  })
  .refine((e) => (e.number === undefined) !== (e.firstFiscalYear === undefined), 'give the edition number or the first fiscal year, not both')
  .refine((e) => e.text !== undefined || e.evidence !== undefined, 'give the quoted text or the evidence URL that supports the edition');

/** The version of the edition that the source text was taken from. */
const version = z
  .strictObject({
    status: z.enum(['draft', 'adopted', 'published']).describe('draft (案), adopted (議決・策定), or published without a stated adoption'),
    date: z.iso.date().optional().describe('adoption date for an adopted version, publication date otherwise'),
    text: ja.optional().describe('the words of the source text that state the status or date (quoted), e.g. 令和2年12月18日議決'),
    evidence: z.url().optional().describe('the published page that states it, when the source text does not'),
  })
  .refine((v) => v.text !== undefined || v.evidence !== undefined, 'give the quoted text or the evidence URL that supports the version');

const planPart = z.strictObject({
  id: slug,
  title: ja,
  titleEn: ja,
  text: ja.optional(),
  period: period.optional(),
});

export const elementSchema = z.strictObject({
  id: z.string().regex(elementIdPattern, 'an element id is <kind>/<number>, e.g. goal/2'),
  type: z.enum(ELEMENT_CLASSES),
  level: ja.describe("the plan's own name for this level, e.g. 基本目標, 方針, 施策"),
  number: ja.optional().describe('the number as printed, e.g. 2, Ⅱ, ❶, 5-①'),
  field: ja.optional().describe("the plan's own wording of the field (分野) this element covers"),
  title: ja.optional(),
  subtitle: ja.optional(),
  text: ja.optional(),
  parent: z.string().regex(elementIdPattern).optional().describe('id of the parent element; none means the plan itself'),
  themes: z.array(slug).min(1),
  continues: z.string().regex(elementIdPattern).optional().describe('id of the element of the replaced edition that this one continues'),
  occurrence: z.number().int().min(1).optional().describe('which occurrence in the source to quote, when the text repeats (default 1)'),
  unit: ja.optional().describe('the unit as printed, e.g. %'),
  qudtUnit: z
    .enum(QUDT_UNIT_NAMES, {
      error: (issue) =>
        `${typeof issue.input === 'string' ? `"${issue.input}" is not` : 'not'} one of the QUDT units this project knows (src/plan/qudt-units.ts): ${QUDT_UNIT_NAMES.join(', ')}`,
    })
    .optional()
    .describe('the QUDT unit (http://qudt.org/vocab/unit/<name>) the printed unit stands for, e.g. PERCENT'),
  definition: ja.optional().describe("the indicator's definition, quoted, where the source prints one"),
  dataSource: ja.optional().describe('the data source of the values (e.g. 市民意識調査), quoted, where the source names it'),
  direction: direction.optional().describe('the desired direction, where the source states it'),
  baseline: indicatorValue.optional(),
  target: indicatorValue.optional(),
});

export const planFileSchema = z.strictObject({
  synthetic: z
    .literal(true)
    .optional()
    .describe('marks a generated plan of a synthetic body (npm run synth); such a plan is accepted only by a synthetic build'),
  municipality: z.strictObject({
    code: z.string().regex(/^\d{6}$/, 'six-digit local government code'),
    name: localized,
  }),
  source: z
    .strictObject({
      file: z
        .string()
        .regex(
          /^[0-9]{6}-[a-z]+\.txt$/,
          'a file in data/sources/ named <code>-<letters>.txt: the six-digit code, one hyphen, then lower-case letters a–z only (no digits, hyphens or capitals), e.g. 132101-koganei.txt',
        ),
      documentTitle: ja
        .optional()
        .describe(
          'the title of the published document the text was extracted from, quoted from the source text or the seeds README; leave it out when neither prints it',
        ),
      coverage: localized.describe('what part of the published document the source text holds, in Japanese and English'),
    })
    .describe('the source text (data/sources/) and the published document it was extracted from'),
  series: z.strictObject({
    id: slug.describe('the series this plan is an edition of, e.g. choki-sogo-keikaku'),
    title: localized,
  }),
  plan: z.strictObject({
    id: slug.describe('begins with the edition key: dai<N>ji-… for a printed edition number, <first fiscal year>-… otherwise'),
    formerIds: z.array(slug).optional().describe('ids this plan was published under before; their IRIs answer 301'),
    edition,
    version,
    replaces: slug.optional().describe('id of the previous edition of the same series (a plan file of the same municipality)'),
    title: ja,
    titleEn: ja,
    text: ja.optional(),
    period: period.optional(),
    parts: z.array(planPart).optional(),
  }),
  elements: z.array(elementSchema).min(1),
});

/**
 * A draft plan file (written by `npm run extract`): the curated schema, except that elements may have no themes yet.
 * The loader reports unthemed elements and elements missing their parent as warnings when it reads a draft.
 */
export const draftPlanFileSchema = planFileSchema.extend({
  elements: z.array(elementSchema.extend({ themes: z.array(slug).min(1).optional() })).min(1),
});

export type ElementEntry = z.infer<typeof elementSchema> | z.infer<typeof draftPlanFileSchema>['elements'][number];
export type IndicatorValueEntry = z.infer<typeof indicatorValue>;
export type PeriodEntry = z.infer<typeof period>;
export type EditionEntry = z.infer<typeof edition>;
export type VersionEntry = z.infer<typeof version>;

export const themesFileSchema = z.strictObject({
  scheme: z.strictObject({ label: localized, definition: localized }),
  ssds: z.strictObject({
    label: localized,
    fields: z.array(z.strictObject({ notation: z.string().regex(/^[A-K]$/), label: localized })).min(1),
  }),
  themes: z
    .array(
      z.strictObject({
        id: slug,
        notation: z.string().regex(/^\d{2}$/),
        label: localized,
        definition: localized,
        sdg: z.strictObject({
          close: z.array(z.number().int().min(1).max(17)),
          related: z.array(z.number().int().min(1).max(17)).default([]),
        }),
        ssds: z.strictObject({
          close: z.array(z.string().regex(/^[A-K]$/)),
          related: z.array(z.string().regex(/^[A-K]$/)).default([]),
        }),
      }),
    )
    .min(1),
  sdgGoals: z.array(z.strictObject({ n: z.number().int().min(1).max(17), label: localized })).length(17),
});
