// The shapes of `fgc init`'s derivations: a value for an input with where it came from, or why there is none.
import type { ServerCapabilities } from '../../engine/capabilities.js';
import type { SiteData } from '../site-data.js';

export type InputValue = string | boolean | readonly string[];

export interface Derived {
  readonly value: InputValue;
  /** The resources (or facts) it was derived from, for the comment above the input. */
  readonly from: string;
}

export interface NotDerived {
  /** Why no value: shown in the written config's list of inputs left to the site. */
  readonly reason: string;
}

export type Derivation = Derived | NotDerived;

export function isDerived(d: Derivation): d is Derived {
  return 'value' in d;
}

export function derived(value: InputValue, from: string): Derived {
  return { value, from };
}

export function notDerived(reason: string): NotDerived {
  return { reason };
}

/** A patient a role could use, how well it serves the role (higher is better), and the role's facts about it. */
export interface Candidate<Plan> {
  readonly patient: string;
  readonly quality: number;
  readonly plan: Plan;
}

export interface Chosen<Plan> extends Candidate<Plan> {
  /** Why this patient, for the comment: `12 Variants, a structural variant`. */
  readonly why: string;
}

export interface DeriveContext {
  readonly data: SiteData;
  /** What the server claims (plus the config's operations). */
  readonly claims: ServerCapabilities;
  /** Whether the server answered GET metadata with a CapabilityStatement. */
  readonly hasCapabilityStatement: boolean;
  /** Searches whose every page was read (their results are all the site has). */
  readonly complete: ReadonlySet<string>;
}
