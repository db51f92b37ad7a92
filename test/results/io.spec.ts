// Loading results.json: clear errors for a missing file, bad JSON and another schema version.
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRunResult, ResultsFileError } from '../../src/results/io.js';
import { mixedRun } from '../reporters/fixtures/runs.js';

describe('readRunResult', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'fgc-results-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function error(): Promise<string> {
    const err = await readRunResult(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(ResultsFileError);
    return (err as Error).message;
  }

  it('reads a results.json written by a run', async () => {
    await writeFile(join(dir, 'results.json'), JSON.stringify(mixedRun()));
    expect((await readRunResult(dir)).target.name).to.equal('pilot-site-a');
  });

  it('says how to get one when results.json is missing', async () => {
    expect(await error())
      .to.include('results.json not found')
      .and.include('fgc run');
  });

  it('rejects a file that is not JSON', async () => {
    await writeFile(join(dir, 'results.json'), '{ nope');
    expect(await error()).to.include('is not valid JSON');
  });

  it('rejects another schema version, naming both versions', async () => {
    await writeFile(join(dir, 'results.json'), JSON.stringify({ ...mixedRun(), schemaVersion: 1 }));
    expect(await error())
      .to.include('schemaVersion 1')
      .and.include('reads schemaVersion 2');
  });

  it('rejects a JSON file that is not a run', async () => {
    await writeFile(join(dir, 'results.json'), '[]');
    expect(await error()).to.include('expected a JSON object');
    await writeFile(join(dir, 'results.json'), '{"schemaVersion":2}');
    expect(await error()).to.include('missing "target"');
  });
});
