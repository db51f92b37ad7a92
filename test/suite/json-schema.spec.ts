// schema/*.schema.json are generated from the zod schemas; this fails when someone forgets `npm run schema`.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { configSchemaFiles } from '../../src/config/json-schema.js';
import { suiteSchemaFiles } from '../../src/suite/json-schema.js';

const schemaFiles = () => ({ ...suiteSchemaFiles(), ...configSchemaFiles() });

describe('JSON Schemas for editors', () => {
  for (const [name, generated] of Object.entries(schemaFiles())) {
    it(`schema/${name} matches the zod schema (run \`npm run schema\` after changing it)`, () => {
      const committed = readFileSync(new URL(`../../schema/${name}`, import.meta.url), 'utf8');
      expect(committed === generated, `schema/${name} is stale: run npm run schema`).to.equal(true);
    });
  }

  it('documents keys and forbids unknown ones', () => {
    const suite = JSON.parse(schemaFiles()['suite.schema.json']!) as {
      additionalProperties: boolean;
      properties: Record<string, { description?: string }>;
      definitions: Record<string, { properties: Record<string, { description?: string }> }>;
    };
    expect(suite.additionalProperties).to.equal(false);
    expect(suite.properties.inputs!.description).to.equal(
      'What the site must supply, declared and documented.',
    );
    expect(Object.keys(suite.definitions.FhirpathCheck!.properties)).to.include.members([
      'that',
      'equals',
      'matches',
      'count',
    ]);
    expect(suite.definitions.Request!.properties.maxPages!.description).to.include('fgc extension');
  });
});
