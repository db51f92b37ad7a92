// `npm run schema`: writes schema/*.schema.json from the zod schemas, and the operator table of
// docs/suite-format.md from src/checks/operators.ts (tests fail when either is stale).
import { readFileSync, writeFileSync } from 'node:fs';
import { withOperatorTable } from '../src/checks/operator-docs.js';
import { configSchemaFiles } from '../src/config/json-schema.js';
import { suiteSchemaFiles } from '../src/suite/json-schema.js';

for (const [name, text] of Object.entries({ ...suiteSchemaFiles(), ...configSchemaFiles() })) {
  writeFileSync(new URL(`../schema/${name}`, import.meta.url), text);
  console.log(`wrote schema/${name}`);
}

const suiteFormat = new URL('../docs/suite-format.md', import.meta.url);
writeFileSync(suiteFormat, withOperatorTable(readFileSync(suiteFormat, 'utf8')));
console.log('wrote the operator table of docs/suite-format.md');
