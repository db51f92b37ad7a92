// Faults in a suite discovered while running it (unknown fixture, a variable with no value, a URL outside the
// target). They make the scenario `error`, without a stack: the suite author has to fix the suite.
import type { SourceLoc } from '../model/source.js';
import { formatLoc } from '../model/source.js';

export type EngineErrorCode =
  | 'UNKNOWN_FIXTURE'
  | 'UNSET_VARIABLE'
  | 'URL_OUTSIDE_TARGET'
  | 'BAD_PARAMETER'
  | 'BAD_REGEX'
  | 'BAD_EXPECTATION'
  | 'BAD_STEP';

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly loc?: SourceLoc,
  ) {
    super(loc ? `${formatLoc(loc)}: ${message}` : message);
    this.name = 'EngineError';
  }
}
