// Builds the read-only suite model from a schema-valid suite file: compiled FHIRPath, fixtures, variable
// checks and the computed fields the engine plans with (usesInputs, usesCaptures, setsCaptures, writes).
import { SuiteError } from '../common/errors.js';
import { compileExpression } from '../fhirpath/compile.js';
import type { SourceLoc } from '../common/source-loc.js';
import { isWriteRequest } from '../model/request-kind.js';
import { FHIRPATH_OPERATOR_NAMES, ruleSubject } from '../checks/operators.js';
import { unknownModelNames } from '../fhirpath/model-names.js';
import { strictest, stricterThanAll } from '../results/policy.js';
import type {
  BodySpec,
  CompiledExpression,
  ConformsToSpec,
  Expectation,
  FhirpathCheck,
  Fixture,
  InputDeclaration,
  MinimumSpec,
  OwnTrace,
  RequestSpec,
  Scenario,
  Severity,
  Step,
  Suite,
} from '../model/suite.js';
import { loadFixture } from './fixtures.js';
import type { FixtureContext } from './fixtures.js';
import { checkReferences, ReferenceCollector } from './references.js';
import type { CheckData, ExpectData, ScenarioData, StepData, SuiteData } from './schema.js';
import { didYouMean } from '../common/suggest.js';
import type { DataPath, YamlSource } from '../common/yaml-source.js';

export interface BuildContext extends FixtureContext {
  readonly source: YamlSource;
  /** The id used when the file does not set `suite:`. */
  readonly defaultId: string;
  /** The catalog level of a requirement id (undefined for an unknown id, which is reported elsewhere). */
  readonly requirementLevel: (id: string) => Severity | undefined;
}

export interface RequirementRef {
  readonly id: string;
  readonly loc: SourceLoc;
}

export interface BuiltSuite {
  readonly suite: Suite;
  readonly requirementRefs: readonly RequirementRef[];
  readonly errors: readonly SuiteError[];
}

export function buildSuite(data: SuiteData, ctx: BuildContext): BuiltSuite {
  return new SuiteBuilder(data, ctx).build();
}

class SuiteBuilder {
  private readonly errors: SuiteError[] = [];
  private readonly requirementRefs: RequirementRef[] = [];
  private readonly fixtures: Record<string, Fixture> = {};
  private readonly unknownNames: { message: string; loc: SourceLoc }[] = [];
  private readonly source: YamlSource;
  private readonly id: string;

  constructor(
    private readonly data: SuiteData,
    private readonly ctx: BuildContext,
  ) {
    this.source = ctx.source;
    this.id = data.suite ?? ctx.defaultId;
  }

  build(): BuiltSuite {
    const { data, source } = this;
    const inputs = this.buildInputs();
    this.loadFixtures();
    const inputNames = new Set(Object.keys(inputs));
    const setupCaptures = capturesOf(data.setup ?? []);
    const scenarioCaptures = (data.scenarios ?? []).map((s) => capturesOf(s.steps));

    const allCaptures = new Set([...setupCaptures.all, ...scenarioCaptures.flatMap((c) => [...c.all])]);
    const allLists = new Set([...setupCaptures.lists, ...scenarioCaptures.flatMap((c) => [...c.lists])]);

    const setup = this.buildPhase('setup', data.setup ?? [], {
      inputs: inputNames,
      variables: setupCaptures.all,
    });
    const teardownVariables = new Set([...allCaptures, ...capturesOf(data.teardown ?? []).all]);
    const teardown = this.buildPhase('teardown', data.teardown ?? [], {
      inputs: inputNames,
      variables: teardownVariables,
    });

    const seen = new Map<string, SourceLoc>();
    const scenarios = data.scenarios.map((scenario, index) => {
      const path = ['scenarios', index];
      const idLoc = source.locAt([...path, 'id']);
      const first = seen.get(scenario.id);
      if (first) {
        this.errors.push(
          new SuiteError(
            'DUPLICATE_ID',
            `scenario id "${scenario.id}" is used twice in this suite (first at line ${first.line})`,
            idLoc,
          ),
        );
      } else seen.set(scenario.id, idLoc);
      return this.buildScenario(scenario, path, {
        inputs,
        allCaptures,
        allLists,
        own: scenarioCaptures[index]!,
      });
    });

    const suite: Suite = {
      id: this.id,
      title: data.title ?? this.id,
      ...(data.description !== undefined && { description: data.description }),
      file: source.file,
      ...(data.ig !== undefined && { ig: data.ig }),
      tags: data.tags ?? [],
      ...(data.requires && {
        requires: {
          resources: data.requires.resources ?? [],
          searchParams: data.requires.searchParams ?? {},
          operations: (data.requires.operations ?? []).map((op) => op.replace(/^\$/, '')),
        },
      }),
      inputs,
      fixtures: this.fixtures,
      setup,
      teardown,
      scenarios,
      unknownNames: this.unknownNames,
      loc: source.locAt(data.suite !== undefined ? ['suite'] : []),
    };
    return { suite, requirementRefs: this.requirementRefs, errors: this.errors };
  }

