// Static checks of the bundled suites: every FHIRPath compiles, requirement ids
// exist, inputs and captures are declared, reference.yaml supplies every input, and the profile suites pass
// on the synthetic cohort when run against an in-memory stand-in server.
import { expect } from 'chai';
import { BUILT_IN_VARIABLES } from '../../src/suite/fhirpath-check.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { compileFhirpath } from '../../src/fhirpath/compile.js';
import { buildCohort } from '../../src/server/data/cohort/generate.js';
import { loadSuites } from '../../src/suite/index.js';
import { loadTarget } from '../../src/config/index.js';
import { CONFIG_INPUTS } from '../../src/config/config-inputs.js';
import { CohortServer, evaluateChecks, type Resource, substitute } from './offline.js';

const ROOT = join(import.meta.dirname, '../..');
const SUITES = join(ROOT, 'suites');

type Json = Record<string, unknown>;
interface SuiteDoc {
  file: string;
  doc: Json;
}

function suiteFiles(dir = SUITES): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return suiteFiles(path);
    return name.endsWith('.yaml') && name !== 'requirements.yaml' ? [path] : [];
  });
}
const suites: SuiteDoc[] = suiteFiles().map((file) => ({
  file,
  doc: parse(readFileSync(file, 'utf8')) as Json,
}));
const requirementIds = new Set(
  (
    parse(readFileSync(join(SUITES, 'requirements.yaml'), 'utf8')) as { requirements: { id: string }[] }
  ).requirements.map((r) => r.id),
);
const targetInputs = (name: string) =>
  (parse(readFileSync(join(ROOT, `config/targets/${name}.yaml`), 'utf8')) as Json).inputs as Json;
const referenceInputs = targetInputs('reference');
const exampleInputs = targetInputs('example-site');

const scenarios = (s: SuiteDoc) => (s.doc.scenarios as Json[]) ?? [];
const steps = (sc: Json) => (sc.steps as Json[]) ?? [];
const asList = (v: unknown): string[] =>
  v === undefined ? [] : Array.isArray(v) ? (v as string[]) : [v as string];

/** Every FHIRPath expression of a suite, with where it sits. */
function expressions(s: SuiteDoc): { where: string; expr: string }[] {
  const out: { where: string; expr: string }[] = [];
  for (const sc of scenarios(s)) {
    if (sc.when) out.push({ where: `${sc.id}.when`, expr: sc.when as string });
    for (const st of steps(sc)) {
      for (const kind of ['capture', 'captureList'])
        for (const [k, v] of Object.entries((st[kind] as Json) ?? {}))
          out.push({ where: `${sc.id}.${kind}.${k}`, expr: v as string });
      const ex = (st.expect as Json) ?? {};
      for (const c of (ex.fhirpath as Json[]) ?? [])
        out.push({ where: `${sc.id}.that`, expr: c.that as string });
      const conforms = ex.conformsTo as Json | string | undefined;
      if (conforms && typeof conforms === 'object' && conforms.select)
        out.push({ where: `${sc.id}.select`, expr: conforms.select as string });
    }
  }
  return out;
}

