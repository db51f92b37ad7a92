// `npm run schema`: writes every generated file: schema/*.schema.json from the zod schemas, the operator table
// of docs/suite-format.md from src/checks/operators.ts and the fault table of docs/reference-server.md from
// src/server/faults.ts (tests fail when any is stale).
import { readFileSync, writeFileSync } from 'node:fs';
import { withOperatorTable } from '../src/checks/operator-docs.js';
import { configSchemaFiles } from '../src/config/json-schema.js';
import { withFaultTable } from '../src/server/fault-docs.js';
import { suiteSchemaFiles } from '../src/suite/json-schema.js';

for (const [name, text] of Object.entries({ ...suiteSchemaFiles(), ...configSchemaFiles() })) {
  writeFileSync(new URL(`../schema/${name}`, import.meta.url), text);
  console.log(`wrote schema/${name}`);
}

const tables = [
  ['suite-format.md', withOperatorTable, 'operator'],
  ['reference-server.md', withFaultTable, 'fault'],
] as const;
for (const [page, rewrite, what] of tables) {
  const file = new URL(`../docs/${page}`, import.meta.url);
  writeFileSync(file, rewrite(readFileSync(file, 'utf8')));
  console.log(`wrote the ${what} table of docs/${page}`);
}
