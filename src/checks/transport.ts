// The `transport` check: the server gave a usable answer. A fault (refused, reset, timeout, not JSON, 5xx,
// too large...) becomes one failing check whose message names the request and the cause.
import type { ServerFault } from '../common/errors.js';
import type { Verdict } from './types.js';

export const TRANSPORT_DESCRIPTION = 'the server answered usably';

export function transportFailure(fault: ServerFault): Verdict {
  return {
    outcome: 'fail',
    expected: 'a usable response',
    actual: fault.code,
    message: `${TRANSPORT_DESCRIPTION}: ${fault.message} [${fault.code}]`,
  };
}