describe('bundled suites', () => {
  it('has suites for fhir-core, every servable profile and all 17 operations', () => {
    const ids = suites.map((s) => relative(SUITES, s.file));
    expect(ids.filter((f) => f.startsWith('fhir-core/')).length).to.be.greaterThanOrEqual(4);
    expect(ids.filter((f) => f.startsWith('genomics-reporting/')).length).to.be.greaterThanOrEqual(12);
    expect(ids.filter((f) => f.startsWith('genomics-operations/')).length).to.be.greaterThanOrEqual(17);
  });

  it('loads with the suite loader with no warning, and both target configs load', async () => {
    const { suites: loaded, catalog, warnings } = await loadSuites([], { suitesRoot: SUITES, cwd: ROOT });
    expect(warnings.map((w) => w.format())).to.deep.equal([]);
    expect(loaded.length).to.equal(suites.length);
    expect(catalog.requirements.size).to.equal(requirementIds.size);
    const reference = await loadTarget('reference', { cwd: ROOT, env: {} });
    expect(reference.embedded).to.equal('reference');
    const site = await loadTarget('example-site', { cwd: ROOT, env: { SITE_TOKEN: 'secret-token' } });
    expect(site.secrets).to.include('secret-token');
  });

  it('has the example-site template list every input a suite declares', () => {
    for (const s of suites)
      for (const name of Object.keys((s.doc.inputs as Json) ?? {}))
        if (!(name in CONFIG_INPUTS))
          // fgc fills these in from the config itself
          expect(
            exampleInputs,
            `example-site.yaml lacks input ${name} (npm run schema adds it)`,
          ).to.have.property(name);
  });

  it('has a requirements catalog of at least 80 unique entries with text, source and level, counted right in the docs', () => {
    const doc = parse(readFileSync(join(SUITES, 'requirements.yaml'), 'utf8')) as { requirements: Json[] };
    const count = doc.requirements.length;
    expect(readFileSync(join(SUITES, 'requirements.yaml'), 'utf8')).to.include(`# ${count} requirements.`);
    expect(readFileSync(join(ROOT, 'docs', 'suites.md'), 'utf8')).to.include(`holds ${count} requirements`);
    expect(doc.requirements.length).to.be.greaterThanOrEqual(80);
    expect(requirementIds.size).to.equal(doc.requirements.length);
    for (const r of doc.requirements) {
      expect(r.text, String(r.id)).to.be.a('string').and.not.equal('');
      expect(r.source, String(r.id)).to.match(/^http:\/\/hl7\.org\/fhir\//);
      expect(['SHALL', 'SHOULD', 'MAY']).to.include(r.level);
    }
  });

  for (const s of suites) {
    const name = relative(SUITES, s.file);
    describe(name, () => {
      it('starts with the schema header and has an id matching its path', () => {
        expect(readFileSync(s.file, 'utf8').split('\n')[0]).to.equal(
          '# yaml-language-server: $schema=../../schema/suite.schema.json',
        );
        expect(s.doc.suite).to.equal(name.replace(/\.yaml$/, ''));
      });

      it('compiles every FHIRPath expression', () => {
        for (const { where, expr } of expressions(s))
          expect(() => compileFhirpath(expr), `${where}: ${expr}`).not.to.throw();
      });

      it('names only catalogued requirements, on every scenario', () => {
        for (const sc of scenarios(s)) {
          expect(asList(sc.requirement).length, `${sc.id} names no requirement`).to.be.greaterThan(0);
          const used = [...asList(sc.requirement)];
          for (const st of steps(sc))
            for (const c of ((st.expect as Json)?.fhirpath as Json[]) ?? [])
              used.push(...asList(c.requirement));
          for (const id of used)
            expect(requirementIds.has(id), `${sc.id}: unknown requirement ${id}`).to.equal(true);
        }
      });

      it('declares every input it uses, and reference.yaml supplies them', () => {
        const declared = new Set(Object.keys((s.doc.inputs as Json) ?? {}));
        const text = readFileSync(s.file, 'utf8');
        const used = new Set(
          [...text.matchAll(/(?:\$\{inputs\.|%inputs\.)([A-Za-z0-9_]+)/g)].map((m) => m[1]!),
        );
        const captured = new Set(
          scenarios(s).flatMap((sc) =>
            steps(sc).flatMap((st) => Object.keys((st.captureList as Json) ?? {})),
          ),
        );
        for (const sc of scenarios(s)) {
          const list = (sc.forEach as Json | undefined)?.in as string | undefined;
          if (list && !captured.has(list)) used.add(list);
        }
        for (const u of used) expect(declared.has(u), `input ${u} used but not declared`).to.equal(true);
        for (const d of [...declared].filter((name) => !(name in CONFIG_INPUTS)))
          expect(referenceInputs, `reference.yaml lacks input ${d}`).to.have.property(d);
      });

      it('uses only captures (and forEach variables) the suite sets', () => {
        const set = new Set<string>();
        for (const sc of scenarios(s)) {
          if (sc.forEach) set.add((sc.forEach as Json).as as string);
          for (const st of steps(sc))
            for (const k of ['capture', 'captureList'])
              Object.keys((st[k] as Json) ?? {}).forEach((n) => set.add(n));
        }
        const text = readFileSync(s.file, 'utf8');
        const used = [...text.matchAll(/\$\{(?!inputs\.)([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!);
        const vars = [...text.matchAll(/%(?!inputs\b)([A-Za-z][A-Za-z0-9_]*)/g)]
          .map((m) => m[1]!)
          .filter((name) => !BUILT_IN_VARIABLES.has(name));
        for (const u of [...used, ...vars]) expect(set.has(u), `${u} is never captured`).to.equal(true);
      });
    });
  }

  /** Runs a profile suite's steps against the stand-in server; returns the failed checks. */
  function runOffline(s: SuiteDoc, resources: Resource[]): string[] {
    const server = new CohortServer(resources);
    const env: Record<string, unknown> = { inputs: referenceInputs };
    const failures: string[] = [];
    for (const sc of scenarios(s)) {
      if (sc.when && compileFhirpath(sc.when as string)({}, env)[0] !== true) continue;
      for (const st of steps(sc)) {
        const req = st.request as Json;
        const query = Object.fromEntries(
          Object.entries((req.query as Json) ?? {}).map(([k, v]) => [k, substitute(String(v), env)]),
        );
        const res = server.get(substitute(req.path as string, env), query);
        const ex = st.expect as Json;
        // `status: 200` or `status: { is: 200, requirement: ... }`.
        const status = (ex.status as Json | undefined)?.is ?? ex.status;
        if (status !== undefined && status !== res.status) failures.push(`${sc.id}: status ${res.status}`);
        for (const o of evaluateChecks(res.body, (ex.fhirpath as Json[]) ?? [], env))
          if (!o.passed) failures.push(`${sc.id}: ${o.that} -> ${JSON.stringify(o.actual).slice(0, 300)}`);
        for (const [k, v] of Object.entries((st.capture as Json) ?? {}))
          env[k] = compileFhirpath(v as string)(res.body, env)[0];
      }
    }
    return failures;
  }

  describe('profile suites on the synthetic cohort (in-memory stand-in server)', () => {
    const resources = () =>
      [...buildCohort().values()].flatMap((b) =>
        (b.entry as { resource: Resource }[]).map((e) => e.resource),
      );
    for (const s of suites.filter((x) => relative(SUITES, x.file).startsWith('genomics-reporting/'))) {
      it(`${relative(SUITES, s.file)} passes every FHIRPath check`, () => {
        expect(runOffline(s, resources())).to.deep.equal([]);
      });
    }

    it('fails the Variant suite when a Variant puts both categories in one CodeableConcept', () => {
      const all = resources();
      const v = all.find((r) => r.id === 'fgc-var-0401')!;
      const categories = v.category as { coding: unknown[] }[];
      v.category = [{ coding: categories.flatMap((c) => c.coding) }];
      const variantSuite = suites.find((x) => x.doc.suite === 'genomics-reporting/variant')!;
      const failures = runOffline(variantSuite, all);
      expect(failures.some((f) => f.includes("coding.code = 'laboratory'"))).to.equal(true);
      expect(failures.some((f) => f.includes("coding.code = 'GE'"))).to.equal(true);
    });

    it('fails the TherapeuticImplication suite when an implication carries a value', () => {
      const all = resources();
      all.find((r) => r.id === 'fgc-tx-0201')!.valueString = 'intermediate metabolizer';
      const txSuite = suites.find((x) => x.doc.suite === 'genomics-reporting/therapeutic-implication')!;
      expect(runOffline(txSuite, all).some((f) => f.includes('where(value.exists())'))).to.equal(true);
    });
  });
});
