// The editor schemas of suite files and the requirements catalog (schema/*.schema.json).
import { editorSchema } from '../common/json-schema.js';
import { requirementsSchema, suiteSchema } from './schema.js';

/** File name (under schema/) -> JSON text. */
export function suiteSchemaFiles(): Record<string, string> {
  return {
    'suite.schema.json': editorSchema('suite.schema.json', suiteSchema),
    'requirements.schema.json': editorSchema('requirements.schema.json', requirementsSchema),
  };
}
