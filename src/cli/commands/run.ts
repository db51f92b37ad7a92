// `fgc run`: runs suites against a target and writes the reports. Exit codes: src/results/policy.ts.
import { Option } from 'commander';
import { resolve } from 'node:path';
import type { CliCommand } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { UsageError } from '../../common/errors.js';
import { executeRun } from '../../runner/run.js';
import { TargetUnreachable } from '../../runner/preflight.js';
import { printRunSummary } from '../print-summary.js';
import { CONSOLE_REPORTERS, consoleReporter } from '../../reporters/registry.js';
import { suitesFolderNoted } from '../bundled-suites.js';
import { parseShard } from '../../runner/shard.js';
import { parseRateLimit } from '../../http/rate-limit.js';
import { writeRunReports } from '../../reporters/run-reports.js';
import type { RunOutcome } from '../../runner/run.js';
import { displayPath } from '../../common/display-path.js';
import { onInterrupt } from '../interrupt.js';
import { ensureOutputFolder } from '../output-folder.js';

interface RunFlags {
  target: string;
  grep?: string;
  tag: string[];
  excludeTag: string[];
  concurrency: string;
  retries: string;
  timeout?: string;
  bail: boolean;
  strict: boolean;
  allowIncomplete: boolean;
  reports: string;
  report: boolean;
  allure: boolean;
  fault: string[];
  shard?: string;
  rateLimit?: string;
  reporter: string;
  verbose: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export const runCommand: CliCommand = {
  register(program, done) {
    program
      .command('run')
      .description('Run suites against a FHIR server and write reports')
      .argument('[suites...]', 'suite files or folders (default: every suite under suites/)')
      .option(
        '-t, --target <target>',
        'a target name (config/targets/<name>.yaml), a config file or a base URL',
        'reference',
      )
      .option('-g, --grep <regex>', 'only scenarios whose id or title matches')
      .option('--tag <tag>', 'only scenarios with this tag (repeatable)', collect, [])
      .option('--exclude-tag <tag>', 'leave out scenarios with this tag (repeatable)', collect, [])
      .option('-c, --concurrency <n>', 'scenarios run at the same time', '4')
      .option(
        '--retries <n>',
        'retry a failing scenario up to n times (a pass on retry is reported as flaky)',
        '0',
      )
      .option(
        '--timeout <ms>',
        'per-request timeout in milliseconds (default: the target config, else 30000)',
      )
      .option('--bail', 'stop after the first failing scenario', false)
      .option('--strict', 'SHOULD failures count as failures for the exit code', false)
      .option(
        '--allow-incomplete',
        'exit 0 for an Incomplete verdict (no SHALL failure, but requirements left untested); see docs/ci.md',
        false,
      )
      .option(
        '--shard <i/n>',
        'run only the i-th of n deterministic parts of the suites (for parallel CI machines)',
      )
      .option('--rate-limit <n/s>', 'at most n requests a second across the whole run, e.g. 10/s')
      .option('--reports <dir>', 'where reports are written', 'reports')
      .addOption(
        new Option(
          '--reporter <name>',
          `console output: ${CONSOLE_REPORTERS.map((r) => r.description).join(', ')}`,
        )
          .choices(CONSOLE_REPORTERS.map((r) => r.name))
          .default('spec'),
      )
      .option(
        '--verbose',
        'list every skipped scenario, and every request with its status, size and time',
        false,
      )
      .option(
        '--no-report',
        'skip the Allure HTML and conformance reports (JUnit and JSON are always written)',
      )
      .option('--no-allure', 'skip only the Allure HTML (it needs Java and takes seconds)')
      .addOption(
        new Option('--fault <id>', 'inject a fault into the embedded reference server (repeatable)')
          .argParser(collect)
          .default([]),
      )
      .action(async (suites: string[], flags: RunFlags) => {
        const cwd = process.cwd();
        suitesFolderNoted(cwd); // the runner finds the same folder
        ensureOutputFolder(resolve(cwd, flags.reports), '--reports', flags.reports);
        const interrupt = onInterrupt();
        const reporter = consoleReporter(flags.reporter);
        // With a machine format on stdout (json, tap), fgc's own lines go to stderr.
        const say = (line: string) => (reporter.machine ? console.error(line) : console.log(line));
        try {
          const outcome = await executeRun({
            cwd,
            suitePaths: suites.map((s) => resolve(cwd, s)),
            targetSpec: flags.target,
            reportsDir: resolve(cwd, flags.reports),
            concurrency: positiveInt(flags.concurrency, '--concurrency'),
            retries: nonNegativeInt(flags.retries, '--retries'),
            ...(flags.timeout !== undefined ? { timeoutMs: positiveInt(flags.timeout, '--timeout') } : {}),
            strict: flags.strict,
            allowIncomplete: flags.allowIncomplete,
            bail: flags.bail,
            selection: {
              ...(flags.grep ? { grep: toRegExp(flags.grep) } : {}),
              tags: flags.tag,
              excludeTags: flags.excludeTag,
            },
            faults: flags.fault,
            ...(flags.shard ? { shard: parseShard(flags.shard) } : {}),
            ...(flags.rateLimit ? { rateLimitPerSecond: parseRateLimit(flags.rateLimit) } : {}),
            console: { reporter, verbose: flags.verbose },
            env: process.env,
            stop: interrupt.stop,
            cancel: interrupt.cancel,
          });
          if (flags.report && reporter.name !== 'quiet')
            say(
              `\nBuilding reports in ${displayPath(cwd)(outcome.reportsDir)}: conformance report, TestReports, ` +
                (flags.allure ? 'Allure HTML (needs Java; about 10 s) ' : '') +
                'and the evidence bundle… (--no-report skips this)',
            );
          const reports = flags.report
            ? await writeReportsSafely(outcome, { interrupted: interrupt.stop.aborted, allure: flags.allure })
            : { written: [], warnings: [] };
          const files = [...outcome.files, ...reports.written];
          if (reporter.end) console.log(reporter.end(outcome.run, files));
          printRunSummary(outcome.run, files, reports.warnings, {
            out: say,
            quiet: reporter.brief,
            inputGaps: outcome.inputGaps,
          });
          done(outcome.run.exitCode);
        } catch (err) {
          if (err instanceof TargetUnreachable) {
            console.error(`fgc: ${err.message}`);
            console.error('Nothing was tested. Check the base URL, the network and the credentials.');
            done(ExitCode.Unreachable);
            return;
          }
          throw err;
        } finally {
          interrupt.dispose();
        }
      });
  },
};

/**
 * The conformance report, TestReports, Allure HTML and evidence bundle. A failure here never changes the
 * verdict. After a Ctrl-C or SIGTERM, Allure HTML (a Java process taking seconds) is left for later, so the
 * rest is written before a CI system's kill follows its signal.
 */
async function writeReportsSafely(
  outcome: RunOutcome,
  { interrupted, allure }: { interrupted: boolean; allure: boolean },
): Promise<{ written: string[]; warnings: string[] }> {
  try {
    const reports = await writeRunReports(outcome.run, outcome.reportsDir, {
      allure: allure && !interrupted,
      secrets: outcome.secrets,
      redact: outcome.redact,
    });
    if (!interrupted || !allure) return reports;
    const later =
      'Allure HTML was not built because the run was interrupted; build it with ' +
      `\`fgc report --results ${displayPath(process.cwd())(outcome.reportsDir)}\``;
    return { ...reports, warnings: [...reports.warnings, later] };
  } catch (err) {
    return { written: [], warnings: [`Some reports could not be written: ${(err as Error).message}`] };
  }
}

function positiveInt(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${flag} must be a whole number of 1 or more, not "${text}"`);
  return n;
}

function nonNegativeInt(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`${flag} must be a whole number of 0 or more, not "${text}"`);
  return n;
}

function toRegExp(text: string): RegExp {
  try {
    return new RegExp(text);
  } catch (err) {
    throw new UsageError(`--grep "${text}" is not a valid regular expression: ${(err as Error).message}`);
  }
}
