// JSON Schemas for editors (yaml-language-server), generated from the zod schemas the loaders use,
// so completion and hints can never drift from what `fgc lint` accepts.
import { z } from 'zod';
import { targetSchema } from '../config/schema.js';
import { requirementsSchema, suiteSchema } from './schema.js';

const SCHEMA_BASE = 'https://fgc.example.org/schema/';

/** File name (under schema/) -> JSON text. */
export function schemaFiles(): Record<string, string> {
  const files: Record<string, z.ZodType> = {
    'suite.schema.json': suiteSchema,
    'requirements.schema.json': requirementsSchema,
    'target.schema.json': targetSchema,
  };
  return Object.fromEntries(
    Object.entries(files).map(([name, schema]) => {
      const json = {
        ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }),
        $id: `${SCHEMA_BASE}${name}`,
      };
      return [name, `${JSON.stringify(json, null, 2)}\n`];
    }),
  );
}
