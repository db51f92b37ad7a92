// Reference server figures: start-up time, and p50 / p95 latency of a search and of each of the 17
// operations at concurrency 8 over loopback (a fixed number of requests each).
import { startReferenceServer } from '../src/server/index.js';

const CONCURRENCY = 8;
const REQUESTS = 160;

const REQUESTS_BY_TARGET: [string, string][] = [
  ['search Observation?code=69548-6&_count=50', 'Observation?code=http://loinc.org|69548-6&_count=50'],
  [
    '$find-subject-variants',
    '$find-subject-variants?subject=CGPatientExample01&ranges=NC_000010.10:96400000-96600000&includeVariants=true',
  ],
  [
    '$find-subject-specific-variants',
    '$find-subject-specific-variants?subject=CGPatientExample01&variants=NC_000010.10:96527333:C:A,NC_000010.10:g.96540410G>A',
  ],
  [
    '$find-subject-structural-intersecting-variants',
    '$find-subject-structural-intersecting-variants?subject=CGPatientExample01&ranges=NC_000022.10:42523000-42524000&includeVariants=true',
  ],
  [
    '$find-subject-structural-subsuming-variants',
    '$find-subject-structural-subsuming-variants?subject=CGPatientExample01&ranges=NC_000022.10:42524000-42525000',
  ],
  [
    '$find-subject-haplotypes',
    '$find-subject-haplotypes?subject=CGPatientExample01&genes=http://www.genenames.org|HGNC:2625,CYP2C19',
  ],
  [
    '$find-subject-specific-haplotypes',
    '$find-subject-specific-haplotypes?subject=somaticPatient&haplotypes=HLA-A*24',
  ],
  [
    '$find-subject-tx-implications',
    '$find-subject-tx-implications?subject=CGPatientExample01&treatments=http://www.nlm.nih.gov/research/umls/rxnorm|32968',
  ],
  [
    '$find-subject-dx-implications',
    '$find-subject-dx-implications?subject=CGPatientExample01&conditions=http://snomed.info/sct|398036000',
  ],
  [
    '$find-subject-molecular-consequences',
    '$find-subject-molecular-consequences?subject=HG00403&featureConsequences=http://www.sequenceontology.org|SO:0001575',
  ],
  ['$find-study-metadata', '$find-study-metadata?subject=CGPatientExample01'],
  [
    '$find-population-specific-variants',
    '$find-population-specific-variants?variants=NC_000010.10:96527333:C:A&includePatientList=true',
  ],
  [
    '$find-population-structural-intersecting-variants',
    '$find-population-structural-intersecting-variants?ranges=NC_000001.10:756000-757000',
  ],
  [
    '$find-population-structural-subsuming-variants',
    '$find-population-structural-subsuming-variants?ranges=NC_000001.10:756300-756310',
  ],
  [
    '$find-population-specific-haplotypes',
    '$find-population-specific-haplotypes?haplotypes=HLA-A*24&haplotypes=HLA-B*35',
  ],
  ['$find-population-tx-implications', '$find-population-tx-implications?treatments=warfarin'],
  [
    '$find-population-dx-implications',
    '$find-population-dx-implications?conditions=http://snomed.info/sct|699346009',
  ],
  [
    '$find-population-molecular-consequences',
    '$find-population-molecular-consequences?featureConsequences=SO:0001583',
  ],
];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function latencies(url: string): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < REQUESTS) {
      next++;
      const t0 = performance.now();
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return times.sort((a, b) => a - b);
}

export async function run(): Promise<void> {
  const starts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const server = await startReferenceServer();
    starts.push(performance.now() - t0);
    await server.close();
  }
  console.log(
    `start-up (IG examples + cohort): first ${starts[0]!.toFixed(0)} ms, then ${starts
      .slice(1)
      .map((s) => s.toFixed(0))
      .join(' / ')} ms`,
  );

  const server = await startReferenceServer();
  try {
    console.log(`latency at concurrency ${CONCURRENCY}, ${REQUESTS} requests each (ms):`);
    for (const [label, path] of REQUESTS_BY_TARGET) {
      const url = `${server.baseUrl}/${path}`;
      await latencies(url); // warm-up round
      const times = await latencies(url);
      console.log(
        `  ${label.padEnd(52)} p50 ${percentile(times, 50).toFixed(1).padStart(6)}  p95 ${percentile(times, 95).toFixed(1).padStart(6)}`,
      );
    }
  } finally {
    await server.close();
  }
}
