// `fgc validate`: exit codes, text and OperationOutcome output, Bundles entry by entry, bad input.
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { captureOutput } from '../helpers/capture-output.js';
import { igPackageDir } from '../validation/ig-examples.js';
import { GR, example } from '../validation/shared-validator.js';

describe('fgc validate', () => {
  let dir: string;
  const fgc = (...args: string[]) => captureOutput(() => runCli(['node', 'fgc', 'validate', ...args]));
  const write = async (name: string, content: unknown) => {
    const file = join(dir, name);
    await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fgc-validate-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('exits 0 for a valid example, using its meta.profile', async () => {
    const file = await write('variant.json', await example('Observation-ATR-insertion-var.json'));
    const out = await fgc(file);
    expect(out.result).to.equal(0);
    expect(out.stdout).to.include(`${file}: valid (0 error(s)`);
    expect(out.stdout).not.to.include('base FHIR R4 only');
  });

  it('says when a resource was checked against base FHIR R4 only', async () => {
    const file = await write('plain.json', {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
    });
    const out = await fgc(file);
    expect(out.result).to.equal(0);
    expect(out.stdout).to.include(
      'valid (0 error(s), 1 warning(s); 1 resource/profile check(s)); checked against base FHIR R4 only',
    );
  });

  it('exits 1 and names the location when the resource does not conform', async () => {
    const variant = await example('Observation-ATR-insertion-var.json');
    variant.status = 'done';
    const out = await fgc(await write('bad.json', variant));
    expect(out.result).to.equal(1);
    expect(out.stdout).to.match(/error: Observation\.status: .*observation-status/);
  });

  it('validates each Bundle entry against its own meta.profile', async () => {
    const bundle = await example('Bundle-bundle-cgexample.json');
    const entries = bundle.entry as { resource: Record<string, unknown> }[];
    const variant = entries.findIndex((e) =>
      (e.resource.meta as { profile?: string[] })?.profile?.includes(`${GR}variant`),
    );
    delete (entries[variant]!.resource as { category?: unknown }).category;
    const out = await fgc(await write('bundle.json', bundle));
    expect(out.result).to.equal(1);
    expect(out.stdout).to.include(`error: Bundle.entry[${variant}].resource.category:`);
  });

  it('applies --profile to the Bundle entries of that profile type', async () => {
    const out = await fgc(
      await write('b2.json', await example('Bundle-bundle-cgexample.json')),
      '--profile',
      `${GR}haplotype`,
    );
    expect(out.result).to.equal(1);
    expect(out.stdout).to.match(/Bundle\.entry\[\d+\]\.resource\.code: must match the pattern/);
  });

  it('prints an OperationOutcome with --json', async () => {
    const variant = await example('Observation-ATR-insertion-var.json');
    variant.effectiveDateTime = 'yesterday';
    const out = await fgc(await write('json.json', variant), '--json');
    expect(out.result).to.equal(1);
    const outcome = JSON.parse(out.stdout) as {
      resourceType: string;
      issue: { severity: string; expression: string[] }[];
    };
    expect(outcome.resourceType).to.equal('OperationOutcome');
    expect(outcome.issue).to.deep.include.members([
      {
        severity: 'error',
        code: 'invalid',
        details: { text: '"yesterday" is not a valid dateTime' },
        expression: ['Observation.effectiveDateTime'],
      },
    ]);
  });

  it('wraps several files in a collection Bundle with --json', async () => {
    const a = await write('a.json', await example('Observation-ATR-insertion-var.json'));
    const out = await fgc(a, a, '--json');
    expect(out.result).to.equal(0);
    expect(JSON.parse(out.stdout)).to.include({ resourceType: 'Bundle', type: 'collection' });
  });

  it('loads an IG from a package folder with --ig', async () => {
    const file = await write('ig.json', await example('Observation-ATR-insertion-var.json'));
    const out = await fgc(file, '--ig', await igPackageDir());
    expect(out.result).to.equal(0);
    expect(out.stdout).to.include('valid (0 error(s)');
  });

  it('exits 2 for a missing file', async () => {
    const out = await fgc(join(dir, 'nope.json'));
    expect(out.result).to.equal(2);
    expect(out.stderr).to.include('nope.json: no such file');
  });

  it('exits 2 for a file that is not JSON', async () => {
    const out = await fgc(await write('text.json', 'resourceType: Observation'));
    expect(out.result).to.equal(2);
    expect(out.stderr).to.include('not valid JSON');
  });

  it('exits 2 for JSON that is not a resource', async () => {
    const out = await fgc(await write('array.json', [1, 2]));
    expect(out.result).to.equal(2);
    expect(out.stderr).to.include('not a FHIR resource');
  });

  it('exits 2 for an unknown --profile', async () => {
    const file = await write('v.json', await example('Observation-ATR-insertion-var.json'));
    const out = await fgc(file, '--profile', 'http://example.org/StructureDefinition/nothing');
    expect(out.result).to.equal(2);
    expect(out.stderr).to.include('unknown profile http://example.org/StructureDefinition/nothing');
    expect(out.stderr).not.to.include('did you mean');
  });

  it('suggests the profile URL for a profile given by its id or misspelt', async () => {
    const file = await write('v2.json', await example('Observation-ATR-insertion-var.json'));
    const variant = 'http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/variant';
    for (const given of ['Variant', variant.replace('variant', 'varient')]) {
      const out = await fgc(file, '--profile', given);
      expect(out.result).to.equal(2);
      expect(out.stderr).to.include(`unknown profile ${given} (did you mean "${variant}"?)`);
    }
  });

  it('warns about a meta.profile it does not have and checks the base resource', async () => {
    const file = await write('p.json', {
      resourceType: 'Patient',
      meta: { profile: ['http://example.org/p'] },
      gender: 'x',
    });
    const out = await fgc(file);
    expect(out.result).to.equal(1);
    expect(out.stdout).to.include(
      'warning: Patient: meta.profile http://example.org/p is not in the loaded packages',
    );
    expect(out.stdout).to.include('error: Patient.gender:');
  });
});
