// `${env.NAME}` substitution in target configs (suites cannot do this). Works on the YAML nodes so a
// missing variable is reported at its position, and remembers what each value looked like before.
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import { SuiteError } from '../common/errors.js';
import type { YamlSource } from '../common/yaml-source.js';

export const ENV_REFERENCE = /^\$\{env\.([A-Za-z_][A-Za-z0-9_]*)\}$/;
const REFERENCE = /\$\{([^}]*)\}/g;

export interface Substitution {
  readonly errors: SuiteError[];
  /** Every value taken from the environment (for redaction). */
  readonly values: string[];
  /** The text of each substituted scalar as written in the file. */
  readonly written: Map<Node, string>;
  /** Scalars that read a variable which is not set (left as written). */
  readonly unset: Node[];
}

export function substituteEnv(source: YamlSource, env: NodeJS.ProcessEnv): Substitution {
  const result: Substitution = { errors: [], values: [], written: new Map(), unset: [] };
  const visit = (node: unknown): void => {
    if (isMap(node)) for (const pair of node.items) visit(pair.value);
    else if (isSeq(node)) for (const item of node.items) visit(item);
    else if (isScalar(node) && typeof node.value === 'string' && node.value.includes('${')) {
      const text = node.value;
      result.written.set(node, text);
      node.value = text.replace(REFERENCE, (whole, body: string, offset: number) => {
        const loc = source.locInScalar(node, 1, offset + 1);
        const name = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(body.trim())?.[1];
        if (!name) {
          result.errors.push(
            new SuiteError(
              'CONFIG',
              `"${whole}" is not allowed: a config can only read environment variables, written \${env.NAME}`,
              loc,
            ),
          );
          return whole;
        }
        const value = env[name];
        if (value === undefined) {
          result.errors.push(
            new SuiteError(
              'ENV_MISSING',
              `environment variable ${name} is not set (this config reads it as \${env.${name}})`,
              loc,
            ),
          );
          result.unset.push(node);
          return whole;
        }
        if (value !== '') result.values.push(value);
        return value;
      });
    }
  };
  visit(source.doc.contents);
  return result;
}
