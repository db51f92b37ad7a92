// The Newman side of the fgc vs Newman comparison: a Postman collection whose one request, run once per data row, reads a
// Patient and checks it exactly as the equivalent fgc suite does (status, content type, resourceType, id).

/** Postman Collection v2.1. */
export function patientReadCollection(baseUrl: string): object {
  return {
    info: {
      name: 'fgc bench: Patient reads',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    variable: [{ key: 'baseUrl', value: baseUrl }],
    item: [
      {
        name: 'read Patient',
        request: {
          method: 'GET',
          header: [{ key: 'Accept', value: 'application/fhir+json' }],
          url: '{{baseUrl}}/Patient/{{patientId}}',
        },
        event: [
          {
            listen: 'test',
            script: {
              type: 'text/javascript',
              exec: [
                "pm.test('status is 200', () => pm.response.to.have.status(200));",
                "pm.test('content type is FHIR JSON', () => pm.expect(pm.response.headers.get('Content-Type')).to.include('application/fhir+json'));",
                'const body = pm.response.json();',
                "pm.test('resourceType is Patient', () => pm.expect(body.resourceType).to.eql('Patient'));",
                "pm.test('id is the one asked for', () => pm.expect(body.id).to.eql(pm.iterationData.get('patientId')));",
              ],
            },
          },
        ],
      },
    ],
  };
}

/** The same ids the fgc suite reads: `bench-1` … `bench-<count>`. */
export function patientIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `bench-${i + 1}`);
}

/** Newman's iteration data: one row per request. */
export function iterationData(count: number): { patientId: string }[] {
  return patientIds(count).map((patientId) => ({ patientId }));
}
