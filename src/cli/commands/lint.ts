// `fgc lint [paths...] [--target spec]`: checks suites, the requirements catalog and target configs
// without touching a server; prints every problem as `file:line:col: message [CODE]`.
import { existsSync } from 'node:fs';
import type { CliCommand } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { SuiteError, SuiteErrors } from '../../common/errors.js';
import type { Suite } from '../../model/suite.js';
import type { TargetConfig } from '../../model/target.js';
import { listTargetFiles } from '../../config/index.js';
import { placeholderMessage } from '../../config/placeholders.js';
import { sortErrors } from '../../common/errors.js';
import { loadSuites } from '../../suite/index.js';
import type { LoadedSuites } from '../../suite/index.js';
import { didYouMean } from '../../common/suggest.js';
import { suitesFolderNoted } from '../bundled-suites.js';
import { readTargetOffline, type OfflineTarget } from '../target-offline.js';
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
        const read: OfflineTarget[] = [];
        for (const spec of specs) {
          const config = await collect(problems, () => readTargetOffline(spec, cwd));
          if (config) read.push(config);
        }
        const targets = read.map((r) => r.target);
        // Waivers can only be checked against the whole set of suites.
        if (loaded && paths.length === 0) problems.push(...unknownWaivers(targets, loaded.suites));
        const placeholders = (t: TargetConfig) =>
          t.placeholders.map((p) => new SuiteError('PLACEHOLDER', placeholderMessage(p), p.loc));
        // The config a site is about to run: its placeholders are mistakes, and each unset variable is shown
        // (lint sends nothing, so only `fgc run` refuses it). In a scan of every config, the template among
        // them, a config not ready to run is one note, not a warning per line.
        const targeted = options.target !== undefined;
        if (targeted) problems.push(...targets.flatMap(placeholders));
        const warnings = sortErrors([
          ...(targeted ? read.flatMap((r) => r.unsetEnv) : []),
          ...(loaded?.warnings ?? []),
        ]);
        for (const warning of warnings) console.error(`warning: ${warning.format()}`);
        if (!targeted) for (const note of notReadyNotes(read)) console.error(`note: ${note}`);
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

/** One line per config that cannot run as it stands: its unset variables and leftover placeholders. */
function notReadyNotes(configs: readonly OfflineTarget[]): string[] {
  return configs.flatMap(({ target, unsetNames }) => {
    const missing = [
      ...(unsetNames.length
        ? [`${unsetNames.length} environment variable(s) not set (${unsetNames.join(', ')})`]
        : []),
      ...(target.placeholders.length ? [`${target.placeholders.length} input(s) still REPLACE-ME`] : []),
    ];
    if (missing.length === 0) return [];
    return [
      `${target.file ?? target.name} is not ready to run: ${missing.join(', ')}; ` +
        `\`fgc lint --target ${target.file ?? target.name}\` lists each`,
    ];
  });
}

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
