// `fgc list [paths...]`: the suites, their scenarios (tags, severity, requirements), declared inputs,
// and how many catalog requirements the listed scenarios cover. With --target: the inputs that target
// does not supply, and what each would unlock.
import type { CliCommand } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import type { RequirementsCatalog, Suite } from '../../model/suite.js';
import type { TargetConfig } from '../../model/target.js';
import { loadSuites } from '../../suite/index.js';
import { formatInputGaps, inputGaps, requirementsOf } from '../../suite/input-gaps.js';
import { CONFIG_INPUTS } from '../../config/config-inputs.js';
import { isSupplied } from '../../engine/suite-run.js';
import { suitesFolderNoted } from '../bundled-suites.js';
import { loadTargetOffline } from '../target-offline.js';

export const listCommand: CliCommand = {
  register(program, done) {
    program
      .command('list')
      .description('List suites, scenarios, tags, inputs and requirement coverage')
      .argument('[paths...]', 'suite files or folders (default: every suite under suites/)')
      .option(
        '--target <spec>',
        'instead: the inputs this target does not supply, and what each would unlock',
      )
      .action(async (paths: string[], options: { target?: string }) => {
        const cwd = process.cwd();
        const suitesRoot = suitesFolderNoted(cwd);
        const { suites, catalog } = await loadSuites(paths, { suitesRoot, cwd });
        if (options.target !== undefined) {
          console.log(describeGaps(suites, await loadTargetOffline(options.target, cwd)));
          done(ExitCode.Ok);
          return;
        }
        for (const suite of suites) console.log(describeSuite(suite));
        console.log(coverage(suites, catalog));
        done(ExitCode.Ok);
      });
  },
};

function describeSuite(suite: Suite): string {
  const lines = [`${suite.id}: ${suite.title} (${suite.file})`];
  if (suite.tags.length) lines.push(`  tags: ${suite.tags.join(', ')}`);
  const inputs = Object.values(suite.inputs);
  if (inputs.length) {
    lines.push('  inputs:');
    for (const input of inputs) {
      const kind = [input.type, input.required ? 'required' : 'optional'].join(', ');
      lines.push(`    ${input.name} (${kind}): ${input.description}`);
    }
  }
  lines.push('  scenarios:');
  for (const s of suite.scenarios) {
    const details = [
      s.severity,
      s.tags.length ? `tags: ${s.tags.join(', ')}` : '',
      s.requirements.length ? `requirements: ${s.requirements.join(', ')}` : '',
      s.forEach ? `for each ${s.forEach.as} in ${s.forEach.in}` : '',
      s.writes ? 'writes' : '',
    ].filter(Boolean);
    lines.push(`    ${s.id}: ${s.title} [${details.join('; ')}]`);
  }
  return lines.join('\n');
}

/** Requirements covered by a scenario or by one of its checks. */
export function coveredRequirements(suites: readonly Suite[]): Set<string> {
  return new Set(suites.flatMap((suite) => suite.scenarios.flatMap(requirementsOf)));
}

/** The target's supplied inputs and, grouped by input, what the missing ones would unlock. */
function describeGaps(suites: readonly Suite[], target: TargetConfig): string {
  // Inputs fgc fills in from the config itself are not the site's to supply.
  const supplied = new Set([
    ...Object.keys(CONFIG_INPUTS),
    ...Object.entries(target.inputs)
      .filter(([, value]) => isSupplied(value))
      .map(([name]) => name),
  ]);
  const declared = new Set(suites.flatMap((s) => Object.keys(s.inputs)));
  const gaps = inputGaps(suites, supplied);
  const waiting = new Set(gaps.flatMap((g) => g.scenarios));
  const scenarios = suites.flatMap((suite) => suite.scenarios.map((scenario) => scenario.fullId));
  const ready = scenarios.filter((id) => !waiting.has(id));
  const head =
    `Target ${target.name}${target.file ? ` (${target.file})` : ''}: ` +
    `${[...declared].filter((n) => supplied.has(n) && !(n in CONFIG_INPUTS)).length} of ` +
    `${[...declared].filter((n) => !(n in CONFIG_INPUTS)).length} inputs supplied; ` +
    `${ready.length} of ${scenarios.length} scenarios have every input they use.`;
  if (gaps.length === 0) return head;
  return [
    head,
    `Missing inputs (${gaps.length}), by the scenarios and requirements each would unlock:`,
    ...formatInputGaps(gaps).map((line) => `  ${line}`),
    'Add them to inputs: in the config (docs/suites.md explains each), or run `fgc init` to derive them.',
  ].join('\n');
}

function coverage(suites: readonly Suite[], catalog: RequirementsCatalog): string {
  const covered = coveredRequirements(suites);
  const uncovered = [...catalog.requirements.values()].filter((r) => !covered.has(r.id));
  const head = `${catalog.requirements.size - uncovered.length} of ${catalog.requirements.size} requirements covered`;
  if (uncovered.length === 0) return head;
  // Grouped by profile or operation, so a long list stays readable.
  const groups = new Map<string, string[]>();
  for (const r of uncovered)
    groups.set(r.group ?? 'other', [...(groups.get(r.group ?? 'other') ?? []), r.id]);
  const lines = [...groups].map(([group, ids]) => `  ${group}: ${ids.join(', ')}`);
  return [`${head}; not covered (${uncovered.length}):`, ...lines].join('\n');
}