  private buildInputs(): Record<string, InputDeclaration> {
    const inputs: Record<string, InputDeclaration> = {};
    for (const [name, input] of Object.entries(this.data.inputs ?? {})) {
      inputs[name] = {
        name,
        description: input.description,
        type: input.type ?? 'string',
        required: input.required ?? false,
        loc: this.source.locOf(this.source.keyNodeAt(['inputs'], name)),
      };
    }
    return inputs;
  }

  private loadFixtures(): void {
    (this.data.fixtures ?? []).forEach((entry, index) => {
      const loc = this.source.locAt(['fixtures', index, 'file']);
      if (this.fixtures[entry.id]) {
        const at = this.source.locAt(['fixtures', index, 'id']);
        this.errors.push(new SuiteError('DUPLICATE_ID', `fixture id "${entry.id}" is declared twice`, at));
        return;
      }
      const { fixture, errors } = loadFixture(entry.id, entry.file, loc, this.ctx);
      this.errors.push(...errors);
      if (fixture) this.fixtures[entry.id] = fixture;
    });
  }

  private buildPhase(
    phase: 'setup' | 'teardown',
    steps: readonly StepData[],
    declared: { inputs: Set<string>; variables: Set<string> },
  ): Step[] {
    const refs = new ReferenceCollector(this.source);
    const scope = { requirements: [], severity: 'SHALL' as const };
    const built = steps.map((step, index) => this.buildStep(step, [phase, index], refs, scope));
    this.errors.push(...refs.errors, ...checkReferences(refs.refs, declared));
    return built;
  }

  private buildScenario(
    data: ScenarioData,
    path: DataPath,
    scope: {
      inputs: Record<string, InputDeclaration>;
      allCaptures: Set<string>;
      allLists: Set<string>;
      own: { all: Set<string>; lists: Set<string> };
    },
  ): Scenario {
    const { source } = this;
    const requirements = this.requirements(data.requirement, [...path, 'requirement']);
    const severity = this.severity(data.severity, requirements, [...path, 'severity']) ?? 'SHALL';
    const stepRefs = new ReferenceCollector(source);
    const inherited = { requirements, severity };
    const steps = data.steps.map((step, index) =>
      this.buildStep(step, [...path, 'steps', index], stepRefs, inherited),
    );
    const whenRefs = new ReferenceCollector(source);
    let when: CompiledExpression | undefined;
    if (data.when !== undefined) {
      when = this.compile(data.when, [...path, 'when']);
      whenRefs.fhirpath([...path, 'when']);
    }
    const forEachInput = data.forEach ? this.checkForEach(data.forEach, path, scope) : undefined;

    const variables = new Set(scope.allCaptures);
    if (data.forEach) variables.add(data.forEach.as);
    const declared = { inputs: new Set(Object.keys(scope.inputs)), variables };
    this.errors.push(...stepRefs.errors, ...whenRefs.errors);
    this.errors.push(...checkReferences([...stepRefs.refs, ...whenRefs.refs], declared));

    const usesInputs = new Set(stepRefs.refs.filter((r) => r.kind === 'input').map((r) => r.name));
    if (forEachInput) usesInputs.add(forEachInput);
    const readVariables: string[] = [...stepRefs.refs, ...whenRefs.refs]
      .filter((r) => r.kind === 'variable')
      .map((r) => r.name);
    if (data.forEach && !forEachInput) readVariables.push(data.forEach.in);
    const usesCaptures = new Set(
      readVariables.filter(
        (name) => scope.allCaptures.has(name) && !scope.own.all.has(name) && name !== data.forEach?.as,
      ),
    );

    return {
      id: data.id,
      fullId: `${this.id}/${data.id}`,
      title: data.title ?? data.id,
      requirements,
      severity,
      tags: [...new Set([...(this.data.tags ?? []), ...(data.tags ?? [])])],
      ...(when && { when }),
      ...(data.forEach && { forEach: { in: data.forEach.in, as: data.forEach.as } }),
      ...(data.retries !== undefined && { retries: data.retries }),
      ...(data.timeoutMs !== undefined && { timeoutMs: data.timeoutMs }),
      steps,
      usesInputs: [...usesInputs].filter((name) => scope.inputs[name]).sort(),
      usesCaptures: [...usesCaptures].sort(),
      setsCaptures: [...scope.own.all].sort(),
      writes: steps.some((step) => step.request !== undefined && isWriteRequest(step.request)),
      loc: source.locAt(path),
    };
  }

