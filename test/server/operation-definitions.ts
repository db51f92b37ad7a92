// Checks an operation's output against the package's OperationDefinition: names, value types and
// cardinalities of every parameter and part. Returns the problems found (empty when it conforms).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OperationDefinitionParameter, Parameters, ParametersParameter } from '@medplum/fhirtypes';
import { cachedPackageDir, parsePackageRef } from '../../src/packages/cache.js';

export function packageDir(): string {
  const dir = cachedPackageDir(parsePackageRef('hl7.fhir.uv.genomics-reporting#3.0.0'));
  if (!dir)
    throw new Error(
      'hl7.fhir.uv.genomics-reporting#3.0.0 is not in the FHIR package cache (run npm run setup)',
    );
  return dir;
}

export function readPackageJson<T = unknown>(file: string): T {
  return JSON.parse(readFileSync(join(packageDir(), file), 'utf8')) as T;
}

const VALUE_KEY: Readonly<Record<string, string>> = {
  string: 'valueString',
  boolean: 'valueBoolean',
  Quantity: 'valueQuantity',
  dateTime: 'valueDateTime',
  CodeableConcept: 'valueCodeableConcept',
};

function check(
  defs: readonly OperationDefinitionParameter[],
  actual: readonly ParametersParameter[],
  path: string,
  problems: string[],
): void {
  for (const p of actual)
    if (!defs.some((d) => d.name === p.name)) problems.push(`${path}${p.name}: not declared`);
  for (const def of defs) {
    const found = actual.filter((p) => p.name === def.name);
    if (found.length < (def.min ?? 0)) problems.push(`${path}${def.name}: ${found.length} < min ${def.min}`);
    if (def.max !== '*' && found.length > Number(def.max))
      problems.push(`${path}${def.name}: ${found.length} > max ${def.max}`);
    for (const p of found) {
      if (def.part) check(def.part, p.part ?? [], `${path}${def.name}.`, problems);
      else if (def.type === 'Observation') {
        if (p.resource?.resourceType !== 'Observation')
          problems.push(`${path}${def.name}: not an Observation resource`);
      } else if (def.type && VALUE_KEY[def.type] && !(VALUE_KEY[def.type]! in p))
        problems.push(`${path}${def.name}: expected ${VALUE_KEY[def.type]}, got ${Object.keys(p).join(',')}`);
    }
  }
}

export function outputProblems(operation: string, output: Parameters): string[] {
  const od = readPackageJson<{ parameter: OperationDefinitionParameter[] }>(
    `OperationDefinition-${operation}.json`,
  );
  const outs = od.parameter.filter((p) => p.use === 'out');
  const problems: string[] = [];
  check(outs, output.parameter ?? [], '', problems);
  return problems;
}
