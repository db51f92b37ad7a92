// `fgc` entry: builds the commander program from the command modules and maps errors to exit codes.
import { Command, CommanderError } from 'commander';
import { SuiteError, SuiteErrors } from '../common/errors.js';
import type { CliCommand } from './command.js';
import { ExitCode } from './exit-codes.js';
import { igCommand } from './commands/ig.js';
import { initCommand } from './commands/init.js';
import { lintCommand } from './commands/lint.js';
import { listCommand } from './commands/list.js';
import { reportCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';
import { serveCommand } from './commands/serve.js';
import { showReportCommand } from './commands/show-report.js';
import { validateCommand } from './commands/validate.js';
import { harnessVersion } from '../common/version.js';

const commands: readonly CliCommand[] = [
  initCommand,
  runCommand,
  lintCommand,
  listCommand,
  serveCommand,
  validateCommand,
  reportCommand,
  showReportCommand,
  igCommand,
];

/** Runs the CLI and resolves to the process exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  const program = new Command('fgc')
    .description('Conformance test harness for FHIR genomics APIs')
    .version(harnessVersion(), '-V, --version')
    .option('--debug', 'print stack traces for errors')
    .exitOverride()
    .showHelpAfterError();
  for (const command of commands) command.register(program, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (err) {
    return reportError(err, Boolean(program.opts().debug));
  }
}

function reportError(err: unknown, debug: boolean): number {
  if (err instanceof CommanderError) {
    // --help and --version end through here with exit code 0.
    return err.exitCode === 0 ? ExitCode.Ok : ExitCode.BadInput;
  }
  if (err instanceof SuiteErrors) {
    for (const e of err.errors) console.error(e.format());
    console.error(`${err.errors.length} problem(s) found; nothing was sent to the server.`);
    return ExitCode.BadInput;
  }
  if (err instanceof SuiteError) {
    console.error(err.format());
    return ExitCode.BadInput;
  }
  const message = err instanceof Error ? err.message : String(err);
  console.error(`fgc: ${message}`);
  if (debug && err instanceof Error && err.stack) console.error(err.stack);
  return ExitCode.BadInput;
}
