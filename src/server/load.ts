// The one way the CLI loads the reference server. @medplum/core reads a global WebSocket when it loads,
// which Node 20 lacks, so the shim must run first. Inside the bundled CLI (dist/), static imports of
// external packages run before the code around them, so only an import awaited here keeps that order.
export async function loadReferenceServer(): Promise<typeof import('./index.js')> {
  await import('./websocket-shim.js');
  return import('./index.js');
}
