// A small project for whole-run tests through the CLI: a two-requirement catalog, a suite whose four
// scenarios pass, fail, warn and skip, and a target config pointing at a loopback test server.
import type { TempProject } from './temp-project.js';
import { startTestServer, type TestServer } from './test-server.js';

export const variant = (id: string) => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '69548-6' }] },
  subject: { reference: 'Patient/p1' },
});

/** A loopback server whose Observation search answers the one variant the mixed suite reads. */
export async function startVariantServer(): Promise<TestServer> {
  const server = await startTestServer();
  server.route('GET', 'Observation', {
    status: 200,
    body: { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: variant('v1') }] },
  });
  return server;
}

export const catalog = `requirements:
  - { id: REQ-A, text: "A Variant SHALL have code 69548-6", source: "http://example.org/a", level: SHALL, group: Variant }
  - { id: REQ-B, text: "A server SHOULD send a self link", source: "http://example.org/b", level: SHOULD }
`;

export function writeTarget(p: TempProject, baseUrl: string, extra = ''): void {
  p.write('config/targets/site.yaml', `name: loopback-site\nbaseUrl: ${baseUrl}\n${extra}`);
}

export const mixedSuite = `suite: mixed
title: Mixed outcomes
inputs:
  patientId: { description: a patient, required: true }
  missingInput: { description: never supplied, required: false }
scenarios:
  - id: passes
    title: Variants are found
    requirement: REQ-A
    tags: [search]
    steps:
      - request: { path: Observation, query: { subject: "Patient/\${inputs.patientId}" } }
        expect:
          status: 200
          fhirpath:
            - { that: "entry.resource.code.coding.code", equals: "69548-6" }
  - id: fails
    title: Wrong code expected
    requirement: REQ-A
    steps:
      - request: { path: Observation, query: { subject: "Patient/\${inputs.patientId}" } }
        expect:
          fhirpath:
            - { that: "entry.resource.code.coding.code", equals: "12345-6" }
  - id: warns
    title: A self link is sent
    requirement: REQ-B
    severity: SHOULD
    steps:
      - request: { path: Observation, query: { subject: "Patient/\${inputs.patientId}" } }
        expect:
          fhirpath:
            - { that: "link.where(relation = 'self').exists()", is: true }
  - id: skips
    title: Needs an input the site does not supply
    steps:
      - request: { path: "Patient/\${inputs.missingInput}" }
`;
