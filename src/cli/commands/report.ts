// `fgc report`: builds the reports of a finished run from its results directory; also verifies an
// evidence bundle, compares sites (--matrix) and compares two runs of one site (--diff).
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Option } from 'commander';
import type { CliCommand } from '../command.js';
import { displayPath } from '../../common/display-path.js';
import { ExitCode } from '../exit-codes.js';
import { ensureOutputFolder } from '../output-folder.js';
import { UsageError } from '../../common/errors.js';
import { renderDiffMarkdown, diffRuns } from '../../reporters/diff.js';
import { verifyEvidenceBundle } from '../../reporters/evidence.js';
import { renderMatrixHtml } from '../../reporters/matrix.js';
import { readRunResult } from '../../results/io.js';
import { writeResultFiles, writeRunReports } from '../../reporters/run-reports.js';
import { mergeRunResults } from '../../results/merge.js';
import type { RunResult } from '../../results/model.js';
import { DIFF_FILE, MATRIX_FILE } from '../../results/report-files.js';
import { formatTotals } from '../../results/totals.js';
import { showReports } from '../report-server.js';

interface ReportOptions {
  results: string;
  out?: string;
  verify?: string[];
  matrix?: string[];
  diff?: string[];
  merge?: string[];
  allure: boolean;
  open?: boolean;
}

/** Paths under the working directory are shown relative to it, others in full. */
const show = (file: string) => displayPath(process.cwd())(resolve(file));

/**
 * Everything from results.json: results.json, summary.json and junit.xml, the Allure results (replayed
 * through the same mocha bridge as a live run), then the conformance report, TestReports, Allure HTML and
 * the evidence bundle.
 */
async function writeEverything(run: RunResult, out: string, options: ReportOptions): Promise<string[]> {
  // Each folder's results were redacted when the run wrote them.
  const written = await writeResultFiles(run, out);
  const reports = await writeRunReports(run, out, { allure: options.allure });
  for (const file of [...written, ...reports.written]) console.log(`wrote ${show(file)}`);
  return reports.warnings;
}

async function buildReports(options: ReportOptions): Promise<number> {
  const run = await readRunResult(options.results);
  const warnings = await writeEverything(run, resolve(options.out ?? options.results), options);
  for (const warning of warnings) console.error(`warning: ${warning}`);
  return ExitCode.Ok;
}

/** Each bundle in turn; exit 1 when any of them differs from its manifest. */
async function verifyAll(bundles: readonly string[]): Promise<number> {
  let exit: number = ExitCode.Ok;
  for (const [i, bundle] of bundles.entries()) {
    if (i > 0) console.log('');
    if ((await verify(bundle)) !== ExitCode.Ok) exit = ExitCode.Failures;
  }
  return exit;
}

async function verify(bundle: string): Promise<number> {
  const result = await verifyEvidenceBundle(bundle);
  const m = result.manifest;
  console.log(
    `Evidence bundle ${show(bundle)}: site ${m.site} (${m.baseUrl}), run ${m.runStartedAt}, ${m.harness}`,
  );
  console.log(`manifest.json sha256 ${result.manifestSha256}`);
  if (result.ok) {
    console.log(`OK: all ${m.files.length} files match the manifest.`);
    return ExitCode.Ok;
  }
  for (const p of result.problems) console.log(`${p.problem.toUpperCase()}: ${p.path}`);
  console.log(
    `${result.problems.length} file(s) differ from the manifest: the bundle is not as it was written.`,
  );
  return ExitCode.Failures;
}

async function matrix(dirs: readonly string[], out: string): Promise<number> {
  const runs = await Promise.all(dirs.map(readRunResult));
  await mkdir(out, { recursive: true });
  const file = join(out, MATRIX_FILE);
  await writeFile(file, renderMatrixHtml(runs));
  console.log(`wrote ${show(file)} (${runs.length} runs)`);
  return ExitCode.Ok;
}

async function diff(dirs: readonly string[], out: string | undefined): Promise<number> {
  if (dirs.length !== 2)
    throw new UsageError(`--diff takes two results directories (old, then new); got ${dirs.length}`);
  const [before, after] = await Promise.all(dirs.map(readRunResult));
  const changes = diffRuns(before!, after!);
  const text = renderDiffMarkdown(before!, after!, changes);
  console.log(text);
  if (out) {
    await mkdir(out, { recursive: true });
    await writeFile(join(out, DIFF_FILE), `${text}\n`);
  }
  // New failures gate like failures do, so CI can stop regressions.
  return changes.newFailures.length ? ExitCode.Failures : ExitCode.Ok;
}

/** Shards of one run become one set of reports; the exit code is the merged run's, so CI can gate on it. */
async function merge(dirs: readonly string[], options: ReportOptions): Promise<number> {
  const out = resolve(options.out ?? options.results);
  const merged = mergeRunResults(await Promise.all(dirs.map(readRunResult)));
  for (const warning of merged.warnings) console.error(`warning: ${warning}`);
  // The merged run goes through the same path as one run's results: no file of a shard is copied or edited.
  const warnings = await writeEverything(merged, out, options);
  for (const warning of warnings) console.error(`warning: ${warning}`);
  console.log(`${formatTotals(merged.totals)} across ${dirs.length} results directories`);
  return merged.exitCode;
}

/** With --open: serve the folder just written until Ctrl-C, then exit with the code already decided. */
async function served(code: number, options: ReportOptions): Promise<number> {
  if (options.open) await showReports(options.out ?? options.results, 0, show);
  return code;
}

export const reportCommand: CliCommand = {
  register(program, done) {
    program
      .command('report')
      .description(
        'Build the conformance report, FHIR TestReports, Allure HTML and evidence bundle from a run',
      )
      .option('--results <dir>', 'results directory written by `fgc run`', 'reports')
      .option('--out <dir>', 'where to write (default: the results directory)')
      .addOption(
        new Option(
          '--verify <bundles...>',
          'check evidence bundles against their manifests (exit 1 if any changed)',
        ),
      )
      .addOption(
        new Option(
          '--matrix <dirs...>',
          'one HTML page of sites × requirements from several results directories',
        ),
      )
      .addOption(
        new Option('--diff <dirs...>', 'new failures and fixes between two results directories: <old> <new>'),
      )
      .addOption(
        new Option(
          '--merge <dirs...>',
          'merge the results of shards (fgc run --shard) into one set of reports',
        ),
      )
      .option('--no-allure', 'skip Allure HTML (it needs Java)')
      .option('--open', 'then serve the reports on 127.0.0.1 and print the URL (Ctrl-C stops it)')
      .action(async (options: ReportOptions) => {
        const modes = [options.verify, options.matrix, options.diff, options.merge].filter(
          (m) => m !== undefined,
        );
        if (modes.length > 1) throw new UsageError('use only one of --verify, --matrix, --diff and --merge');
        if (options.out !== undefined) ensureOutputFolder(resolve(options.out), '--out', options.out);
        if (options.open && (options.verify || options.matrix || options.diff))
          throw new UsageError(
            '--open goes with building or merging reports, not --verify, --matrix or --diff',
          );
        if (options.merge) return done(await served(await merge(options.merge, options), options));
        if (options.verify !== undefined) return done(await verifyAll(options.verify));
        if (options.matrix) return done(await matrix(options.matrix, options.out ?? options.results));
        if (options.diff) return done(await diff(options.diff, options.out));
        done(await served(await buildReports(options), options));
      });
  },
};
