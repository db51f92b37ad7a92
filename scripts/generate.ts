// `npm run schema`: writes every part of the repository that is generated from another, so none can drift
// (tests fail when one is stale): schema/*.schema.json from the zod schemas, the operator table of
// docs/suite-format.md from src/checks/operators.ts, the fault table of docs/reference-server.md from
// src/server/faults.ts, and the requirement count that suites/requirements.yaml and docs/suites.md state.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { withOperatorTable } from '../src/checks/operator-docs.js';
import { configSchemaFiles } from '../src/config/json-schema.js';
import { withFaultTable } from '../src/server/fault-docs.js';
import { suiteSchemaFiles } from '../src/suite/json-schema.js';

const at = (path: string) => new URL(`../${path}`, import.meta.url);
const rewrite = (path: string, change: (text: string) => string, what: string) => {
  writeFileSync(at(path), change(readFileSync(at(path), 'utf8')));
  console.log(`wrote ${what} of ${path}`);
};

for (const [name, text] of Object.entries({ ...suiteSchemaFiles(), ...configSchemaFiles() })) {
  writeFileSync(at(`schema/${name}`), text);
  console.log(`wrote schema/${name}`);
}
rewrite('docs/suite-format.md', withOperatorTable, 'the operator table');
rewrite('docs/reference-server.md', withFaultTable, 'the fault table');

const catalog = parse(readFileSync(at('suites/requirements.yaml'), 'utf8')) as { requirements: unknown[] };
const count = catalog.requirements.length;
rewrite(
  'suites/requirements.yaml',
  (t) => t.replace(/^# \d+ requirements\.$/m, `# ${count} requirements.`),
  'the count',
);
rewrite(
  'docs/suites.md',
  (t) => t.replace(/holds \d+ requirements/, `holds ${count} requirements`),
  'the count',
);
