// Waivers from the target config: `suite/scenario` covers a scenario's failures, `suite/scenario#check` one
// check. A waiver applies through its `expires` day (UTC); after that it no longer applies and results say so.
import type { WaiverApplied } from '../results/model.js';
import type { Waiver } from '../model/target.js';

export interface WaiverMatch {
  readonly waiver: Waiver;
  readonly live: boolean;
}

/** What a waiver names: `suite/scenario`, and `check` for `suite/scenario#check`. */
export function waivedTarget(waiver: Waiver): { readonly scenario: string; readonly check?: string } {
  const [scenario, check] = waiver.scenario.split('#', 2) as [string, string | undefined];
  return check === undefined ? { scenario } : { scenario, check };
}

export function todayUtc(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function isLive(waiver: Waiver, today: string): boolean {
  return waiver.expires === undefined || today <= waiver.expires;
}

/**
 * The waiver for a scenario (any of `fullIds`: the forEach item's id and the scenario's own) or, with
 * `checkId`, for one of its checks. A live waiver wins over an expired one.
 */
export function findWaiver(
  waivers: readonly Waiver[],
  fullIds: readonly string[],
  today: string,
  checkId?: string,
): WaiverMatch | undefined {
  let expired: WaiverMatch | undefined;
  for (const waiver of waivers) {
    const { scenario, check } = waivedTarget(waiver);
    if (!fullIds.includes(scenario) || check !== checkId) continue;
    if (isLive(waiver, today)) return { waiver, live: true };
    expired ??= { waiver, live: false };
  }
  return expired;
}

export function expiredNote(waiver: Waiver): string {
  return `waiver expired on ${waiver.expires} and no longer applies (${waiver.reason}; owner ${waiver.owner})`;
}

export function applied(waiver: Waiver): WaiverApplied {
  return {
    reason: waiver.reason,
    owner: waiver.owner,
    ...(waiver.expires ? { expires: waiver.expires } : {}),
  };
}
