// The pharmacogenomics patient (haplotypes and genotypes, their genes, a gene without results and a gene token in
// another case, names present and absent, two names no patient holds together) and the HLA patient (alleles
// present), as found in Haplotype (84414-2) and Genotype (84413-4) Observations.
import type { CodeableConcept, Coding, Observation } from '@medplum/fhirtypes';
import { Codes, component, components } from '../../server/genomics/codes.js';
import { observationsOf, patientOf, type PatientHoldings, type SiteData } from '../site-data.js';
import type { Role } from './roles.js';
import { type Candidate, type Derivation, derived, notDerived } from './types.js';

interface CallsPlan {
  readonly calls: readonly Observation[];
  readonly haplotypes: number;
  readonly genotypes: number;
}

const isHla = (obs: Observation): boolean => names(obs.valueCodeableConcept).some((n) => /^HLA-/i.test(n));

/** The names a haplotype or genotype value goes by: its text, then each coding's display and code. */
function names(value: CodeableConcept | undefined): string[] {
  return [value?.text, ...(value?.coding ?? []).flatMap((c) => [c.display, c.code])].filter(
    (n): n is string => Boolean(n?.trim()),
  );
}

/** A call's value as a token (its first name) and, when coded, as `system|code`. */
export function valueForms(obs: Observation): string[] {
  const coding = obs.valueCodeableConcept?.coding?.find((c) => c.system && c.code);
  const token = names(obs.valueCodeableConcept)[0];
  return [
    ...new Set([token, coding && `${coding.system}|${coding.code}`].filter((v): v is string => Boolean(v))),
  ];
}

function callsOf(p: PatientHoldings, hla: boolean): Observation[] {
  return [...observationsOf(p, 'haplotype'), ...observationsOf(p, 'genotype')].filter(
    (o) => isHla(o) === hla && o.valueCodeableConcept,
  );
}

function derivedFromResolves(data: SiteData, obs: Observation): boolean {
  return (obs.derivedFrom ?? []).length > 0 && (obs.derivedFrom ?? []).every((d) => data.has(d.reference));
}

function callsRole(input: string, hla: boolean): Role<CallsPlan> {
  return {
    input,
    candidates: (ctx) =>
      [...ctx.data.patients().values()].flatMap((p): Candidate<CallsPlan>[] => {
        const calls = callsOf(p, hla);
        if (calls.length === 0) return [];
        const haplotypes = calls.filter((o) => observationsOf(p, 'haplotype').includes(o)).length;
        const genotypes = calls.length - haplotypes;
        const quality =
          (haplotypes > 0 && genotypes > 0 ? 50 : 0) +
          (calls.some((o) => component(o, Codes.geneStudied)) ? 30 : 0) +
          (calls.every((o) => derivedFromResolves(ctx.data, o)) ? 20 : 0) +
          (calls.length > 2 ? 5 : 0);
        return [{ patient: p.id, quality, plan: { calls, haplotypes, genotypes } }];
      }),
    describe: ({ plan }) => `${plan.haplotypes} Haplotype(s) and ${plan.genotypes} Genotype(s)`,
  };
}

export const pgxRole = callsRole('pgxPatientId', false);
export const hlaRole = callsRole('hlaPatientId', true);

const refs = (calls: readonly Observation[]) => calls.map((o) => `Observation/${o.id}`).join(', ');

/** `CYP2C19 *1/*2` → gene CYP2C19 with alleles 1 and 2. */
function starAlleles(name: string): { gene: string; alleles: Set<string> } | undefined {
  const match = /^([A-Za-z0-9-]+?)[\s_]*\*/.exec(name);
  if (!match) return undefined;
  return {
    gene: match[1]!.toUpperCase(),
    alleles: new Set([...name.matchAll(/\*(\d+)/g)].map((m) => m[1]!)),
  };
}

