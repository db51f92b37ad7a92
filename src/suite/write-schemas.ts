// `npm run schema`: writes schema/*.schema.json from the zod schemas (a test fails when they are stale).
import { writeFileSync } from 'node:fs';
import { schemaFiles } from './json-schema.js';

for (const [name, text] of Object.entries(schemaFiles())) {
  const path = new URL(`../../schema/${name}`, import.meta.url);
  writeFileSync(path, text);
  console.log(`wrote schema/${name}`);
}
