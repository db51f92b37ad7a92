// `fgc list [paths...]`: the suites, their scenarios (tags, severity, requirements), declared inputs,
// and how many catalog requirements the listed scenarios cover.
import type { CliCommand } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import type { RequirementsCatalog, Suite } from '../../model/suite.js';
import { loadSuites } from '../../suite/index.js';
import { suitesFolderNoted } from '../bundled-suites.js';

export const listCommand: CliCommand = {
  register(program, done) {
    program
      .command('list')
      .description('List suites, scenarios, tags, inputs and requirement coverage')
      .argument('[paths...]', 'suite files or folders (default: every suite under suites/)')
      .action(async (paths: string[]) => {
        const cwd = process.cwd();
        const suitesRoot = suitesFolderNoted(cwd);
        const { suites, catalog } = await loadSuites(paths, { suitesRoot, cwd });
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
  const covered = new Set<string>();
  for (const suite of suites) {
    for (const scenario of suite.scenarios) {
      for (const id of scenario.requirements) covered.add(id);
      for (const step of scenario.steps) {
        for (const check of step.expect?.fhirpath ?? [])
          for (const id of check.requirements ?? []) covered.add(id);
      }
    }
  }
  return covered;
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
