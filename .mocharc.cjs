// Mocha settings for the project's own tests (not for conformance runs, which build mocha programmatically).
// @medplum/core needs a global WebSocket; Node 20 only has it behind --experimental-websocket.
const nodeOptions = ['import=tsx'];
if (typeof WebSocket === 'undefined') nodeOptions.push('experimental-websocket');

module.exports = {
  spec: ['test/**/*.spec.ts'],
  timeout: 20000,
  'node-option': nodeOptions,
};
