// The baseline for the overhead figure: the same requests and FHIRPath checks as the benchmark suite,
// in a plain sequential axios loop with compiled expressions. Plain JavaScript, so no compile step is
// counted. Usage: node plain-loop.mjs <baseUrl> <steps> '<JSON list of FHIRPath expressions>'
import axios from 'axios';
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4/index.js';

const [baseUrl, stepsText, expressionsJson] = process.argv.slice(2);
const checks = JSON.parse(expressionsJson ?? '[]').map((expression) => fhirpath.compile(expression, r4));
let failures = 0;
for (let i = 0; i < Number(stepsText); i++) {
  const res = await axios.get(`${baseUrl}/Observation`, { params: { subject: 'Patient/p1' } });
  if (res.status !== 200) failures += 1;
  for (const check of checks) if (check(res.data).length === 0) failures += 1;
}
if (failures > 0) console.error(`${failures} unexpected results`);
