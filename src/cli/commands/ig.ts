// `fgc ig install <package#version>`: fetches a FHIR package into the standard package cache.
import type { CliCommand } from '../command.js';
import { parsePackageRef } from '../../packages/cache.js';
import { ensurePackage } from '../../packages/install.js';
import { ExitCode } from '../exit-codes.js';

export const igCommand: CliCommand = {
  register(program, done) {
    const ig = program
      .command('ig')
      .description('Manage FHIR IG packages in the package cache (~/.fhir/packages)');
    ig.command('install')
      .argument('<package>', 'package id and version, e.g. hl7.fhir.uv.genomics-reporting#3.0.0')
      .description('Fetch a package into the cache (a cached package is not fetched again)')
      .action(async (pkg: string) => {
        const dir = await ensurePackage(parsePackageRef(pkg));
        console.log(`${pkg} is in ${dir}`);
        done(ExitCode.Ok);
      });
  },
};
