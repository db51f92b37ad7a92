// JSON Schemas for editors (yaml-language-server), generated from the zod schemas the loaders use, so
// completion and hints can never drift from what `fgc lint` accepts.
import * as z from 'zod';

const SCHEMA_BASE = 'https://fgc.example.org/schema/';

/** The JSON text of schema/<fileName>, from a zod schema. */
export function editorSchema(fileName: string, schema: z.ZodType): string {
  const json = {
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }),
    $id: `${SCHEMA_BASE}${fileName}`,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
