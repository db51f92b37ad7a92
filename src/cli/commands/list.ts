// `fgc list [paths...]`: the suites, their scenarios (tags, severity, requirements), declared inputs,
// and how many catalog requirements the listed scenarios cover. With --target: the inputs that target
// does not supply, and what each would unlock.
import type { CliCommand } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import type { RequirementsCatalog, Suite } from '../../model/suite.js';
import type { TargetConfig } from '../../model/target.js';
import { loadSuites } from '../../suite/index.js';
import { formatInputGaps, inputGaps, requirementsOf, type InputGap } from '../../suite/input-gaps.js';
import { CONFIG_INPUTS } from '../../config/config-inputs.js';
import { suppliedInputs } from '../../engine/index.js';
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
      .option('--json', 'print the same as JSON, for scripts')
      .action(async (paths: string[], options: { target?: string; json?: boolean }) => {
        const cwd = process.cwd();
        const suitesRoot = suitesFolderNoted(cwd);
        const { suites, catalog } = await loadSuites(paths, { suitesRoot, cwd });
        if (options.target !== undefined) {
          const gaps = targetGaps(suites, await loadTargetOffline(options.target, cwd));
          console.log(options.json ? JSON.stringify(gaps, null, 2) : describeGaps(gaps));
        } else if (options.json) {
          console.log(JSON.stringify(suitesAsJson(suites, catalog), null, 2));
        } else {
          for (const suite of suites) console.log(describeSuite(suite));
          console.log(coverage(suites, catalog));
        }
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

interface TargetGaps {
  readonly target: string;
  readonly file?: string;
  readonly inputsDeclared: number;
  readonly inputsSupplied: number;
  readonly scenarios: number;
  /** Scenarios that have every input they use. */
  readonly scenariosReady: number;
  readonly missingInputs: readonly InputGap[];
}

/** The target's supplied inputs and, grouped by input, what the missing ones would unlock. */
function targetGaps(suites: readonly Suite[], target: TargetConfig): TargetGaps {
  // Inputs fgc fills in from the config itself are not the site's to supply.
  const supplied = new Set([...Object.keys(CONFIG_INPUTS), ...suppliedInputs(target.inputs)]);
  const declared = [...new Set(suites.flatMap((s) => Object.keys(s.inputs)))].filter(
    (n) => !(n in CONFIG_INPUTS),
  );
  const gaps = inputGaps(suites, supplied);
  const waiting = new Set(gaps.flatMap((g) => g.scenarios));
  const scenarios = suites.flatMap((suite) => suite.scenarios.map((scenario) => scenario.fullId));
  return {
    target: target.name,
    ...(target.file ? { file: target.file } : {}),
    inputsDeclared: declared.length,
    inputsSupplied: declared.filter((n) => supplied.has(n)).length,
    scenarios: scenarios.length,
    scenariosReady: scenarios.filter((id) => !waiting.has(id)).length,
    missingInputs: gaps,
  };
}

function describeGaps(gaps: TargetGaps): string {
  const head =
    `Target ${gaps.target}${gaps.file ? ` (${gaps.file})` : ''}: ` +
    `${gaps.inputsSupplied} of ${gaps.inputsDeclared} inputs supplied; ` +
    `${gaps.scenariosReady} of ${gaps.scenarios} scenarios have every input they use.`;
  if (gaps.missingInputs.length === 0) return head;
  return [
    head,
    `Missing inputs (${gaps.missingInputs.length}), by the scenarios and requirements each would unlock:`,
    ...formatInputGaps(gaps.missingInputs).map((line) => `  ${line}`),
    'Add them to inputs: in the config (docs/suites.md explains each), or run `fgc init` to derive them.',
  ].join('\n');
}

/** What the text listing shows, as data: suites with their inputs and scenarios, and requirement coverage. */
function suitesAsJson(suites: readonly Suite[], catalog: RequirementsCatalog) {
  const covered = coveredRequirements(suites);
  return {
    suites: suites.map((suite) => ({
      id: suite.id,
      title: suite.title,
      file: suite.file,
      tags: suite.tags,
      inputs: Object.values(suite.inputs).map(({ name, type, required, description }) => ({
        name,
        type,
        required,
        description,
      })),
      scenarios: suite.scenarios.map((s) => ({
        id: s.fullId,
        title: s.title,
        severity: s.severity,
        tags: s.tags,
        requirements: s.requirements,
        ...(s.forEach ? { forEach: { in: s.forEach.in, as: s.forEach.as } } : {}),
        writes: s.writes,
      })),
    })),
    requirements: {
      total: catalog.requirements.size,
      covered: [...catalog.requirements.keys()].filter((id) => covered.has(id)).length,
      notCovered: [...catalog.requirements.keys()].filter((id) => !covered.has(id)),
    },
  };
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
