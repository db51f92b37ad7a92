// `fgc ig install <package#version | file.tgz | folder>`: fetches a FHIR package and its dependencies into
// the standard package cache (~/.fhir/packages).
import type { CliCommand } from '../command.js';
import { ExitCode } from '../exit-codes.js';

export const igCommand: CliCommand = {
  register(program, done) {
    const ig = program
      .command('ig')
      .description('Manage FHIR IG packages in the package cache (~/.fhir/packages, or $FHIR_PACKAGE_CACHE)');
    ig.command('install')
      .argument(
        '<package>',
        'id#version (e.g. hl7.fhir.uv.genomics-reporting#3.0.0), a package .tgz, or a package folder',
      )
      .option(
        '--registry <url>',
        'FHIR package registry to try first ("off" to skip it); default $FHIR_PACKAGE_REGISTRY or https://packages.fhir.org',
      )
      .option('--registry-timeout <ms>', 'how long to wait for the FHIR package registry', '15000')
      .description(
        'Fetch a package (FHIR package registry first, then the npm registry through your npm configuration) and ' +
          'the dependencies that can be had. Cached packages are not fetched again.',
      )
      .action(async (pkg: string, options: { registry?: string; registryTimeout: string }) => {
        // Loaded here, not at start-up: the tar and registry code is only needed by this command.
        const { installWithDependencies } = await import('../../packages/dependencies.js');
        const { PackageInstallError } = await import('../../packages/install.js');
        try {
          const report = await installWithDependencies(pkg, {
            ...(options.registry ? { registry: options.registry } : {}),
            registryTimeoutMs: Number(options.registryTimeout),
          });
          for (const p of report.installed)
            console.log(
              `${p.ref.id}#${p.ref.version}: ${p.source === 'cache' ? 'already cached' : `installed from ${p.source}`} (${p.dir})`,
            );
          for (const p of report.unavailable)
            console.log(
              `${p.ref.id}#${p.ref.version}: not available (${p.reason})${p.fallback ? `; ${p.fallback}` : ''}`,
            );
          done(ExitCode.Ok);
        } catch (err) {
          if (!(err instanceof PackageInstallError)) throw err;
          console.error(`fgc ig install: ${err.message}`);
          done(ExitCode.BadInput);
        }
      });
  },
};
