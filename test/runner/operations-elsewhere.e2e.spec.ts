// Any FHIR server can be targeted: a server without GET metadata whose operations live under other paths
// (shaped like the official reference implementation), GET-only or POST-only, and a server whose
// CapabilityStatement forgets the operations the site's config declares.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { parse, stringify } from 'yaml';
import type { RunResult } from '../../src/results/model.js';
import { PROJECT_ROOT } from '../helpers/reference-run.js';
import { runSuites, scenariosOf } from '../helpers/suite-runs.js';
import {
  earnedByOneMethod,
  failedChecks,
  startOperationsElsewhere,
  type OperationsElsewhere,
} from '../helpers/operations-elsewhere.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';

/** The hand-written reference inputs (cohort patients). */
function referenceInputs(): Record<string, unknown> {
  const config = parse(readFileSync(join(PROJECT_ROOT, 'config/targets/reference.yaml'), 'utf8')) as {
    inputs: Record<string, unknown>;
  };
  return config.inputs;
}

async function runAgainst(
  p: TempProject,
  server: OperationsElsewhere,
  suites: string[],
  operations = server.operationsYaml(),
): Promise<RunResult> {
  const config = `name: elsewhere\nbaseUrl: ${server.baseUrl}\n${operations}${stringify({ inputs: referenceInputs() })}`;
  return runSuites(p, p.write('config/targets/elsewhere.yaml', config), suites);
}

const scenarios = scenariosOf;

