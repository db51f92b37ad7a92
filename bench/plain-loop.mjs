// The baseline for the core figures: the same requests and FHIRPath checks as the benchmark suite, in a
// plain axios loop with compiled expressions, run by `concurrency` workers sharing the steps (default 1).
// Plain JavaScript, so no compile step is counted.
// Usage: node plain-loop.mjs <baseUrl> <steps> '<JSON list of FHIRPath expressions>' [concurrency]
import axios from 'axios';
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4/index.js';

const [baseUrl, stepsText, expressionsJson, concurrencyText] = process.argv.slice(2);
const checks = JSON.parse(expressionsJson ?? '[]').map((expression) => fhirpath.compile(expression, r4));
let failures = 0;
let remaining = Number(stepsText);

async function worker() {
  while (remaining > 0) {
    remaining -= 1;
    const res = await axios.get(`${baseUrl}/Observation`, { params: { subject: 'Patient/p1' } });
    if (res.status !== 200) failures += 1;
    for (const check of checks) if (check(res.data).length === 0) failures += 1;
  }
}

await Promise.all(Array.from({ length: Number(concurrencyText ?? 1) }, worker));
if (failures > 0) console.error(`${failures} unexpected results`);
