// The execution engine's public API: run a loaded suite against a target (contract sections 2–5).
export {
  SuiteRun,
  interruptedSkip,
  isSupplied,
  operationsOf,
  type PlannedScenario,
  type RunOptions,
} from './suite-run.js';
export { skip, type Skip } from './gates.js';
export type { EngineContext } from './context.js';
export { parseCapabilities, unclaimed, type ServerCapabilities } from './capabilities.js';
export { EngineError, type EngineErrorCode } from './errors.js';
export { encodeQueryComponent } from './url.js';
export { DEFAULT_MAX_PAGES } from './pager.js';
