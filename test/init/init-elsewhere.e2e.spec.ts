// `fgc init` against a server without GET metadata whose operations live under other paths: it derives the
// inputs from the FHIR REST data, leaves operations to the site, confirms the ones the site then declares,
// and the run tests them (only the metadata requirement fails).
import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'chai';
import { parse } from 'yaml';
import {
  earnedByOneMethod,
  startOperationsElsewhere,
  type OperationsElsewhere,
} from '../helpers/operations-elsewhere.js';
import { initInto } from '../helpers/init-run.js';
import { runSuites, scenariosOf } from '../helpers/suite-runs.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';

describe('fgc init against a server without metadata, with operations elsewhere', function () {
  this.timeout(240_000);
  let project: TempProject;
  let server: OperationsElsewhere;
  before(async () => {
    project = tempProject();
    server = await startOperationsElsewhere({ method: 'GET', rest: true });
  });
  after(async () => {
    await server.close();
    project.remove();
  });

  it('derives the inputs from REST data, then confirms the operations the site declares, and the run tests them', async () => {
    const log: string[] = [];
    const first = await initInto(project, server.baseUrl, { name: 'ri', log });
    expect(log.join('\n')).to.include('answered HTTP 404, not a CapabilityStatement');
    expect(first.operations, 'nothing answers at the default $<operation> paths').to.deep.equal([]);
    const file = project.path('config/targets/ri.yaml');
    const config = parse(readFileSync(file, 'utf8')) as {
      operations?: unknown;
      inputs: Record<string, unknown>;
    };
    expect(config.operations).to.equal(undefined);
    expect(config.inputs.variantPatientId).to.be.a('string');
    expect(first.missing.map((m) => `${m.input}: ${m.reason}`)).to.deep.equal([]);

    // The site says where its operations are; init keeps that and calls each one there.
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('inputs:\n', `${server.operationsYaml()}inputs:\n`),
    );
    const second = await initInto(project, 'ri');
    expect(second.operations.map((o) => `${o.operation} ${o.source} ${o.outcome}`)).to.deep.equal(
      second.operations.map((o) => `${o.operation} configured agrees`),
    );
    expect(second.operations).to.have.length(17);
    expect(second.keptByHand).to.deep.equal([]);
    const byInit = server.requests.length;

    const run = await runSuites(project, file);
    const all = scenariosOf(run);
    expect(all.filter((s) => s.status === 'error')).to.deep.equal([]);
    const failed = all.filter((s) => s.status === 'failed').map((s) => s.fullId);
    expect(failed).to.include('fhir-core/capability-statement/metadata-is-r4-json');
    expect(failed.filter((id) => !id.startsWith('fhir-core/capability-statement/'))).to.deep.equal([]);
    const operations = all.filter((s) => s.suiteId.startsWith('genomics-operations/'));
    expect(operations.map((s) => `${s.fullId}: ${s.status} ${s.reason ?? ''}`)).to.deep.equal(
      operations.map((s) => `${earnedByOneMethod(s, 'GET')} ${s.reason ?? ''}`),
    );
    // init reads by GET only; the run POSTs once per GET/POST scenario, and the server refuses it.
    const notGet = (requests: string[]) => requests.filter((r) => !r.startsWith('GET '));
    expect(notGet(server.requests.slice(0, byInit))).to.deep.equal([]);
    expect(notGet(server.requests.slice(byInit))).to.have.length(
      operations.filter((s) => s.scenarioId === 'post-gives-same-answer').length,
    );
  });
});
