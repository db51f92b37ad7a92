// The editor schema of target configs (schema/target.schema.json).
import { editorSchema } from '../common/json-schema.js';
import { targetSchema } from './schema.js';

/** File name (under schema/) -> JSON text. */
export function configSchemaFiles(): Record<string, string> {
  return { 'target.schema.json': editorSchema('target.schema.json', targetSchema) };
}
