// The reference server's synthetic cohort (src/server/data/cohort/, written by helper `content`) must
// validate against the IG: every Bundle, and every entry against its meta.profile, like `fgc validate`.
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validateFile } from '../../src/validation/files.js';
import { sharedValidator } from './shared-validator.js';

const COHORT = join(import.meta.dirname, '..', '..', 'src', 'server', 'data', 'cohort');

describe('validation: the synthetic cohort', () => {
  it('has no profile errors', async () => {
    const validator = await sharedValidator();
    const files = readdirSync(COHORT).filter((f) => f.endsWith('.json'));
    expect(files.length).to.be.greaterThan(0);
    const errors: string[] = [];
    let checks = 0;
    for (const file of files) {
      const outcome = await validateFile(validator, join(COHORT, file));
      checks += outcome.checked.length;
      for (const issue of outcome.issues)
        if (issue.severity === 'error') errors.push(`${file}: ${issue.location}`);
    }
    expect(checks).to.be.greaterThan(files.length); // entries were checked, not only the Bundles
    expect(errors).to.deep.equal([]);
  });
});
