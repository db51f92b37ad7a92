// Paging memory: the peak memory of `fgc run` while paging a 20,000-resource search (200 pages of 100) from the
// loopback bench server. Peak RSS comes from GNU time (%M): the largest process of the tree.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startBenchServer } from './newman-server.js';
import { benchWorkDir, runFgcCli } from './newman-run.js';

const TOTAL = 20_000;
const PAGE_SIZE = 100;
const TARGET_MB = 300;

const SUITE_YAML = `suite: bench/paging
title: Bench - page through a large search
scenarios:
  - id: all-variants
    title: Page through every variant Observation
    steps:
      - request:
          method: GET
          path: Observation
          query: { code: "69548-6", _count: "${PAGE_SIZE}" }
          page: all
          maxPages: ${TOTAL / PAGE_SIZE}
        expect:
          status: 200
          fhirpath:
            - that: Bundle.entry.count()
              equals: ${TOTAL}
`;

export async function run(): Promise<void> {
  console.log(
    `Paging memory: peak memory paging a ${TOTAL}-resource search (${TOTAL / PAGE_SIZE} pages of ${PAGE_SIZE})`,
  );
  if (!existsSync('/usr/bin/time')) {
    console.log('  not measured: GNU time (/usr/bin/time) is not installed');
    return;
  }
  const workDir = benchWorkDir('fgc-bench-paging-');
  const server = await startBenchServer({ searchTotal: TOTAL, pageSize: PAGE_SIZE });
  try {
    const suite = path.join(workDir, 'suites', 'bench', 'paging.yaml');
    mkdirSync(path.dirname(suite), { recursive: true });
    writeFileSync(suite, SUITE_YAML);
    const target = path.join(workDir, 'bench-target.yaml');
    writeFileSync(target, `name: bench\nbaseUrl: ${server.baseUrl}\nauth: { type: none }\n`);
    const reports = path.join(workDir, 'reports');
    const result = await runFgcCli(['run', suite, '--target', target, '--no-report', '--reports', reports]);
    if (result.peakRssMb === undefined) throw new Error('GNU time printed no peak RSS');
    const peakMb = result.peakRssMb;
    console.log(
      `  fgc run --no-report: ${server.pagesServed()} pages fetched, all entries merged for the checks`,
    );
    console.log(`  wall time ${(result.wallMs / 1000).toFixed(2)} s, peak RSS ${peakMb.toFixed(0)} MB`);
    console.log(`  target ≤ ${TARGET_MB} MB: ${peakMb <= TARGET_MB ? 'met' : 'NOT met'}`);
  } finally {
    await server.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}
