// Profile validation speed on the IG's 307 (example, declared profile) pairs: start-up, cold (first pass,
// profiles compiled on the way) and warm validations per second, and memory (RSS). Warm is the steady rate
// a long run sees: timed after a few untimed passes, in which V8 still compiles the hot code on its
// background threads (CPU time counts every thread).
import { createValidator } from '../src/validation/index.js';
import { loadExamplePairs, type ExamplePair } from '../test/validation/ig-examples.js';

const WARM_UP_ROUNDS = 5;
const WARM_ROUNDS = 20;
const TARGET_PER_CPU_SECOND = 3000;

export async function run(): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  const t = performance.now();
  const validator = await createValidator();
  const loadMs = performance.now() - t;
  const { pairs } = await loadExamplePairs();

  let errors = 0;
  const cold = timed(() => (errors = pass(validator, pairs)));
  for (let i = 0; i < WARM_UP_ROUNDS; i++) pass(validator, pairs);
  const warm = timed(() => {
    for (let i = 0; i < WARM_ROUNDS; i++) pass(validator, pairs);
  });
  // Fresh copies defeat the per-object cache of profile-discriminator results (as with new server responses).
  const copies = Array.from({ length: WARM_ROUNDS }, () => freshCopies(pairs));
  const fresh = timed(() => {
    for (const copy of copies) pass(validator, copy);
  });

  const rate = (n: number, t: { wallMs: number; cpuMs: number }) =>
    `${perSecond(n, t.wallMs)} validations/s (${perSecond(n, t.cpuMs)}/s by CPU time)`;
  console.log(`pairs validated:            ${pairs.length} (errors: ${errors})`);
  console.log(`createValidator():          ${loadMs.toFixed(0)} ms (R4 core + IG package)`);
  console.log(`cold (first pass):          ${rate(pairs.length, cold)}`);
  console.log(`warm-up:                    ${WARM_UP_ROUNDS} passes, not timed`);
  console.log(`warm (same objects):        ${rate(pairs.length * WARM_ROUNDS, warm)}`);
  console.log(`warm (fresh copies):        ${rate(pairs.length * WARM_ROUNDS, fresh)}`);
  console.log(
    `(target for both warm figures: >= ${TARGET_PER_CPU_SECOND.toLocaleString('en-US')}/s by CPU time)`,
  );
  console.log(
    '(CPU time is the steadier figure on a shared machine; wall time includes waiting for the CPU.)',
  );
  console.log(
    `RSS:                        ${mib(process.memoryUsage().rss)} MiB (${mib(rssBefore)} MiB before loading)`,
  );
}

function perSecond(n: number, ms: number): string {
  return Math.round((n / ms) * 1000).toLocaleString('en-US');
}

/** Wall-clock and CPU time of a synchronous piece of work. */
function timed(work: () => void): { wallMs: number; cpuMs: number } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  work();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 };
}

function pass(validator: Awaited<ReturnType<typeof createValidator>>, pairs: readonly ExamplePair[]): number {
  let errors = 0;
  for (const p of pairs) {
    const issues = validator.validate(p.resource, p.profile, p.bundle ? { bundle: p.bundle } : {});
    errors += issues.filter((i) => i.severity === 'error').length;
  }
  return errors;
}

function freshCopies(pairs: readonly ExamplePair[]): ExamplePair[] {
  const bundles = new Map<object, Record<string, unknown>>();
  return pairs.map((p) => {
    if (!p.bundle) return { ...p, resource: structuredClone(p.resource) };
    let bundle = bundles.get(p.bundle);
    if (!bundle) bundles.set(p.bundle, (bundle = structuredClone(p.bundle)));
    const index = (p.bundle.entry as { resource: unknown }[]).findIndex((e) => e.resource === p.resource);
    return {
      ...p,
      bundle,
      resource: (bundle.entry as { resource: Record<string, unknown> }[])[index]!.resource,
    };
  });
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}
