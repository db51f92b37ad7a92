// `fgc lint [paths...] [--target spec]`: checks suites, the requirements catalog and target configs
// without touching a server; prints every problem as `file:line:col: message [CODE]`.
import { existsSync } from 'node:fs';
import type { CliCommand } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { SuiteError, SuiteErrors } from '../../common/errors.js';
import type { Suite } from '../../model/suite.js';
import type { TargetConfig } from '../../model/target.js';
import { listTargetFiles, loadTarget } from '../../config/index.js';
import { placeholderMessage } from '../../config/placeholders.js';
import { sortErrors } from '../../common/errors.js';
import { loadSuites } from '../../suite/index.js';
import type { LoadedSuites } from '../../suite/index.js';
import { didYouMean } from '../../common/suggest.js';
import { suitesFolderNoted } from '../bundled-suites.js';
import { waivedTarget } from '../../engine/index.js';

export const lintCommand: CliCommand = {
  register(program, done) {
    program
      .command('lint')
      .description('Check suites, the requirements catalog and target configs without contacting a server')
      .argument('[paths...]', 'suite files or folders (default: every suite under suites/)')
      .option(
        '--target <spec>',
        'check only this target (name, config file or URL); default: every config in config/targets/',
      )
      .action(async (paths: string[], options: { target?: string }) => {
        const cwd = process.cwd();
        const problems: SuiteError[] = [];
        const suitesRoot = suitesFolderNoted(cwd);
        // A project may lint only its configs; a suites folder is needed only when paths are not given.
        const lintSuites = paths.length > 0 || existsSync(suitesRoot);
        const loaded = lintSuites
          ? await collect(problems, () => loadSuites(paths, { suitesRoot, cwd }))
          : undefined;
        const specs = options.target !== undefined ? [options.target] : listTargetFiles(cwd);
        const targets: TargetConfig[] = [];
        for (const spec of specs) {
          const target = await collect(problems, () => loadTarget(spec, { cwd, env: process.env }));
          if (target) targets.push(target);
        }
        // Waivers can only be checked against the whole set of suites.
        if (loaded && paths.length === 0) problems.push(...unknownWaivers(targets, loaded.suites));
        // Placeholders in the config a site is about to run are mistakes; in a scan of every config (the
        // template among them) they are shown, like unset environment variables.
        const placeholders = targets.flatMap((t) =>
          t.placeholders.map((p) => new SuiteError('PLACEHOLDER', placeholderMessage(p), p.loc)),
        );
        if (options.target !== undefined) problems.push(...placeholders);
        // Lint sends nothing, so an unset variable is the environment's business, not a config mistake:
        // it is shown, but only `fgc run` refuses it.
        const unsetEnv = problems.filter((p) => p.code === 'ENV_MISSING');
        const warnings = sortErrors([
          ...unsetEnv,
          ...(options.target === undefined ? placeholders : []),
          ...(loaded?.warnings ?? []),
        ]);
        for (const warning of warnings) console.error(`warning: ${warning.format()}`);
        problems.splice(0, problems.length, ...problems.filter((p) => p.code !== 'ENV_MISSING'));
        if (problems.length > 0) {
          for (const problem of sortErrors(problems)) console.error(problem.format());
          console.error(`${problems.length} problem(s) found.`);
          done(ExitCode.BadInput);
          return;
        }
        console.log(summary(loaded, specs.length, warnings.length));
        done(ExitCode.Ok);
      });
  },
};

async function collect<T>(problems: SuiteError[], load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof SuiteErrors) problems.push(...err.errors);
    else if (err instanceof SuiteError) problems.push(err);
    else throw err;
    return undefined;
  }
}

function unknownWaivers(targets: readonly TargetConfig[], suites: readonly Suite[]): SuiteError[] {
  const ids = suites.flatMap((suite) => suite.scenarios.map((s) => s.fullId));
  const known = new Set(ids);
  return targets.flatMap((target) =>
    target.waivers
      .filter((w) => !known.has(waivedTarget(w).scenario))
      .map(
        (w) =>
          new SuiteError(
            'CONFIG',
            `waiver for unknown scenario "${w.scenario}"${didYouMean(waivedTarget(w).scenario, ids)}`,
            w.loc,
          ),
      ),
  );
}

function summary(loaded: LoadedSuites | undefined, configs: number, warnings: number): string {
  const suites = loaded?.suites ?? [];
  const scenarios = suites.reduce((n, s) => n + s.scenarios.length, 0);
  const requirements = loaded?.catalog.requirements.size ?? 0;
  const found = warnings > 0 ? `no problems found, ${warnings} warning(s) above` : 'no problems found';
  return `OK: ${suites.length} suite(s), ${scenarios} scenario(s), ${requirements} requirement(s), ${configs} target config(s); ${found}.`;
}
