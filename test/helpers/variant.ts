// The smallest Observation that reads as a genomic Variant (laboratory + GE categories, LOINC 69548-6, a
// LOINC answer): a fresh copy each call, for the profile-rule tests and the benchmark server.
export function minimalVariant() {
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' },
        ],
      },
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'GE' }] },
    ],
    code: { coding: [{ system: 'http://loinc.org', code: '69548-6' }] },
    valueCodeableConcept: { coding: [{ system: 'http://loinc.org', code: 'LA9633-4' }] },
  };
}
