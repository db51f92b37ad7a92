// The execution engine's public API: run a loaded suite against a target (docs/suite-format.md says what
// each step, check and skip means).
export {
  SuiteRun,
  isSupplied,
  suppliedInputs,
  calledOperations,
  type PlannedScenario,
  type AttemptPolicy,
} from './suite-run.js';
export { interruptedSkip, skip, type Skip } from './gates.js';
export type { EngineContext } from './context.js';
export { parseCapabilities, unclaimed, type ServerCapabilities } from './capabilities.js';
export { encodeQueryComponent } from './url.js';
export { isLive, todayUtc, waivedTarget } from './waivers.js';
export { DEFAULT_MAX_PAGES } from './pager.js';
