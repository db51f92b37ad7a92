// The CLI entry point: help, version and exit codes for bad usage.
import { expect } from 'chai';
import { runCli } from '../src/cli/main.js';
import { captureOutput } from './helpers/capture-output.js';

describe('fgc CLI', () => {
  it('prints help listing the commands and exits 0', async () => {
    const out = await captureOutput(() => runCli(['node', 'fgc', '--help']));
    expect(out.result).to.equal(0);
    expect(out.stdout).to.include('Usage: fgc');
    expect(out.stdout).to.include('ig');
  });

  it('exits 2 on an unknown command', async () => {
    const out = await captureOutput(() => runCli(['node', 'fgc', 'frobnicate']));
    expect(out.result).to.equal(2);
    expect(out.stderr).to.match(/unknown command/i);
  });
});
