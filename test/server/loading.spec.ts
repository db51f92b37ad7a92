// Loading data: the cohort folder (resources, Bundles, arrays; bad files named), the resources option
// (Bundles with urn:uuid references), and a clear error when the IG examples cannot be had.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadCohort } from '../../src/server/load-cohort.js';
import { ExamplesUnavailableError, readExamples } from '../../src/server/load-examples.js';
import { get, op, startFixtureServer } from './client.js';
import * as fx from './fixtures.js';

describe('reference server: loading data', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'fgc-cohort-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: 'urn:uuid:11111111-1111-4111-8111-111111111111',
        resource: { resourceType: 'Patient', id: 'fgc-b1' },
      },
      {
        fullUrl: 'urn:uuid:22222222-2222-4222-8222-222222222222',
        resource: {
          ...fx.variant({
            id: 'fgc-bv',
            patient: 'x',
            accession: 'NC_000001.11',
            low: 101,
            ref: 'A',
            alt: 'T',
          }),
          subject: { reference: 'urn:uuid:11111111-1111-4111-8111-111111111111' },
        },
      },
    ],
  };

  it('reads resources, Bundles (references rewritten) and arrays from every JSON file, sub-folders included', async () => {
    await writeFile(join(dir, 'a.json'), JSON.stringify(fx.patient('fgc-a')));
    await writeFile(join(dir, 'b.json'), JSON.stringify(bundle));
    await mkdir(join(dir, 'more'));
    await writeFile(
      join(dir, 'more', 'c.json'),
      JSON.stringify([fx.patient('fgc-c1'), fx.patient('fgc-c2')]),
    );
    await writeFile(join(dir, 'notes.txt'), 'ignored');
    const resources = await loadCohort(dir);
    expect(resources.map((r) => `${r.resourceType}/${r.id}`).sort()).to.deep.equal([
      'Observation/fgc-bv',
      'Patient/fgc-a',
      'Patient/fgc-b1',
      'Patient/fgc-c1',
      'Patient/fgc-c2',
    ]);
    const variant = resources.find((r) => r.id === 'fgc-bv') as { subject: { reference: string } };
    expect(variant.subject.reference).to.equal('Patient/fgc-b1');
  });

  it('a missing folder is an empty cohort; a broken file is an error naming it', async () => {
    expect(await loadCohort(join(dir, 'absent'))).to.deep.equal([]);
    await writeFile(join(dir, 'broken.json'), '{ nope');
    let error: Error | undefined;
    await loadCohort(dir).catch((e: Error) => (error = e));
    expect(error?.message).to.include(join(dir, 'broken.json'));
    await writeFile(join(dir, 'broken.json'), '{"id": "x"}');
    await loadCohort(dir).catch((e: Error) => (error = e));
    expect(error?.message).to.match(/broken\.json: item 0 is not a FHIR resource/);
  });

  it('the server loads the cohort folder and the resources option together', async () => {
    await writeFile(join(dir, 'b.json'), JSON.stringify(bundle));
    const server = await startFixtureServer([fx.patient('extra')], { includeCohort: true, cohortDir: dir });
    try {
      expect((await get(server, 'Patient/fgc-b1')).status).to.equal(200);
      expect((await get(server, 'Patient/extra')).status).to.equal(200);
      const found = await op(server, 'find-subject-variants', {
        subject: 'fgc-b1',
        ranges: 'NC_000001.11:100-101',
      });
      expect(found.body.parameter![0]!.part!.find((p) => p.name === 'presence')!.valueBoolean).to.equal(true);
    } finally {
      await server.close();
    }
  });

  it('says clearly when the IG examples cannot be had', async () => {
    let error: Error | undefined;
    await readExamples(() => Promise.reject(new Error('npm pack failed: offline'))).catch(
      (e: Error) => (error = e),
    );
    expect(error).to.be.instanceOf(ExamplesUnavailableError);
    expect(error!.message).to.match(
      /hl7\.fhir\.uv\.genomics-reporting#3\.0\.0.*npm pack failed: offline.*fgc ig install/s,
    );
  });
});
