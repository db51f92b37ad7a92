// `npm run bench`: prints performance figures. Each figure lives in its own module below; none is a test.
import { availableParallelism } from 'node:os';

const figures: { name: string; load: () => Promise<{ run: () => Promise<void> }> }[] = [
  { name: 'Core harness: overhead and concurrency', load: () => import('./core.js') },
  { name: 'Figure 3: fgc vs Newman', load: () => import('./newman.js') },
  { name: 'Figure 4: paging memory', load: () => import('./paging-memory.js') },
  { name: 'reference server', load: () => import('./server.js') },
  { name: 'Profile validation (307 IG example pairs)', load: () => import('./validation.js') },
];

console.log(`Node ${process.version}, ${availableParallelism()} CPUs`);
for (const figure of figures) {
  console.log(`\n== ${figure.name}`);
  const { run } = await figure.load();
  await run();
}
