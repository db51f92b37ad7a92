// `conformsTo`: through the ProfileValidator port; without a validator the check is `error`.
import { expect } from 'chai';
import { checkConformsTo, conformsToChecks } from '../../src/checks/conforms-to.js';
import type { ProfileValidator } from '../../src/model/validation.js';
import { checkContext, fp, loc } from '../engine/builders.js';

const PROFILE = 'http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/variant';

/** Flags every Observation without a `valueCodeableConcept` as an error. */
const validator: ProfileValidator = {
  hasProfile: (url) => url === PROFILE,
  validate: (resource) =>
    (resource as { valueCodeableConcept?: unknown }).valueCodeableConcept
      ? [{ severity: 'warning', location: 'Observation.note', message: 'note is advised' }]
      : [
          {
            severity: 'error',
            location: 'Observation.value[x]',
            message: 'minimum required = 1, but only found 0',
          },
        ],
};

const good = { resourceType: 'Observation', id: 'good', valueCodeableConcept: { text: 'present' } };
const bad = { resourceType: 'Observation', id: 'bad' };
const bundle = { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: good }, { resource: bad }] };

describe('checks/conformsTo', () => {
  it('passes when the response validates with no error-level issue (warnings kept)', () => {
    const verdict = checkConformsTo({ profile: PROFILE, loc: loc() }, checkContext(good, { validator }));
    expect(verdict.outcome).to.equal('pass');
    expect(verdict.issues?.[0]?.message).to.match(/note is advised/);
  });
  it('fails naming the resource, its location and the first error', () => {
    const verdict = checkConformsTo(
      { profile: PROFILE, select: fp('Bundle.entry.resource'), loc: loc() },
      checkContext(bundle, { validator }),
    );
    expect(verdict.outcome).to.equal('fail');
    expect(verdict.location).to.equal('Bundle.entry[1].resource = Observation/bad Observation.value[x]');
    expect(verdict.message).to.match(/1 of 2 resources with errors; first: minimum required = 1/);
    expect(
      verdict.issues?.some((i) => i.message.startsWith('Bundle.entry[1].resource = Observation/bad:')),
    ).to.equal(true);
  });
  it('counts selected resources against minimum', () => {
    const verdict = checkConformsTo(
      { profile: PROFILE, select: fp("Bundle.entry.resource.where(id = 'good')"), minimum: 2, loc: loc() },
      checkContext(bundle, { validator }),
    );
    expect(verdict.message).to.match(/expected "at least 2 resources", got 1/);
  });
  it("tests its own requirements at their level when it names them, else the scenario's", () => {
    const expectation = (conformsTo: object) =>
      ({ headers: {}, headerExists: [], fhirpath: [], conformsTo, loc: loc() }) as Parameters<
        typeof conformsToChecks
      >[0];
    const [own] = conformsToChecks(
      expectation({
        profile: PROFILE,
        trace: { requirements: ['R-SHOULD'], severity: 'SHOULD' },
        loc: loc(),
      }),
    );
    expect(own).to.deep.include({ requirements: ['R-SHOULD'], severity: 'SHOULD' });
    const [inherited] = conformsToChecks(expectation({ profile: PROFILE, loc: loc() }));
    expect(inherited!.requirements).to.equal(undefined);
    expect(inherited!.severity).to.equal(undefined);
  });
  it('without a validator the check is an error, not a failure', () => {
    const verdict = checkConformsTo({ profile: PROFILE, loc: loc() }, checkContext(good));
    expect(verdict.outcome).to.equal('error');
    expect(verdict.message).to.match(/profile validation is not available/);
  });
  it('an unknown profile is an error naming it', () => {
    const verdict = checkConformsTo(
      { profile: 'http://x/unknown', loc: loc() },
      checkContext(good, { validator }),
    );
    expect(verdict.outcome).to.equal('error');
    expect(verdict.message).to.match(/http:\/\/x\/unknown is not loaded/);
  });
});
