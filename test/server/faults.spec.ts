// Every fault changes exactly what its description says: each faulted answer is compared with the
// normal answer to the same request, after applying the documented change to the normal one.
import { expect } from 'chai';
import type {
  Bundle,
  CapabilityStatement,
  Observation,
  OperationOutcome,
  Parameters,
  ParametersParameter,
} from '@medplum/fhirtypes';
import { type ReferenceServer, listFaults, startReferenceServer } from '../../src/server/index.js';
import { type Answer, get, op } from './client.js';
import { B38, variantFixtures } from './variant-fixtures.js';

const IG = 'http://hl7.org/fhir/uv/genomics-reporting';

/** The body without server-assigned meta (versionId, lastUpdated differ between two servers). */
function stable<T>(body: T): T {
  return JSON.parse(
    JSON.stringify(body, (k, v) => (k === 'versionId' || k === 'lastUpdated' ? undefined : v)),
  ) as T;
}

function mapParts(
  params: Parameters,
  fn: (p: ParametersParameter) => ParametersParameter | undefined,
): Parameters {
  const walk = (list: ParametersParameter[]): ParametersParameter[] =>
    list.flatMap((p) => {
      const m = fn(p);
      return m ? [m.part ? { ...m, part: walk(m.part) } : m] : [];
    });
  return { ...params, parameter: walk(params.parameter ?? []) };
}

type Request = (s: ReferenceServer) => Promise<Answer<unknown>>;
interface FaultCase {
  request: Request;
  /** Asserts the faulted answer differs from the normal one exactly as documented. */
  check: (normal: Answer<unknown>, faulted: Answer<unknown>) => void;
}

const variants =
  (query: Record<string, string | string[]>): Request =>
  (s) =>
    op(s, 'find-subject-variants', { subject: 'p1', ...query });
const sameExceptBody = (normal: Answer<unknown>, faulted: Answer<unknown>) => {
  expect(faulted.status).to.equal(normal.status);
  expect(faulted.contentType).to.equal(normal.contentType);
};

