// The JSON Schemas editors use (schema/*.json) are the ones the zod schemas generate, and they accept the real plan files.
import { readFileSync, readdirSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../src/plan/json-schema.ts';

describe('schema/', () => {
  it('matches what `npm run schema` generates', () => {
    for (const [name, content] of Object.entries(jsonSchemas())) expect(readFileSync(`schema/${name}`, 'utf8')).toBe(content);
  });

  it('requires what the loader requires and refuses unknown fields', () => {
    const plan = JSON.parse(readFileSync('schema/plan.schema.json', 'utf8')) as {
      required: string[];
      additionalProperties: boolean;
      properties: { elements: { items: { required: string[]; additionalProperties: boolean } } };
    };
    expect(plan.required).toEqual(['municipality', 'source', 'series', 'plan', 'elements']);
    expect(plan.additionalProperties).toBe(false);
    expect(plan.properties.elements.items.required).toEqual(['id', 'type', 'level', 'themes']);
    expect(plan.properties.elements.items.additionalProperties).toBe(false);
    // Every plan file points editors at the schema.
    for (const f of readdirSync('data/plans').filter((n) => n.endsWith('.yaml')))
      expect(readFileSync(`data/plans/${f}`, 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/plan.schema.json');
  });

  it('validates every real plan file and the theme file with a JSON Schema validator (ajv)', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const plan = ajv.compile(JSON.parse(readFileSync('schema/plan.schema.json', 'utf8')) as object);
    for (const f of readdirSync('data/plans').filter((n) => n.endsWith('.yaml'))) {
      const ok = plan(parse(readFileSync(`data/plans/${f}`, 'utf8')));
      expect(ok ? [] : plan.errors, f).toEqual([]);
    }
    // A real plan file with one unknown field, at the top and in an element, is refused.
    const real = parse(readFileSync('data/plans/132292-nishitokyo.yaml', 'utf8')) as { elements: Record<string, unknown>[] };
    expect(plan({ ...real, colour: 'red' })).toBe(false);
    expect(plan({ ...real, elements: [{ ...real.elements[0], colour: 'red' }] })).toBe(false);
    // A value names its year as a fiscal year or as a calendar year: one pair, whole, and not both.
    const withValue = readdirSync('data/plans')
      .map((f) => parse(readFileSync(`data/plans/${f}`, 'utf8')) as { elements: Record<string, unknown>[] })
      .find((p) => p.elements.some((e) => e['baseline']))!;
    const at = withValue.elements.findIndex((e) => e['baseline']);
    const { fiscalYear, fiscalYearLabel, ...bare } = withValue.elements[at]!['baseline'] as Record<string, unknown>;
    const valued = (baseline: Record<string, unknown>) => plan({ ...withValue, elements: withValue.elements.map((e, i) => (i === at ? { ...e, baseline } : e)) });
    expect(valued({ ...bare, fiscalYear, fiscalYearLabel })).toBe(true);
    expect(valued({ ...bare, year: fiscalYear, yearLabel: '令和2年' })).toBe(true);
    expect(valued(bare)).toBe(false);
    expect(valued({ ...bare, fiscalYear, fiscalYearLabel, year: fiscalYear, yearLabel: '令和2年' })).toBe(false);
    expect(valued({ ...bare, fiscalYear, yearLabel: '令和2年' })).toBe(false);
    const themes = ajv.compile(JSON.parse(readFileSync('schema/themes.schema.json', 'utf8')) as object);
    expect(themes(parse(readFileSync('data/themes.yaml', 'utf8')))).toBe(true);
  });
});