/** A star allele of the same gene that no call in `among` names; `nobody` says who lacks it, for the comment. */
function absentHaplotype(
  calls: readonly Observation[],
  among: readonly Observation[],
  nobody: string,
): Derivation {
  const star = calls
    .flatMap((o) => names(o.valueCodeableConcept))
    .map(starAlleles)
    .find(Boolean);
  if (!star) return notDerived('no haplotype or genotype is named with a star allele (GENE*n)');
  const taken = new Set(
    among
      .flatMap((o) => names(o.valueCodeableConcept))
      .map(starAlleles)
      .filter((s) => s?.gene === star.gene)
      .flatMap((s) => [...s!.alleles]),
  );
  for (let n = 2; n < 100; n++)
    if (!taken.has(String(n))) return derived([`${star.gene}*${n}`], `a ${star.gene} star allele ${nobody}`);
  return notDerived(`every ${star.gene} star allele up to 99 is held`);
}

/** The gene-studied (48018-6) concepts of calls. */
const geneConcepts = (calls: readonly Observation[]): CodeableConcept[] =>
  calls.flatMap((o) =>
    components(o, Codes.geneStudied).flatMap((c) => (c.valueCodeableConcept ? [c.valueCodeableConcept] : [])),
  );

/** TPMT, a pharmacogene few panels leave out, when the site's data names no other gene in the patient's system. */
const FALLBACK_GENE = { code: 'HGNC:12014', name: 'TPMT' };

/**
 * A gene the patient has no haplotype or genotype for, written as its calls write genes (the same system, or a
 * bare code): from another patient's calls or Variants, else TPMT when the system is HGNC's.
 */
function geneWithout(patient: string, calls: readonly Observation[], data: SiteData): Derivation {
  const own = geneConcepts(
    [...data.ofKind('haplotype'), ...data.ofKind('genotype')].filter((o) => patientOf(o) === patient),
  );
  const ownCoding = geneConcepts(calls)
    .flatMap((g) => g.coding ?? [])
    .find((c) => c.code);
  if (!ownCoding)
    return notDerived(`the calls of Patient/${patient} have no gene-studied component (48018-6)`);
  const system = ownCoding.system;
  const held = new Set(
    own
      .flatMap((g) => [g.text, ...(g.coding ?? []).flatMap((c) => [c.code, c.display])])
      .flatMap((n) => (n ? [n.toLowerCase()] : [])),
  );
  const free = (c: Coding) =>
    c.system === system &&
    c.code !== undefined &&
    ![c.code, c.display].some((n) => n && held.has(n.toLowerCase()));
  const form = (code: string) => (system ? `${system}|${code}` : code);
  const elsewhere = [...data.ofKind('haplotype'), ...data.ofKind('genotype'), ...data.ofKind('variant')];
  for (const obs of elsewhere) {
    const coding = geneConcepts([obs])
      .flatMap((g) => g.coding ?? [])
      .find(free);
    if (coding)
      return derived(
        form(coding.code!),
        `gene-studied of Observation/${obs.id}; no Haplotype or Genotype of Patient/${patient} names it`,
      );
  }
  if (
    system?.includes('genenames.org') &&
    /^HGNC:\d+$/.test(ownCoding.code!) &&
    !held.has(FALLBACK_GENE.code.toLowerCase())
  )
    return derived(
      form(FALLBACK_GENE.code),
      `${FALLBACK_GENE.name}: no Haplotype or Genotype of Patient/${patient} names it`,
    );
  return notDerived(
    `no gene in ${system ?? 'the bare codes'} the calls use is free of results for Patient/${patient}`,
  );
}

/** A gene token (display, text, or a bare code) of the patient's calls, in another letter case. */
function geneTokenOtherCase(patient: string, calls: readonly Observation[]): Derivation {
  for (const gene of geneConcepts(calls)) {
    const coding = gene.coding?.find((c) => c.code);
    const token = coding?.display ?? gene.text ?? (coding?.system ? undefined : coding?.code);
    const other = token && (token.toLowerCase() !== token ? token.toLowerCase() : token.toUpperCase());
    if (token && other !== token)
      return derived(
        other!,
        `${token}, the gene-studied of calls of Patient/${patient}, in another letter case`,
      );
  }
  return notDerived(`the calls of Patient/${patient} name no gene by a token with letters (display or text)`);
}