/** include-variants-default-true needs a third request and has its own test below. */
const CASES: Record<string, FaultCase | 'own test'> = {
  'include-variants-default-true': 'own test',
  'category-merged': {
    request: (s) => get(s, 'Observation/v38-snv'),
    check: (normal, faulted) => {
      const n = stable(normal.body) as Observation;
      expect(stable(faulted.body)).to.deep.equal({
        ...n,
        category: [{ coding: n.category!.flatMap((c) => c.coding!) }],
      });
    },
  },
  'stu2-profiles': {
    request: (s) => get(s, 'DiagnosticReport/r1'),
    check: (normal, faulted) => {
      const n = stable(normal.body) as object;
      expect(stable(faulted.body)).to.deep.equal({
        ...n,
        meta: { profile: [`${IG}/StructureDefinition/genomics-report`] },
      });
    },
  },
  'wrong-report-code': {
    request: (s) => get(s, 'DiagnosticReport/r1'),
    check: (normal, faulted) => {
      expect(stable(faulted.body)).to.deep.equal({
        ...(stable(normal.body) as object),
        code: {
          coding: [
            {
              system: 'http://loinc.org',
              code: '81247-9',
              display: 'Master HL7 genetic variant reporting panel',
            },
          ],
        },
      });
    },
  },
  'one-based-output': {
    request: variants({ ranges: `${B38}:1000-1001`, includeVariants: 'true' }),
    check: (normal, faulted) => {
      const expected = mapParts(stable(normal.body) as Parameters, (p) => {
        if (p.name !== 'variant') return p;
        const v = structuredClone(p.resource as Observation);
        for (const c of v.component!) {
          const code = c.code.coding![0]!.code;
          if (code === '92822-6')
            c.valueCodeableConcept = {
              coding: [
                { system: 'http://loinc.org', code: 'LA30102-0', display: '1-based character counting' },
              ],
            };
          if (code === '81254-5') c.valueRange!.low!.value! += 1;
        }
        return { ...p, resource: v };
      });
      expect(stable(faulted.body)).to.deep.equal(expected);
    },
  },
  'phasing-without-variants': {
    request: variants({ ranges: `${B38}:900-2100`, includePhasing: 'true' }),
    check: (normal, faulted) => {
      const expected = mapParts(stable(normal.body) as Parameters, (p) =>
        p.name === 'variant' || p.name === 'sequencePhaseRelationship' ? undefined : p,
      );
      expect(stable(faulted.body)).to.deep.equal(expected);
      expect(JSON.stringify(normal.body)).to.include('sequencePhaseRelationship');
    },
  },
  'closed-ranges': {
    request: variants({ ranges: `${B38}:900-1000,${B38}:900-1001` }),
    check: (normal, faulted) => {
      const presence = (a: Answer<unknown>) =>
        (a.body as Parameters).parameter!.map(
          (b) => b.part!.find((p) => p.name === 'presence')!.valueBoolean,
        );
      expect(presence(normal)).to.deep.equal([false, true]);
      expect(presence(faulted)).to.deep.equal([true, true]);
    },
  },
  'omit-absent': {
    request: variants({ ranges: `${B38}:1000-1001,${B38}:7000-8000` }),
    check: (normal, faulted) => {
      const n = normal.body as Parameters;
      expect(faulted.body).to.deep.equal({ ...n, parameter: [n.parameter![0]] });
    },
  },
  'testid-casing': {
    request: (s) => op(s, 'find-study-metadata', { subject: 'p1' }),
    check: (normal, faulted) =>
      expect(faulted.body).to.deep.equal(
        mapParts(normal.body as Parameters, (p) => (p.name === 'testId' ? { ...p, name: 'testID' } : p)),
      ),
  },
  'testdate-string': {
    request: (s) => op(s, 'find-study-metadata', { subject: 'p1' }),
    check: (normal, faulted) =>
      expect(faulted.body).to.deep.equal(
        mapParts(normal.body as Parameters, (p) =>
          p.name === 'testDate' ? { name: 'testDate', valueString: `${p.valueDateTime} 00:00:00` } : p,
        ),
      ),
  },
  'implications-without-targets': {
    request: (s) => op(s, 'find-subject-dx-implications', { subject: 'p1', ranges: `${B38}:0-100000` }),
    check: (normal, faulted) => {
      const n = stable(normal.body) as Parameters;
      expect(n.parameter!.map((p) => p.name)).to.deep.equal(['implication', 'variant']);
      expect(stable(faulted.body)).to.deep.equal({ ...n, parameter: [n.parameter![0]] });
    },
  },
  'date-range-or': {
    request: variants({ ranges: `${B38}:0-100000`, testDateRange: ['ge2022-01-01', 'le2021-12-31'] }),
    check: (normal, faulted) => {
      const presence = (a: Answer<unknown>) =>
        (a.body as Parameters).parameter![0]!.part!.find((p) => p.name === 'presence')!.valueBoolean;
      expect(presence(normal)).to.equal(false);
      expect(presence(faulted)).to.equal(true);
    },
  },
  'unknown-subject-400': {
    request: (s) => op(s, 'find-subject-variants', { subject: 'nobody', ranges: `${B38}:1-2` }),
    check: (normal, faulted) => {
      expect([normal.status, faulted.status]).to.deep.equal([404, 400]);
      expect(faulted.body).to.deep.equal(normal.body);
    },
  },
  'invalid-parameter-500': {
    request: variants({ ranges: 'chr7:1-2' }),
    check: (normal, faulted) => {
      expect([normal.status, faulted.status]).to.deep.equal([400, 500]);
      expect(faulted.body).to.deep.equal(normal.body);
    },
  },
  'plain-json-errors': {
    request: variants({ ranges: 'chr7:1-2' }),
    check: (normal, faulted) => {
      sameExceptBody(normal, faulted);
      const message = (normal.body as OperationOutcome).issue![0]!.diagnostics;
      expect(faulted.body).to.deep.equal({ error: 'Request Error', message, status: 400 });
    },
  },
  'json-content-type': {
    request: (s) => get(s, 'Observation/v38-snv'),
    check: (normal, faulted) => {
      expect(normal.contentType).to.equal('application/fhir+json; charset=utf-8');
      expect(faulted.contentType).to.equal('application/json; charset=utf-8');
      expect(stable(faulted.body)).to.deep.equal(stable(normal.body));
    },
  },
  'missing-next-link': {
    request: (s) => get(s, 'Observation?code=http://loinc.org|69548-6&_count=2'),
    check: (normal, faulted) => {
      const n = stable(normal.body) as Bundle;
      const port = (b: Bundle) => JSON.stringify(b).replace(/127\.0\.0\.1:\d+/g, 'HOST');
      expect(n.link!.map((l) => l.relation)).to.include('next');
      expect(port(stable(faulted.body) as Bundle)).to.equal(
        port({ ...n, link: n.link!.filter((l) => l.relation !== 'next') }),
      );
    },
  },
  'local-operation-definitions': {
    request: (s) => get(s, 'metadata'),
    check: (normal, faulted) => {
      const ops = (a: Answer<unknown>) => (a.body as CapabilityStatement).rest![0]!.operation!;
      const base = (faulted.body as CapabilityStatement).implementation!.url!;
      expect(ops(faulted)).to.deep.equal(
        ops(normal).map((o) => ({ name: o.name, definition: `${base}/OperationDefinition/${o.name}` })),
      );
      for (const o of ops(normal)) expect(o.definition).to.equal(`${IG}/OperationDefinition/${o.name}`);
    },
  },
};

