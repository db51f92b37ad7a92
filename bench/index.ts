// `npm run bench`: prints performance figures. Each figure lives in its own module below; none is a test.
const figures: { name: string; load: () => Promise<{ run: () => Promise<void> }> }[] = [
  { name: 'Core harness: overhead and concurrency', load: () => import('./core.js') },
  { name: 'Figure 3: fgc vs Newman', load: () => import('./newman.js') },
  { name: 'Figure 4: paging memory', load: () => import('./paging-memory.js') },
  { name: 'reference server', load: () => import('./server.js') },
  { name: 'Profile validation (307 IG example pairs)', load: () => import('./validation.js') },
];

for (const figure of figures) {
  console.log(`\n== ${figure.name}`);
  const { run } = await figure.load();
  await run();
}
if (figures.length === 0) console.log('No benchmark figures are registered yet.');
