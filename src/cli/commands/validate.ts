// `fgc validate <files…> [--profile url] [--json]`: validates resources or Bundles against IG profiles.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CliCommand } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { DEFAULT_PACKAGES } from '../../model/validation.js';
import type { FileOutcome } from '../../validation/files.js';
import type { GenomicsValidator } from '../../validation/index.js';

// One validator per package list and process: loading R4 core and the IG takes a second or two.
const validators = new Map<string, Promise<GenomicsValidator>>();

/** `--ig` values: `id#version` from the package cache, or a package folder on disk. */
function validatorFor(igs: readonly string[]): Promise<GenomicsValidator> {
  const key = igs.join(' ');
  let validator = validators.get(key);
  if (!validator) {
    const packageDirs = igs
      .filter((ig) => existsSync(ig))
      .map((dir) => (existsSync(join(dir, 'package', 'package.json')) ? join(dir, 'package') : dir));
    const packages = igs.filter((ig) => !existsSync(ig));
    // The validator is loaded only for this command, so other commands start faster.
    validator = import('../../validation/index.js').then(({ createValidator }) =>
      createValidator({ packages, packageDirs }),
    );
    validators.set(key, validator);
  }
  return validator;
}

interface ValidateOptions {
  profile?: string;
  json?: boolean;
  ig?: string[];
}

export const validateCommand: CliCommand = {
  register(program, done) {
    program
      .command('validate')
      .argument('<files...>', 'JSON files holding a resource or a Bundle')
      .description(
        'Validate FHIR resources against IG profiles (meta.profile, or --profile). Bundle entries are validated ' +
          'against their own meta.profile. Exit 0 when valid, 1 when errors were found, 2 for unusable input.',
      )
      .option('--profile <url>', 'profile canonical URL to validate against instead of meta.profile')
      .option('--json', 'print an OperationOutcome (a Bundle of them for several files) instead of text')
      .option(
        '--ig <package...>',
        `IG packages to load: id#version or a package folder (default ${DEFAULT_PACKAGES.join(', ')})`,
      )
      .action(async (files: string[], options: ValidateOptions) => {
        const validator = await validatorFor(options.ig ?? DEFAULT_PACKAGES);
        const { countErrors, formatText, toOperationOutcome, validateFile, ValidationInputError } =
          await import('../../validation/files.js');
        const outcomes: FileOutcome[] = [];
        for (const file of files) {
          try {
            outcomes.push(await validateFile(validator, file, options.profile));
          } catch (err) {
            if (!(err instanceof ValidationInputError)) throw err;
            console.error(`fgc validate: ${err.message}`);
            done(ExitCode.BadInput);
            return;
          }
        }
        console.log(
          options.json ? JSON.stringify(toOperationOutcome(outcomes), null, 2) : formatText(outcomes),
        );
        done(countErrors(outcomes) > 0 ? ExitCode.Failures : ExitCode.Ok);
      });
  },
};
