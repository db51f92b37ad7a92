// `npm run schema`: writes every part of the repository that is generated from another, so none can drift
// (tests fail when one is stale): schema/*.schema.json from the zod schemas, the operator table of
// docs/suite-format.md from src/checks/operators.ts, the fault table of docs/reference-server.md from
// src/server/faults.ts, the requirement count that suites/requirements.yaml and docs/suites.md state, and the
// inputs of the suites that the site template config/targets/example-site.yaml still lacks.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { withOperatorTable } from '../src/checks/operator-docs.js';
import { CONFIG_INPUTS } from '../src/config/config-inputs.js';
import { configSchemaFiles } from '../src/config/json-schema.js';
import { withDeclaredInputs, type DeclaredInput } from '../src/config/template-inputs.js';
import { withFaultTable } from '../src/server/fault-docs.js';
import { findSuiteFiles } from '../src/suite/discover.js';
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

// Every input a bundled suite declares (the first declaration's description), but those fgc fills in itself.
const declared = new Map<string, DeclaredInput>();
for (const { path } of findSuiteFiles([], at('suites').pathname, at('.').pathname)) {
  const doc = parse(readFileSync(path, 'utf8')) as {
    inputs?: Record<string, { description?: string; type?: string }>;
  };
  for (const [name, input] of Object.entries(doc.inputs ?? {}))
    if (!declared.has(name) && !(name in CONFIG_INPUTS))
      declared.set(name, { name, description: input.description ?? '', list: input.type === 'list' });
}
rewrite(
  'config/targets/example-site.yaml',
  (t) => {
    const present = new Set(Object.keys((parse(t) as { inputs?: object }).inputs ?? {}));
    return withDeclaredInputs(t, [...declared.values()], present);
  },
  'the inputs the suites declare',
);
