// `npm run schema`: regenerates schema/*.json from the zod schemas (tests fail when they drift).
import { mkdirSync, writeFileSync } from 'node:fs';
import { jsonSchemas } from '../src/plan/json-schema.ts';

mkdirSync('schema', { recursive: true });
for (const [name, content] of Object.entries(jsonSchemas())) {
  writeFileSync(`schema/${name}`, content);
  console.log(`wrote schema/${name}`);
}
