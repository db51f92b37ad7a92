// The run's warnings name a suite mistake the check would otherwise blame on the server.
import { expect } from 'chai';
import { catalog, startVariantServer, writeTarget } from '../helpers/mixed-suite.js';
import { quietRun } from '../helpers/quiet-run.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import type { TestServer } from '../helpers/test-server.js';

describe('runner: warnings about the suites', function () {
  this.timeout(60_000);
  let server: TestServer;
  let p: TempProject;
  before(async () => {
    server = await startVariantServer();
    p = tempProject({
      'suites/requirements.yaml': catalog,
      'suites/names.yaml': `suite: names
scenarios:
  - id: misspelt
    requirement: REQ-A
    steps:
      - request: { path: Observation }
        expect:
          fhirpath:
            - { that: Bundle.entries.resource.count(), greaterThan: 0 }
`,
    });
    writeTarget(p, server.baseUrl);
  });
  after(async () => {
    await server.close();
    p?.remove();
  });

  it('says which element name the R4 model does not know, where, beside the failure it causes', async () => {
    const { run } = await quietRun({ cwd: p.dir, targetSpec: 'site', reportsDir: p.path('reports') });
    expect(run.suites[0]!.scenarios[0]!.status).to.equal('failed');
    expect(run.warnings, run.warnings.join('\n')).to.include(
      'suites/names.yaml:9:23: Bundle has no element "entries": it would evaluate to nothing, and the server would be blamed [UNKNOWN_MODEL_NAME]',
    );
  });
});