const fixtures = [
  ...variantFixtures,
  {
    resourceType: 'Observation',
    id: 'dx-p1',
    status: 'final',
    code: { coding: [{ system: `${IG}/CodeSystem/tbd-codes-cs`, code: 'diagnostic-implication' }] },
    subject: { reference: 'Patient/p1' },
    derivedFrom: [{ reference: 'Observation/v38-snv' }],
  },
];

describe('reference server: faults', () => {
  let normal: ReferenceServer;
  before(
    async () =>
      (normal = await startReferenceServer({
        includeExamples: false,
        includeCohort: false,
        resources: fixtures,
      })),
  );
  after(() => normal.close());

  const withFault = async <T>(id: string, fn: (s: ReferenceServer) => Promise<T>): Promise<T> => {
    const server = await startReferenceServer({
      includeExamples: false,
      includeCohort: false,
      resources: fixtures,
      faults: [id],
    });
    try {
      return await fn(server);
    } finally {
      await server.close();
    }
  };

  it('lists at least 12 documented faults, each with the requirement ids it breaks, and tests every one', () => {
    const faults = listFaults();
    expect(faults.length).to.be.at.least(12);
    for (const f of faults) {
      expect(f.description.length, f.id).to.be.greaterThan(20);
      expect(f.breaks.length, f.id).to.be.greaterThan(0);
      for (const b of f.breaks) expect(b).to.match(/^(GR|OP|FHIR)-[A-Z0-9-]+$/);
    }
    expect(Object.keys(CASES).sort()).to.deep.equal(faults.map((f) => f.id).sort());
  });

  it('an unknown fault id is an error that lists the valid ones', async () => {
    let error: Error | undefined;
    await startReferenceServer({ includeExamples: false, includeCohort: false, faults: ['nope'] }).catch(
      (e: Error) => (error = e),
    );
    expect(error?.message).to.match(/Unknown fault id nope; valid ids: category-merged, /);
  });

  for (const [id, c] of Object.entries(CASES)) {
    if (c === 'own test') continue;
    it(`${id}: changes exactly what it says`, async () => {
      const before = await c.request(normal);
      const faulted = await withFault(id, c.request);
      c.check(before, faulted);
    });
  }

  it('include-variants-default-true: without includeVariants the answer equals includeVariants=true', async () => {
    const request = variants({ ranges: `${B38}:1000-1001` });
    const without = await request(normal);
    const withTrue = await variants({ ranges: `${B38}:1000-1001`, includeVariants: 'true' })(normal);
    const faulted = await withFault('include-variants-default-true', request);
    expect(JSON.stringify(without.body)).to.not.include('"variant"');
    expect(stable(faulted.body)).to.deep.equal(stable(withTrue.body));
  });
});
