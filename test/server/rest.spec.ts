// FHIR REST on the IG examples: metadata, read, search counts, paging links followed to the end,
// _include / _revinclude, exact _profile, Quantity and composite searches, 404s, writes.
import { expect } from 'chai';
import type { Bundle, CapabilityStatement, Observation, Resource } from '@medplum/fhirtypes';
import { type ReferenceServer, startReferenceServer } from '../../src/server/index.js';
import { diagnostics, get, op, send } from './client.js';
import * as fx from './fixtures.js';

const IG = 'http://hl7.org/fhir/uv/genomics-reporting';

describe('reference server: FHIR REST on the IG examples', () => {
  let server: ReferenceServer;
  before(async () => (server = await startReferenceServer({ includeCohort: false })));
  after(() => server.close());

  const search = async (query: string): Promise<Bundle> => {
    const res = await get<Bundle>(server, query);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.contentType).to.match(/^application\/fhir\+json/);
    return res.body;
  };

  it('serves on 127.0.0.1 under /fhir', () => {
    expect(server.baseUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+\/fhir$/);
  });

  it('GET metadata: a CapabilityStatement with resources, search parameters, STU3 profiles and the 17 operations', async () => {
    const cs = (await get<CapabilityStatement>(server, 'metadata')).body;
    expect(cs.resourceType).to.equal('CapabilityStatement');
    expect(cs.fhirVersion).to.equal('4.0.1');
    expect(cs.format).to.include('json');
    const rest = cs.rest![0]!;
    const obs = rest.resource!.find((r) => r.type === 'Observation')!;
    expect(obs.supportedProfile).to.include(`${IG}/StructureDefinition/variant`);
    expect(rest.resource!.find((r) => r.type === 'DiagnosticReport')!.supportedProfile).to.deep.equal([
      `${IG}/StructureDefinition/genomic-report`,
    ]);
    expect(obs.searchParam!.map((p) => p.name)).to.include.members([
      'code',
      'subject',
      'component-code',
      '_profile',
    ]);
    expect(obs.interaction!.map((i) => i.code)).to.deep.equal(['read', 'search-type']);
    expect(rest.operation).to.have.length(17);
    expect(rest.operation!.find((o) => o.name === 'find-subject-variants')!.definition).to.equal(
      `${IG}/OperationDefinition/find-subject-variants`,
    );
    for (const o of rest.operation!) expect(o.definition).to.equal(`${IG}/OperationDefinition/${o.name}`);
  });

  it('loads the example Bundles with urn:uuid references rewritten to Type/id', async () => {
    const report = (await get<{ result: { reference: string }[] }>(server, 'DiagnosticReport/report-CYP2C19'))
      .body;
    expect(report.result.length).to.be.greaterThan(50);
    for (const r of report.result.slice(0, 5)) {
      expect(r.reference).to.match(/^Observation\/[^/]+$/);
      expect((await get(server, r.reference)).status).to.equal(200);
    }
    const all = await search('Observation?_count=1000');
    expect(JSON.stringify(all)).to.not.include('"reference":"urn:uuid:');
  });

  it('searches by token, reference and component-code give the measured counts', async () => {
    expect((await search('Observation?code=http://loinc.org|69548-6&_summary=count')).total).to.equal(144);
    expect((await search('Observation?subject=Patient/CGPatientExample01&_count=0')).total).to.equal(60);
    expect((await search('Observation?component-code=http://loinc.org|48018-6&_count=0')).total).to.equal(83);
  });

  it('token :not and :text, bare-id and absolute references', async () => {
    const all = (await search('Observation?_summary=count')).total!;
    expect((await search('Observation?code:not=http://loinc.org|69548-6&_summary=count')).total).to.equal(
      all - 144,
    );
    expect((await search('Observation?code:text=genetic variant&_summary=count')).total).to.be.greaterThan(0);
    expect((await search('Observation?subject=CGPatientExample01&_summary=count')).total).to.equal(60);
    expect(
      (await search(`Observation?subject=${server.baseUrl}/Patient/CGPatientExample01&_summary=count`)).total,
    ).to.equal(60);
    expect((await search('Observation?subject:Patient=CGPatientExample01&_summary=count')).total).to.equal(
      60,
    );
    expect((await search('Observation?patient=CGPatientExample01&_summary=count')).total).to.equal(60);
  });

  it('pages with absolute self/next links; following next reaches every match exactly once', async () => {
    let bundle = await search('Observation?code=http://loinc.org|69548-6&_count=40');
    const self = bundle.link!.find((l) => l.relation === 'self')!.url!;
    expect(self.startsWith(`${server.baseUrl}/Observation?`)).to.equal(true);
    expect(self).to.include('_count=40');
    const seen: string[] = [];
    let pages = 0;
    for (;;) {
      pages++;
      seen.push(...(bundle.entry ?? []).map((e) => e.fullUrl!));
      const next = bundle.link!.find((l) => l.relation === 'next')?.url;
      if (!next) break;
      expect(next.startsWith(server.baseUrl)).to.equal(true);
      bundle = (await get<Bundle>(server, next)).body;
      expect(pages).to.be.lessThan(10);
    }
    expect(pages).to.equal(4);
    expect(seen).to.have.length(144);
    expect(new Set(seen).size).to.equal(144);
    expect(bundle.link!.some((l) => l.relation === 'previous')).to.equal(true);
  });

  it('_include adds the referenced results; _revinclude the referring ones (search.mode include)', async () => {
    const inc = await search('DiagnosticReport?_id=GenomicReportExample01&_include=DiagnosticReport:result');
    const matches = inc.entry!.filter((e) => e.search?.mode === 'match');
    const included = inc.entry!.filter((e) => e.search?.mode === 'include');
    expect(matches).to.have.length(1);
    expect(inc.total).to.equal(1);
    const resultRefs = (matches[0]!.resource as { result: { reference: string }[] }).result.map(
      (r) => r.reference,
    );
    expect(included.map((e) => `${e.resource!.resourceType}/${e.resource!.id}`).sort()).to.deep.equal(
      resultRefs.sort(),
    );

    const rev = await search('Observation?_id=VariantExample2&_revinclude=Observation:derived-from');
    expect(rev.entry!.filter((e) => e.search?.mode === 'include').map((e) => e.resource!.id)).to.include(
      'AnnotationExample',
    );
  });

  it('_profile matches the canonical exactly (genomic-study does not find genomic-study-analysis)', async () => {
    const study = await search(`Procedure?_profile=${IG}/StructureDefinition/genomic-study`);
    expect(study.total).to.equal(4);
    for (const e of study.entry!)
      expect(e.resource!.meta!.profile).to.include(`${IG}/StructureDefinition/genomic-study`);
    expect(
      (await search(`Procedure?_profile=${IG}/StructureDefinition/genomic-study-analysis`)).total,
    ).to.be.greaterThan(0);
  });

  it('Quantity and composite searches work', async () => {
    const vaf = await search('Observation?component-code-value-quantity=http://loinc.org|81258-6$gt0.4');
    expect(vaf.total).to.be.greaterThan(0);
    for (const e of vaf.entry!) {
      const c = (e.resource as Observation).component!.filter((x) =>
        x.code.coding!.some((k) => k.code === '81258-6'),
      );
      expect(c.some((x) => (x.valueQuantity?.value ?? 0) > 0.4)).to.equal(true);
    }
    const none = await search('Observation?component-code-value-quantity=http://loinc.org|81258-6$gt1000');
    expect(none.total).to.equal(0);
    expect((await search('Observation?value-quantity=ge0')).total).to.be.greaterThan(0);
  });

  it('unknown search parameters are ignored and left out of the self link', async () => {
    const b = await search('Patient?foo=bar&_count=2');
    expect(b.total).to.be.greaterThan(2);
    expect(b.link![0]!.url).to.not.include('foo');
  });

  it('404 with an OperationOutcome for an unknown id, type or path; 400 for a bad _count', async () => {
    for (const path of ['Observation/nope', 'Nonsense?x=1', 'Observation/a/b/c']) {
      const res = await get(server, path);
      expect(res.status, path).to.equal(404);
      expect(res.body.resourceType).to.equal('OperationOutcome');
    }
    const outside = await fetch(server.baseUrl.replace('/fhir', '/other'));
    expect(outside.status).to.equal(404);
    const bad = await get(server, 'Observation?_count=-1');
    expect(bad.status).to.equal(400);
    expect(diagnostics(bad)).to.match(/_count must be a non-negative integer/);
  });

  it('is read-only by default: writes get 405 with an OperationOutcome', async () => {
    const res = await send(server, 'POST', 'Patient', { resourceType: 'Patient' });
    expect(res.status).to.equal(405);
    expect(diagnostics(res)).to.match(/read-only/);
  });
});