describe('targets without metadata, with operations elsewhere', function () {
  this.timeout(180_000);
  let p: TempProject;
  let server: OperationsElsewhere | undefined;
  beforeEach(() => (p = tempProject()));
  afterEach(async () => {
    await server?.close();
    server = undefined;
    p.remove();
  });

  it('tests a GET-only server without metadata at the paths the config declares, failing the metadata SHALL', async () => {
    server = await startOperationsElsewhere({ method: 'GET' });
    const run = await runAgainst(p, server, [
      'suites/fhir-core',
      'suites/genomics-operations',
      'suites/genomics-reporting/variant.yaml',
    ]);
    const all = scenarios(run);
    expect(all.filter((s) => s.status === 'error').map((s) => s.fullId)).to.deep.equal([]);
    expect(run.exitCode).to.equal(1);
    expect(run.warnings.join('\n')).to.include('answered HTTP 404, not a CapabilityStatement');

    const metadata = all.find((s) => s.fullId === 'fhir-core/capability-statement/metadata-is-r4-json')!;
    expect(metadata.status).to.equal('failed');
    const statusCheck = metadata.steps[0]!.checks.find((c) => c.kind === 'status')!;
    expect(statusCheck).to.include({ outcome: 'fail', severity: 'SHALL' });
    expect(statusCheck.actual).to.equal(404);

    const operations = all.filter((s) => s.suiteId.startsWith('genomics-operations/'));
    expect(operations.length).to.be.greaterThan(100);
    expect(operations.map((s) => `${s.fullId}: ${s.status}`)).to.deep.equal(
      operations.map((s) => earnedByOneMethod(s, 'GET')),
    );
    // Each GET/POST scenario is warned by its refused POST: the SHOULD checks of OP-GET-AND-POST on that answer.
    const both = operations.filter((s) => s.scenarioId === 'post-gives-same-answer');
    expect(new Set(both.map((s) => s.suiteId)).size).to.equal(6);
    for (const s of both) {
      expect(failedChecks(s), s.fullId).to.include('status SHOULD OP-GET-AND-POST 405');
      expect(
        failedChecks(s).filter((c) => !/^\w+ SHOULD OP-GET-AND-POST /.test(c)),
        s.fullId,
      ).to.deep.equal([]);
    }
    const variant = all.filter((s) => s.suiteId === 'genomics-reporting/variant');
    expect(
      variant.every(
        (s) =>
          s.status === 'skipped' &&
          s.reason ===
            'not claimed: resource Observation, search parameter Observation?subject, search parameter Observation?code',
      ),
    ).to.equal(true);

    // Every call goes to the configured paths, by GET but for the one POST of each GET/POST scenario.
    const operationRequests = server.requests.filter((r) => r.includes('$'));
    expect(
      operationRequests.every((r) =>
        /^(GET|POST) \/(subject|population)-operations\/[a-z-]+\/\$find-/.test(r),
      ),
      operationRequests.join('\n'),
    ).to.equal(true);
    expect(operationRequests.filter((r) => r.startsWith('POST '))).to.have.length(both.length);
  });

  it('tests a POST-only server at the configured paths by POST', async () => {
    server = await startOperationsElsewhere({ method: 'POST' });
    const run = await runAgainst(p, server, ['suites/genomics-operations/find-subject-haplotypes.yaml']);
    const all = scenarios(run);
    expect(all.map((s) => `${s.fullId}: ${s.status}`)).to.deep.equal(
      all.map((s) => earnedByOneMethod(s, 'POST')),
    );
    expect(all.length).to.be.greaterThan(4);
    // The GET each GET/POST scenario compares with is refused: skipped, no requirement blamed.
    const both = all.filter((s) => s.scenarioId === 'post-gives-same-answer');
    expect(both.map((s) => s.skip?.kind)).to.deep.equal(both.map(() => 'request-refused'));
    const operationRequests = server.requests.filter((r) => r.includes('$'));
    expect(operationRequests.length).to.be.greaterThan(4);
    const path = '/subject-operations/genotype-operations/$find-subject-haplotypes';
    expect(
      operationRequests.filter((r) => !r.startsWith(`POST ${path}`)).map((r) => decodeURIComponent(r)),
    ).to.deep.equal(both.map((s) => `GET ${path}?subject=fgc-pt-02&genes=${s.parameters.gene}`));
  });

  it('tests an operation the config declares but the CapabilityStatement forgets, and reports the missing declaration', async () => {
    server = await startOperationsElsewhere({ method: 'GET', metadata: 'without-operations' });
    const operations = `operations:\n  find-subject-haplotypes: { path: "subject-operations/genotype-operations/$find-subject-haplotypes" }\n`;
    const run = await runAgainst(
      p,
      server,
      [
        'suites/fhir-core/capability-statement.yaml',
        'suites/genomics-operations/find-subject-haplotypes.yaml',
        'suites/genomics-operations/find-subject-variants.yaml',
      ],
      operations,
    );
    const all = scenarios(run);
    const haplotypes = all.filter(
      (s) =>
        s.suiteId === 'genomics-operations/find-subject-haplotypes' &&
        s.scenarioId !== 'post-gives-same-answer',
    );
    expect(haplotypes.length).to.be.greaterThan(4);
    expect(haplotypes.every((s) => s.status === 'passed')).to.equal(true);
    const variants = all.filter((s) => s.suiteId === 'genomics-operations/find-subject-variants');
    expect(variants.every((s) => s.reason === 'not claimed: operation $find-subject-variants')).to.equal(
      true,
    );

    const declared = all.filter((s) => s.scenarioId === 'configured-operations-declared');
    expect(declared.map((s) => [s.fullId, s.status])).to.deep.equal([
      ['fhir-core/capability-statement/configured-operations-declared[find-subject-haplotypes]', 'warned'],
    ]);
    const check = declared[0]!.steps[0]!.checks.find((c) => c.kind === 'fhirpath')!;
    expect(check).to.include({ outcome: 'fail', severity: 'SHOULD' });
    expect(check.requirements).to.deep.equal(['OP-CAPABILITY-DECLARED']);
    expect(JSON.stringify(check.actual)).to.include('find-subject-haplotypes');
    expect(run.warnings.join('\n')).to.include(
      'The CapabilityStatement does not claim $find-subject-haplotypes',
    );
    expect(run.claimedOperations).to.deep.equal([]);
  });
});
