// Mocha settings for the project's own tests (not for conformance runs, which build mocha programmatically).
// Some tests import @medplum/core directly, which needs a global WebSocket; Node 20 only has it behind
// --experimental-websocket. (The CLI does not: src/server/websocket-shim.ts loads before Medplum.)
const nodeOptions = ['import=tsx'];
if (typeof WebSocket === 'undefined') nodeOptions.push('experimental-websocket');

// fgc's caches (suite models, R4 core) go to a folder of the tests' own, not the user's ~/.cache/fgc.
process.env.FGC_CACHE_DIR ??= `${process.env.TMPDIR || '/tmp'}/fgc-test-cache`;

module.exports = {
  spec: ['test/**/*.spec.ts'],
  timeout: 20000,
  'node-option': nodeOptions,
};