describe('reference server: writes with allowWrites', () => {
  let server: ReferenceServer;
  before(
    async () =>
      (server = await startReferenceServer({
        includeExamples: false,
        includeCohort: false,
        allowWrites: true,
      })),
  );
  after(() => server.close());

  it('creates, updates, reads and deletes; operations see written data', async () => {
    const created = await send<Resource>(server, 'POST', 'Patient', { resourceType: 'Patient' });
    expect(created.status).to.equal(201);
    const id = created.body.id!;
    expect(
      (await send(server, 'PUT', 'Patient/w1', { resourceType: 'Patient', id: 'w1' })).status,
    ).to.be.oneOf([200, 201]);
    const v = fx.variant({ id: 'wv', patient: 'w1', accession: 'NC_000001.11', low: 11, ref: 'A', alt: 'C' });
    expect((await send(server, 'PUT', 'Observation/wv', v)).status).to.be.oneOf([200, 201]);
    const found = await op(server, 'find-subject-variants', { subject: 'w1', ranges: 'NC_000001.11:10-11' });
    expect(found.body.parameter![0]!.part!.find((p) => p.name === 'presence')!.valueBoolean).to.equal(true);
    expect((await send(server, 'DELETE', `Patient/${id}`)).status).to.equal(200);
    expect((await get(server, `Patient/${id}`)).status).to.equal(404);
    const cs = (await get<CapabilityStatement>(server, 'metadata')).body;
    expect(cs.rest![0]!.resource![0]!.interaction!.map((i) => i.code)).to.include('create');
  });
});
