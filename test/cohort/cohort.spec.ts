// Checks the synthetic cohort: regenerating gives the committed files, every resource carries its
// profile's fixed codes and category slices, references resolve, and coordinates are 0-based.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFhirpath } from '../../src/fhirpath/compile.js';
import { buildCohort, COHORT_DIR, serialize } from '../../src/server/data/cohort/generate.js';
import { PROFILE_RULES } from './profile-rules.js';

type Resource = { resourceType: string; id: string; meta?: { profile?: string[] } } & Record<string, unknown>;

function cohortFiles(): string[] {
  return readdirSync(COHORT_DIR).filter((f) => f.endsWith('.json'));
}
function cohortResources(): Resource[] {
  return cohortFiles().flatMap((f) => {
    const bundle = JSON.parse(readFileSync(join(COHORT_DIR, f), 'utf8')) as {
      entry: { resource: Resource }[];
    };
    return bundle.entry.map((e) => e.resource);
  });
}
const ev = (resource: unknown, expr: string) => compileFhirpath(expr)(resource, {});
const IG = 'http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/';

describe('synthetic cohort', () => {
  const resources = cohortResources();
  const byRef = new Map(resources.map((r) => [`${r.resourceType}/${r.id}`, r]));

  it('is what generate.ts produces (run `npx tsx src/server/data/cohort/generate.ts` after editing)', () => {
    const generated = buildCohort();
    expect(cohortFiles().sort()).to.deep.equal([...generated.keys()].sort());
    for (const [name, bundle] of generated)
      expect(readFileSync(join(COHORT_DIR, name), 'utf8'), name).to.equal(serialize(bundle));
  });

  it('has at least 6 patients with genomic data, germline and somatic, on both builds', () => {
    const patients = resources.filter((r) => r.resourceType === 'Patient');
    expect(patients.length).to.be.greaterThanOrEqual(7);
    const variants = resources.filter((r) => r.meta?.profile?.includes(IG + 'variant'));
    const sourceClasses = new Set(
      variants.flatMap(
        (v) => ev(v, "component.where(code.coding.code='48002-0').value.coding.code") as string[],
      ),
    );
    expect([...sourceClasses].sort()).to.deep.equal(['LA6683-2', 'LA6684-0']);
    const builds = new Set(variants.flatMap((v) => ev(v, 'Observation.genomeBuild()') as string[]));
    expect([...builds].sort()).to.deep.equal(['GRCh37', 'GRCh38']);
    const withData = new Set(variants.map((v) => (v.subject as { reference: string }).reference));
    expect(withData.size).to.be.greaterThanOrEqual(4);
  });

  it('uses fgc- ids and the synthetic-cohort tag everywhere', () => {
    for (const r of resources) {
      expect(r.id, r.id).to.match(/^fgc-/);
      expect(
        ev(r, "meta.tag.where(system='http://fgc.example.org/fhir/CodeSystem/data-source').code"),
        r.id,
      ).to.deep.equal(['synthetic-cohort']);
    }
  });

  it('has a profile rule set for every profile it claims', () => {
    const claimed = new Set(resources.flatMap((r) => r.meta?.profile ?? []));
    for (const p of claimed) expect(PROFILE_RULES, p).to.have.property(p.replace(IG, ''));
  });

  for (const [profileId, rules] of Object.entries(PROFILE_RULES)) {
    it(`meets the ${profileId} rules (fixed codes, category slices, components, bindings)`, () => {
      const matching = resources.filter((r) => r.meta?.profile?.includes(IG + profileId));
      for (const r of matching)
        for (const rule of rules)
          expect(ev(r, rule), `${r.resourceType}/${r.id}: ${rule}`).to.deep.equal([true]);
    });
  }

  it('has every reference resolve inside the cohort', () => {
    const refs: { from: string; to: string }[] = [];
    const walk = (node: unknown, from: string): void => {
      if (Array.isArray(node)) node.forEach((n) => walk(n, from));
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === 'reference' && typeof v === 'string') refs.push({ from, to: v });
          else walk(v, from);
        }
      }
    };
    for (const r of resources) walk(r, `${r.resourceType}/${r.id}`);
    expect(refs.length).to.be.greaterThan(100);
    const dangling = refs.filter((x) => !byRef.has(x.to));
    expect(dangling).to.deep.equal([]);
  });

  it('has implication derivedFrom targets of the allowed profiles', () => {
    const allowed = ['variant', 'genotype', 'haplotype', 'molecular-biomarker'].map((p) => IG + p);
    for (const r of resources.filter(
      (x) =>
        ev(
          x,
          "code.coding.where(code in ('therapeutic-implication' | 'diagnostic-implication' | 'molecular-consequence')).exists()",
        )[0],
    )) {
      for (const d of r.derivedFrom as { reference: string }[]) {
        const target = byRef.get(d.reference)!;
        expect(
          target.meta?.profile?.some((p) => allowed.includes(p)),
          `${r.id} -> ${d.reference}`,
        ).to.equal(true);
      }
    }
  });

  it('writes every variant position 0-based and consistent with its SPDI and g.HGVS', () => {
    const variants = resources.filter((r) => r.meta?.profile?.includes(IG + 'variant'));
    expect(variants.length).to.be.greaterThanOrEqual(10);
    for (const v of variants) {
      expect(ev(v, 'Observation.coordinateSystem()'), v.id).to.deep.equal(['LA30100-4']);
      const start = ev(v, "Observation.zeroBasedStart('exact')")[0] as number | undefined;
      if (start === undefined) {
        // Structural: outer bounds contain the inner ones.
        const [os, is] = [
          ev(v, "Observation.zeroBasedStart('outer')")[0],
          ev(v, "Observation.zeroBasedStart('inner')")[0],
        ];
        const [oe, ie] = [
          ev(v, "Observation.zeroBasedEnd('outer')")[0],
          ev(v, "Observation.zeroBasedEnd('inner')")[0],
        ];
        expect((os as number) <= (is as number) && (ie as number) <= (oe as number), v.id).to.equal(true);
        continue;
      }
      const spdi = ev(
        v,
        "component.where(code.coding.code='81252-9').value.coding.where(system='https://api.ncbi.nlm.nih.gov/variation/v0/').code.parseSpdi()",
      )[0] as { position: number; deleted: string; sequence: string };
      const ref = ev(v, "component.where(code.coding.code='69547-8').value")[0] as string;
      const alt = ev(v, "component.where(code.coding.code='69551-0').value")[0] as string;
      // SPDI drops the VCF anchor base that REF and ALT share.
      const anchor = ref[0] === alt[0] && ref.length !== alt.length ? 1 : 0;
      expect(spdi.position, v.id).to.equal(start + anchor);
      expect(spdi.sequence).to.equal(ev(v, 'Observation.genomicRefSeq()')[0]);
      const g = ev(v, "component.where(code.coding.code='81290-9').value.coding.code")[0] as string;
      expect(Number(/:g\.(\d+)/.exec(g)![1]), v.id).to.equal(
        start + anchor + (anchor && spdi.deleted === '' ? 0 : 1),
      );
    }
  });

  it('has the same LDLR variant on GRCh37 and GRCh38 for one patient, and phased CYP2C19 variants', () => {
    const ldlr = resources.filter(
      (r) =>
        ev(r, "component.where(code.coding.code='48004-6').value.coding.code = 'NM_001195798.2:c.12G>A'")[0],
    );
    expect(new Set(ldlr.map((r) => ev(r, 'Observation.genomeBuild()')[0]))).to.deep.equal(
      new Set(['GRCh37', 'GRCh38']),
    );
    expect(new Set(ldlr.map((r) => (r.subject as { reference: string }).reference)).size).to.equal(1);
    const spr = resources.filter((r) => r.meta?.profile?.includes(IG + 'sequence-phase-relationship'));
    expect(spr.length).to.be.greaterThanOrEqual(1);
    for (const s of spr) expect((s.derivedFrom as unknown[]).length).to.equal(2);
  });
});
