// `npm run bench [-- figure...]`: prints performance figures (all, or the ones named: core, newman, paging,
// server, validation). Each figure lives in its own module below; none is a test.
import { availableParallelism } from 'node:os';

const figures: { key: string; name: string; load: () => Promise<{ run: () => Promise<void> }> }[] = [
  { key: 'core', name: 'Core harness: overhead and concurrency', load: () => import('./core.js') },
  { key: 'newman', name: 'fgc vs Newman', load: () => import('./newman.js') },
  { key: 'paging', name: 'paging memory', load: () => import('./paging-memory.js') },
  { key: 'server', name: 'reference server', load: () => import('./server.js') },
  {
    key: 'validation',
    name: 'Profile validation (307 IG example pairs)',
    load: () => import('./validation.js'),
  },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((key) => !figures.some((f) => f.key === key));
if (unknown.length > 0) {
  console.error(
    `unknown figure ${unknown.join(', ')}; the figures are ${figures.map((f) => f.key).join(', ')}`,
  );
  process.exit(2);
}

console.log(`Node ${process.version}, ${availableParallelism()} CPUs`);
for (const figure of figures.filter((f) => wanted.length === 0 || wanted.includes(f.key))) {
  console.log(`\n== ${figure.name}`);
  const { run } = await figure.load();
  await run();
}