/** The names of a call as a server may match them: lower case, no spaces, a genotype also split into alleles. */
function matchNames(obs: Observation): string[] {
  return names(obs.valueCodeableConcept)
    .flatMap((n) => [n, ...n.slice(n.lastIndexOf('#') + 1).split(/[+/|~^]/)])
    .map((n) => n.replace(/\s+/g, '').toLowerCase());
}

/**
 * Two haplotypes (or genotypes) held by different patients, with no patient read holding both: the first is
 * `first`, the second the first call (haplotypes before genotypes) of a patient that does not hold it. A patient
 * holds a name when one of its calls' names contains it, so a server matching loosely still counts nobody twice.
 */
function apartHaplotypes(first: Observation, everyone: readonly Observation[]): Derivation {
  const holders = (name: string): Set<string> => {
    const q = name.replace(/\s+/g, '').toLowerCase();
    return new Set(
      everyone.filter((o) => matchNames(o).some((n) => n.includes(q))).map((o) => patientOf(o) ?? ''),
    );
  };
  const a = valueForms(first)[0]!;
  const withA = holders(a);
  for (const obs of everyone) {
    const b = valueForms(obs)[0];
    if (!b || withA.has(patientOf(obs) ?? '')) continue;
    if ([...holders(b)].some((p) => withA.has(p))) continue;
    return derived(
      [a, b],
      `the values of Observation/${first.id} (Patient/${patientOf(first)}) and Observation/${obs.id} (Patient/${patientOf(obs)}); no patient read holds both`,
    );
  }
  return notDerived(`no patient read holds a haplotype or genotype while not holding ${a}`);
}

export function haplotypeRules(
  pgx: Candidate<CallsPlan> | undefined,
  hla: Candidate<CallsPlan> | undefined,
  data: SiteData,
): Record<string, () => Derivation> {
  const noPgx = () => notDerived('no patient has Haplotype or Genotype Observations (other than HLA)');
  const calls = pgx?.plan.calls ?? [];
  const genes = calls.flatMap((o) => {
    const coding = component(o, Codes.geneStudied)?.valueCodeableConcept?.coding?.find((c) => c.code);
    return coding ? [coding] : [];
  });
  const everyone = [...data.ofKind('haplotype'), ...data.ofKind('genotype')];
  return {
    genes: () => {
      if (!pgx) return noPgx();
      const first = genes[0];
      if (!first)
        return notDerived(`the calls of Patient/${pgx.patient} have no gene-studied component (48018-6)`);
      const token = genes.find((g) => g.display)?.display;
      const coded = first.system ? `${first.system}|${first.code}` : first.code!;
      return derived(
        [...new Set([coded, ...(token ? [token] : [])])],
        `gene-studied of ${refs(calls.slice(0, 3))}`,
      );
    },
    haplotypesPresent: () =>
      pgx ? derived(valueForms(calls[0]!), `the value of ${refs(calls.slice(0, 1))}`) : noPgx(),
    haplotypesAbsent: () =>
      pgx ? absentHaplotype(calls, calls, `Patient/${pgx.patient} does not have`) : noPgx(),
    populationHaplotype: () =>
      pgx ? derived(valueForms(calls[0]!)[0]!, `the value of ${refs(calls.slice(0, 1))}`) : noPgx(),
    populationAbsentHaplotypes: () =>
      pgx ? absentHaplotype(calls, everyone, 'no patient read has') : noPgx(),
    populationHaplotypes: () => (pgx ? apartHaplotypes(calls[0]!, everyone) : noPgx()),
    geneWithoutResults: () => (pgx ? geneWithout(pgx.patient, calls, data) : noPgx()),
    geneTokenOtherCase: () => (pgx ? geneTokenOtherCase(pgx.patient, calls) : noPgx()),
    hlaHaplotypesPresent: () =>
      hla
        ? derived(
            [...new Set(hla.plan.calls.slice(0, 2).map((o) => valueForms(o)[0]!))],
            `the values of ${refs(hla.plan.calls.slice(0, 2))}`,
          )
        : notDerived('no patient has HLA Haplotype or Genotype Observations'),
  };
}
