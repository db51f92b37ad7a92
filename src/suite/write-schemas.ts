// `npm run schema`: writes schema/*.schema.json from the zod schemas and the operator table of
// docs/suite-format.md from src/checks/operators.ts (tests fail when either is stale).
import { readFileSync, writeFileSync } from 'node:fs';
import { withOperatorTable } from '../checks/operator-docs.js';
import { schemaFiles } from './json-schema.js';

for (const [name, text] of Object.entries(schemaFiles())) {
  const path = new URL(`../../schema/${name}`, import.meta.url);
  writeFileSync(path, text);
  console.log(`wrote schema/${name}`);
}

const suiteFormat = new URL('../../docs/suite-format.md', import.meta.url);
writeFileSync(suiteFormat, withOperatorTable(readFileSync(suiteFormat, 'utf8')));
console.log('wrote the operator table of docs/suite-format.md');
