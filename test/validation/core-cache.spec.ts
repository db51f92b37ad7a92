// The slim on-disk copy of the R4 core definitions: written on first use, read afterwards.
import { expect } from 'chai';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadR4Core } from '../../src/validation/core-cache.js';

describe('validation: the R4 core cache', () => {
  const saved = process.env.FGC_CACHE_DIR;
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fgc-core-cache-'));
    process.env.FGC_CACHE_DIR = join(dir, 'fgc');
  });
  after(async () => {
    if (saved === undefined) delete process.env.FGC_CACHE_DIR;
    else process.env.FGC_CACHE_DIR = saved;
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a slim copy with snapshots, value sets and code systems, then reads it back', () => {
    const first = loadR4Core();
    const files = readdirSync(join(dir, 'fgc'));
    expect(files).to.have.length(1);
    expect(files[0]).to.match(/^r4-core-medplum-[\d.]+-v\d+\.json$/);
    const observation = first.find((r) => r.url === 'http://hl7.org/fhir/StructureDefinition/Observation')!;
    const status = (observation.snapshot as { element: Record<string, unknown>[] }).element.find(
      (e) => e.id === 'Observation.status',
    )!;
    expect(status).to.not.have.property('definition');
    expect(status.binding).to.deep.equal({
      strength: 'required',
      valueSet: 'http://hl7.org/fhir/ValueSet/observation-status|4.0.1',
    });
    expect(
      first.some(
        (r) => r.resourceType === 'CodeSystem' && r.url === 'http://terminology.hl7.org/CodeSystem/v2-0074',
      ),
    ).to.equal(true);
    expect(loadR4Core()).to.have.length(first.length);
  });

  it('rebuilds a damaged cache file', () => {
    const file = join(dir, 'fgc', readdirSync(join(dir, 'fgc'))[0]!);
    writeFileSync(file, '{ not json');
    expect(loadR4Core().length).to.be.greaterThan(500);
    expect(existsSync(file)).to.equal(true);
  });
});
