// Inputs fgc fills in from the target config itself, for suites that check the config against the server
// (the capability-statement suite checks that every operation the config declares is claimed). A config
// may not set them in `inputs:`.
import type { OperationEndpoint } from '../model/target.js';

/** The name of each such input and what fills it. */
export const CONFIG_INPUTS: Readonly<Record<string, string>> = {
  configuredOperations: 'the operation codes of the operations: map',
};

/**
 * The values of the config-filled inputs. With no operations declared, `configuredOperations` is null: the
 * config says the site serves none here, so the scenarios about them are out of scope, not untested.
 */
export function configInputs(
  operations: Readonly<Record<string, OperationEndpoint>>,
): Record<string, unknown> {
  const codes = Object.keys(operations);
  return { configuredOperations: codes.length ? codes : null };
}