  /** forEach.in names a list input or a captureList; returns the input name when it is an input. */
  private checkForEach(
    forEach: { in: string; as: string },
    path: DataPath,
    scope: { inputs: Record<string, InputDeclaration>; allCaptures: Set<string>; allLists: Set<string> },
  ): string | undefined {
    const loc = this.source.locAt([...path, 'forEach', 'in']);
    const input = scope.inputs[forEach.in];
    if (input) {
      if (input.type !== 'list') {
        this.errors.push(
          new SuiteError(
            'SCHEMA',
            `forEach.in: input "${forEach.in}" is not a list; declare it with type: list`,
            loc,
          ),
        );
      }
      return forEach.in;
    }
    if (scope.allLists.has(forEach.in)) return undefined;
    const message = scope.allCaptures.has(forEach.in)
      ? `forEach.in: "${forEach.in}" is a capture (one value); collect a list with captureList instead`
      : `forEach.in: "${forEach.in}" is neither a list input nor a captureList of this suite${didYouMean(
          forEach.in,
          [
            ...Object.values(scope.inputs)
              .filter((i) => i.type === 'list')
              .map((i) => i.name),
            ...scope.allLists,
          ],
        )}`;
    this.errors.push(
      new SuiteError(scope.allCaptures.has(forEach.in) ? 'SCHEMA' : 'UNDECLARED_VARIABLE', message, loc),
    );
    return undefined;
  }

