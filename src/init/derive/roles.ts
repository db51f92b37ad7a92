// Choosing patients: each role (the variant patient, the study patient...) lists the patients that could play
// it with a quality (how many scenarios its data unlocks, how consistent it is). The best one is chosen;
// between equals, a patient already chosen for another role, then one that could play more roles, so a few
// patients cover most of the suites.
import type { Candidate, Chosen, DeriveContext } from './types.js';

export interface Role<Plan> {
  /** The patient input this role fills, e.g. `variantPatientId`. */
  readonly input: string;
  candidates(ctx: DeriveContext): Candidate<Plan>[];
  /** Why this patient, for the comment above the input. */
  describe(candidate: Candidate<Plan>): string;
}

export class RoleChooser {
  private readonly lists = new Map<Role<unknown>, Candidate<unknown>[]>();
  private readonly picks = new Map<Role<unknown>, Chosen<unknown> | undefined>();
  private readonly rolesOf = new Map<string, number>();
  private readonly chosenPatients = new Set<string>();

  /**
   * `roles` in the order they are chosen: an earlier role's patient is preferred by later ones. `pinned`: patient
   * inputs the site wrote by hand, which their roles keep (so the values derived for them fit that patient).
   */
  constructor(
    private readonly ctx: DeriveContext,
    private readonly roles: readonly Role<unknown>[],
    private readonly pinned: ReadonlyMap<string, string> = new Map(),
  ) {
    for (const role of roles) {
      const list = role.candidates(ctx);
      this.lists.set(role, list);
      for (const patient of new Set(list.map((c) => c.patient)))
        this.rolesOf.set(patient, (this.rolesOf.get(patient) ?? 0) + 1);
    }
    for (const role of roles) this.pick(role);
  }

  chosen<Plan>(role: Role<Plan>): Chosen<Plan> | undefined {
    if (!this.picks.has(role as Role<unknown>)) this.pick(role as Role<unknown>);
    return this.picks.get(role as Role<unknown>) as Chosen<Plan> | undefined;
  }

  /** How many patients could play the role. */
  candidateCount(role: Role<unknown>): number {
    return this.lists.get(role)?.length ?? role.candidates(this.ctx).length;
  }

  private pick(role: Role<unknown>): void {
    const all = this.lists.get(role) ?? role.candidates(this.ctx);
    const pin = this.pinned.get(role.input);
    const list = pin === undefined ? all : all.filter((c) => c.patient === pin);
    const best = [...list].sort(
      (a, b) =>
        b.quality - a.quality ||
        Number(this.chosenPatients.has(b.patient)) - Number(this.chosenPatients.has(a.patient)) ||
        (this.rolesOf.get(b.patient) ?? 0) - (this.rolesOf.get(a.patient) ?? 0) ||
        a.patient.localeCompare(b.patient),
    )[0];
    this.picks.set(role, best && { ...best, why: role.describe(best) });
    if (best) this.chosenPatients.add(best.patient);
  }

  /** Every role in choice order (for tests and the summary). */
  get order(): readonly Role<unknown>[] {
    return this.roles;
  }
}
