// Renders the plan and theme file schemas as JSON Schema documents for editors (YAML language servers).
import { z } from 'zod';
import { planFileSchema, themesFileSchema } from './schema.ts';

const render = (schema: z.ZodType, id: string, title: string): string =>
  JSON.stringify({ ...z.toJSONSchema(schema, { io: 'input' }), $id: id, title }, null, 2) + '\n';

/** File name under schema/ → content. */
export const jsonSchemas = (): Record<string, string> => ({
  'plan.schema.json': render(planFileSchema, 'https://w3id.org/jp-plan/schema/plan.schema.json', 'Curated comprehensive-plan file (data/plans/*.yaml)'),
  'themes.schema.json': render(themesFileSchema, 'https://w3id.org/jp-plan/schema/themes.schema.json', 'Shared theme scheme (data/themes.yaml)'),
});