  private buildStep(data: StepData, path: DataPath, refs: ReferenceCollector, scope: CheckScope): Step {
    const step: {
      request?: RequestSpec;
      operation?: Step['operation'];
      capture: Record<string, CompiledExpression>;
      captureList: Record<string, CompiledExpression>;
      requireData?: CompiledExpression;
      expect?: Expectation;
      loc: SourceLoc;
    } = { capture: {}, captureList: {}, loc: this.source.locAt(path) };
    if (data.request) {
      const r = data.request;
      refs.templates([...path, 'request']);
      const body = r.body === undefined ? undefined : this.body(r.body, [...path, 'request', 'body'], refs);
      step.request = {
        method: r.method ?? 'GET',
        path: r.path,
        query: Object.fromEntries(
          Object.entries(r.query ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]),
        ),
        headers: r.headers ?? {},
        ...(body && { body }),
        ...(r.page && { page: r.page }),
        ...(r.maxPages !== undefined && { maxPages: r.maxPages }),
      };
    }
    if (data.operation) {
      refs.templates([...path, 'operation', 'params']);
      const { name, params, via } = data.operation;
      step.operation = { name, params: params ?? {}, ...(via && { via }) };
    }
    for (const kind of ['capture', 'captureList'] as const) {
      for (const [name, expression] of Object.entries(data[kind] ?? {})) {
        step[kind][name] = this.compile(expression, [...path, kind, name]);
        refs.fhirpath([...path, kind, name]);
      }
    }
    if (data.requireData !== undefined) {
      step.requireData = this.compile(data.requireData, [...path, 'requireData']);
      refs.fhirpath([...path, 'requireData']);
    }
    if (data.expect) step.expect = this.buildExpect(data.expect, [...path, 'expect'], refs, scope);
    return step;
  }

  private buildExpect(
    data: ExpectData,
    path: DataPath,
    refs: ReferenceCollector,
    scope: CheckScope,
  ): Expectation {
    refs.templates(path);
    const checks = (data.fhirpath ?? []).map((check, index) =>
      this.buildCheck(check, [...path, 'fhirpath', index], refs, scope),
    );
    let conformsTo: ConformsToSpec | undefined;
    if (typeof data.conformsTo === 'string')
      conformsTo = { profile: data.conformsTo, loc: this.source.locAt([...path, 'conformsTo']) };
    else if (data.conformsTo) {
      const c = data.conformsTo;
      const selectPath = [...path, 'conformsTo', 'select'];
      if (c.select !== undefined) refs.fhirpath(selectPath);
      const trace = this.ownTrace(c.requirement, [...path, 'conformsTo', 'requirement'], scope);
      conformsTo = {
        profile: c.profile,
        ...(c.select !== undefined && { select: this.compile(c.select, selectPath) }),
        ...(c.minimum !== undefined && { minimum: c.minimum }),
        ...(trace && { trace }),
        loc: this.source.locAt([...path, 'conformsTo']),
      };
    }
    let minimum: MinimumSpec | undefined;
    if (data.minimum) {
      const minimumPath = [...path, 'minimum'];
      const written = (data.minimum as { select?: unknown }).select;
      const select =
        typeof written === 'string' && isFixtureRef(data.minimum, ['select']) ? written : undefined;
      if (select !== undefined) refs.fhirpath([...minimumPath, 'select']);
      minimum = {
        expected: this.body(data.minimum, minimumPath, refs, ['select']),
        ...(select !== undefined && { select: this.compile(select, [...minimumPath, 'select']) }),
        loc: this.source.locAt(minimumPath),
      };
    }
    const contentType = typeof data.contentType === 'string' ? { is: data.contentType } : data.contentType;
    const contentTypeTrace = this.ownTrace(
      contentType?.requirement,
      [...path, 'contentType', 'requirement'],
      scope,
    );
    const status = isStatusObject(data.status) ? data.status : undefined;
    const statusTrace = this.ownTrace(status?.requirement, [...path, 'status', 'requirement'], scope);
    return {
      ...(data.status !== undefined && { status: status ? status.is : (data.status as StatusValue) }),
      ...(statusTrace && { statusTrace }),
      ...(contentType && { contentType: contentType.is }),
      ...(contentTypeTrace && { contentTypeTrace }),
      headers: data.headers ?? {},
      headerExists: data.headerExists ?? [],
      fhirpath: checks,
      ...(conformsTo && { conformsTo }),
      ...(minimum && { minimum }),
      loc: this.source.locAt(path),
    };
  }

  private buildCheck(
    data: CheckData,
    path: DataPath,
    refs: ReferenceCollector,
    scope: CheckScope,
  ): FhirpathCheck {
    refs.fhirpath([...path, 'that']);
    const operator = FHIRPATH_OPERATOR_NAMES.find((op) => data[op] !== undefined)!;
    const own =
      data.requirement !== undefined
        ? this.requirements(data.requirement, [...path, 'requirement'])
        : undefined;
    // Without its own requirement or severity, a check runs as its scenario does.
    const severity =
      own || data.severity !== undefined
        ? (this.severity(data.severity, own ?? scope.requirements, [...path, 'severity']) ?? scope.severity)
        : scope.severity;
    const subject = ruleSubject(data.that, operator, data[operator]);
    const thatLoc = this.source.locAt([...path, 'that']);
    return {
      ...(data.id !== undefined && { id: data.id }),
      that: this.compile(data.that, [...path, 'that']),
      operator,
      value: data[operator],
      ...(data.message !== undefined && { message: data.message }),
      severity,
      ...(own && { requirements: own }),
      ...(subject !== undefined && { over: compileExpression(subject, thatLoc) }),
      loc: this.source.locAt(path),
    };
  }

  /** The requirements a status, content type or profile check names itself, at their strictest level. */
  private ownTrace(
    value: string | readonly string[] | undefined,
    path: DataPath,
    scope: CheckScope,
  ): OwnTrace | undefined {
    if (value === undefined) return undefined;
    const requirements = this.requirements(value, path);
    return { requirements, severity: this.severity(undefined, requirements, path) ?? scope.severity };
  }

  /**
   * A declared severity (refused when it demands more than every requirement it traces to), else the
   * strictest catalog level of those requirements; undefined when neither says anything.
   */
  private severity(
    declared: Severity | undefined,
    requirements: readonly string[],
    path: DataPath,
  ): Severity | undefined {
    const levels = requirements.flatMap((id) => this.ctx.requirementLevel(id) ?? []);
    if (declared === undefined) return strictest(levels);
    if (stricterThanAll(declared, levels)) {
      this.errors.push(
        new SuiteError(
          'SEVERITY_STRICTER',
          `severity ${declared} is stricter than the requirement(s) it traces to ` +
            `(${requirements.map((id) => `${id}: ${this.ctx.requirementLevel(id)}`).join(', ')}); ` +
            `a check can fail no harder than the text it cites: use ${strictest(levels)} or cite a ${declared} requirement`,
          this.source.locAt(path),
        ),
      );
    }
    return declared;
  }

  /** `{ fixture: id }` (which must be declared) or an inline value. */
  private body(
    value: unknown,
    path: DataPath,
    refs: ReferenceCollector,
    extraKeys: readonly string[] = [],
  ): BodySpec {
    if (!isFixtureRef(value, extraKeys)) return { inline: value };
    const id = value.fixture;
    const loc = this.source.locAt([...path, 'fixture']);
    const fixture = this.fixtures[id];
    if (fixture) refs.fixtureTemplates(id, fixture.content, loc);
    else if (!(this.data.fixtures ?? []).some((f) => f.id === id)) {
      const declared = (this.data.fixtures ?? []).map((f) => f.id);
      const list = declared.length
        ? `declared fixtures: ${declared.join(', ')}`
        : 'this suite declares no fixtures';
      const hint = didYouMean(id, declared);
      this.errors.push(new SuiteError('FIXTURE_MISSING', `unknown fixture "${id}"${hint} (${list})`, loc));
    }
    return { fixture: id };
  }

  private requirements(value: string | readonly string[] | undefined, path: DataPath): string[] {
    if (value === undefined) return [];
    const ids = typeof value === 'string' ? [value] : [...value];
    ids.forEach((id, index) => {
      this.requirementRefs.push({
        id,
        loc: this.source.locAt(typeof value === 'string' ? path : [...path, index]),
      });
    });
    return ids;
  }

  private compile(expression: string, path: DataPath): CompiledExpression {
    const loc = this.source.locAt(path);
    for (const message of unknownModelNames(expression)) this.unknownNames.push({ message, loc });
    return compileExpression(expression, loc);
  }
}

type StatusValue = number | number[] | string;

function isStatusObject(value: unknown): value is { is: StatusValue; requirement?: string | string[] } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What a check inherits from its scenario (setup and teardown steps: nothing, at SHALL). */
interface CheckScope {
  readonly requirements: readonly string[];
  readonly severity: Severity;
}

function capturesOf(steps: readonly StepData[]): { all: Set<string>; lists: Set<string> } {
  const all = new Set<string>();
  const lists = new Set<string>();
  for (const step of steps) {
    for (const name of Object.keys(step.capture ?? {})) all.add(name);
    for (const name of Object.keys(step.captureList ?? {})) {
      all.add(name);
      lists.add(name);
    }
  }
  return { all, lists };
}

function isFixtureRef(value: unknown, extraKeys: readonly string[] = []): value is { fixture: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return (
    typeof (value as { fixture?: unknown }).fixture === 'string' &&
    keys.every((k) => k === 'fixture' || extraKeys.includes(k))
  );
}
