// Server-assigned ids: the reference server can store every resource under a new UUID with references
// rewritten, as real servers do; cohort and IG example patients then answer under their new ids only.
import { expect } from 'chai';
import type { Bundle, DiagnosticReport, Observation, Patient, Resource } from '@medplum/fhirtypes';
import { type ReferenceServer, startReferenceServer } from '../../src/server/index.js';
import { assignServerIds } from '../../src/server/server-ids.js';
import { blocks, get, ids, op, partResources, partValue } from './client.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('reference server: server-assigned ids', () => {
  describe('assignServerIds', () => {
    let counter = 0;
    const next = () => `id-${++counter}`;
    const resources: Resource[] = [
      { resourceType: 'Patient', id: 'p1' },
      {
        resourceType: 'Observation',
        id: 'o1',
        status: 'final',
        code: {},
        subject: { reference: 'Patient/p1' },
        derivedFrom: [
          { reference: 'http://example.org/fhir/Observation/o1/_history/2' },
          { reference: 'Observation/elsewhere' },
          { reference: '#contained' },
        ],
      },
      { resourceType: 'Patient', id: 'p1' }, // a second copy of the same resource
    ];

    it('gives each resource a new id and points every reference to it at that id', () => {
      const out = assignServerIds(resources, next) as [Patient, Observation, Patient];
      expect(out[0].id).to.equal('id-1');
      expect(out[2].id, 'the same resource keeps one id').to.equal('id-1');
      expect(out[1].id).to.equal('id-2');
      expect(out[1].subject?.reference).to.equal('Patient/id-1');
      expect(out[1].derivedFrom?.map((d) => d.reference)).to.deep.equal([
        'http://example.org/fhir/Observation/id-2/_history/2',
        'Observation/elsewhere',
        '#contained',
      ]);
      expect(resources[1]!.id, 'the input is not changed').to.equal('o1');
    });
  });

  describe('a server started with serverIds', function () {
    this.timeout(30_000);
    let server: ReferenceServer;
    before(async () => (server = await startReferenceServer({ serverIds: true })));
    after(() => server.close());

    async function patientId(identifier: string): Promise<string> {
      const res = await get<Bundle<Patient>>(server, `Patient?identifier=${identifier}`);
      expect(res.body.entry, identifier).to.have.length(1);
      return res.body.entry![0]!.resource!.id!;
    }

    it('serves every resource under a UUID', async () => {
      const res = await get<Bundle>(server, 'Observation?_count=1000');
      const observationIds = (res.body.entry ?? []).map((e) => e.resource!.id!);
      expect(observationIds.length).to.be.greaterThan(200);
      expect(observationIds.filter((id) => !UUID.test(id))).to.deep.equal([]);
      expect((await get(server, 'Patient/fgc-pt-04')).status).to.equal(404);
    });

    it('answers the operations for a cohort patient under its new id, and 404 under the old one', async () => {
      const id = await patientId('FGC-PT-04');
      expect(id).to.match(UUID);
      const res = await op(server, 'find-subject-variants', {
        subject: id,
        ranges: 'NC_000007.14:140753335-140753336',
        includeVariants: 'true',
      });
      const block = blocks(res.body)[0]!;
      expect(partValue(block, 'presence')).to.equal(true);
      expect(partResources(block, 'variant').map((v) => v.subject?.reference)).to.deep.equal([
        `Patient/${id}`,
      ]);
      const old = await op(server, 'find-subject-variants', {
        subject: 'fgc-pt-04',
        ranges: 'NC_000007.14:140753335-140753336',
      });
      expect(old.status).to.equal(404);
    });

    it('keeps references between resources resolvable (report results, IG example patients)', async () => {
      const id = await patientId('m123'); // CGPatientExample01
      const reports = await get<Bundle<DiagnosticReport>>(server, `DiagnosticReport?subject=Patient/${id}`);
      const results = (reports.body.entry ?? []).flatMap((e) => e.resource!.result ?? []);
      expect(results.length).to.be.greaterThan(0);
      for (const result of results) expect((await get(server, result.reference!)).status).to.equal(200);
      const res = await op(server, 'find-subject-specific-haplotypes', {
        subject: id,
        haplotypes: 'CYP2C19*2/*2',
      });
      const block = blocks(res.body, 'haplotypes')[0]!;
      expect(partValue(block, 'presence')).to.equal(true);
      expect(ids(partResources(block, 'genotype')).every((g) => UUID.test(g))).to.equal(true);
    });
  });
});
