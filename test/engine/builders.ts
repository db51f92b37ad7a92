// Small builders for suite models, targets and engine contexts in engine and check tests (no YAML loader).
import type {
  BodySpec,
  CompiledExpression,
  Expectation,
  FhirpathCheck,
  FhirpathOperator,
  RequestSpec,
  Scenario,
  Step,
  Suite,
} from '../../src/model/suite.js';
import type { TargetConfig } from '../../src/model/target.js';
import type { ProfileValidator } from '../../src/model/validation.js';
import type { SourceLoc } from '../../src/common/source-loc.js';
import { targetDefaults } from '../../src/config/index.js';
import { compileExpression } from '../../src/fhirpath/compile.js';
import { HttpClient, DEFAULT_MAX_RESPONSE_BYTES } from '../../src/http/client.js';
import { createAuthProvider } from '../../src/http/auth.js';
import { createRedactor } from '../../src/http/redact.js';
import type { EngineContext } from '../../src/engine/index.js';
import type { CheckContext } from '../../src/checks/types.js';
import { substituteDeep } from '../../src/engine/template.js';

export const loc = (line = 1): SourceLoc => ({ file: 'suites/test.yaml', line, col: 1 });

export function fp(source: string): CompiledExpression {
  return compileExpression(source, loc());
}

export function check(
  that: string,
  operator: FhirpathOperator,
  value: unknown,
  extra: Partial<FhirpathCheck> = {},
): FhirpathCheck {
  return { that: fp(that), operator, value, loc: loc(), ...extra };
}

export function expectation(partial: Partial<Expectation> = {}): Expectation {
  return { headers: {}, headerExists: [], fhirpath: [], loc: loc(), ...partial };
}

export function request(path: string, extra: Partial<RequestSpec> = {}): RequestSpec {
  return { method: 'GET', path, query: {}, headers: {}, ...extra };
}

export function step(partial: Partial<Step>): Step {
  return { capture: {}, captureList: {}, loc: loc(), ...partial };
}

export function get(path: string, expect?: Partial<Expectation>, extra: Partial<Step> = {}): Step {
  return step({ request: request(path), ...(expect ? { expect: expectation(expect) } : {}), ...extra });
}

export function scenario(id: string, steps: readonly Step[], extra: Partial<Scenario> = {}): Scenario {
  return {
    id,
    fullId: `test-suite/${id}`,
    title: `Scenario ${id}`,
    requirements: ['REQ-1'],
    severity: 'SHALL',
    tags: [],
    steps,
    usesInputs: [],
    usesCaptures: [],
    setsCaptures: [],
    writes: false,
    loc: loc(),
    ...extra,
  };
}

export function suite(scenarios: readonly Scenario[], extra: Partial<Suite> = {}): Suite {
  return {
    id: 'test-suite',
    title: 'Test suite',
    file: 'suites/test.yaml',
    tags: ['t'],
    inputs: {},
    fixtures: {},
    setup: [],
    teardown: [],
    scenarios,
    unknownNames: [],
    loc: loc(),
    ...extra,
  };
}

export function input(name: string, type: 'string' | 'list' = 'string') {
  return { name, description: name, type, required: false, loc: loc() } as const;
}

export function target(
  baseUrl: string,
  extra: Partial<TargetConfig> = {},
): TargetConfig & { baseUrl: string } {
  return { ...targetDefaults('test'), baseUrl, timeoutMs: 5000, ...extra };
}

export function context(
  baseUrl: string,
  extra: {
    target?: Partial<TargetConfig>;
    validator?: ProfileValidator;
    maxResponseBytes?: number;
  } & Partial<Omit<EngineContext, 'target'>> = {},
): EngineContext {
  const t = target(baseUrl, extra.target);
  const redactor = createRedactor(t.secrets);
  const http = new HttpClient({
    timeoutMs: t.timeoutMs,
    maxResponseBytes: extra.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    maxStoredBodyChars: 64 * 1024,
    defaultHeaders: t.headers,
    auth: createAuthProvider(t.auth),
    redactor,
  });
  const { target: _t, maxResponseBytes: _m, ...rest } = extra;
  return { target: t, http, redactor, ...rest };
}

/** A CheckContext over a body, for testing checks without HTTP. */
export function checkContext(
  body: unknown,
  extra: Partial<Omit<CheckContext, 'response'>> & {
    status?: number;
    headers?: Record<string, string>;
    fixtures?: Record<string, unknown>;
  } = {},
): CheckContext {
  const env = extra.env ?? { inputs: {} };
  const vars = { inputs: {}, values: new Map<string, unknown>(Object.entries(env)) };
  return {
    response: { status: extra.status ?? 200, headers: extra.headers ?? {}, body },
    env,
    substitute: (value) => substituteDeep(value, vars),
    resolveBody: (spec: BodySpec) => ('fixture' in spec ? extra.fixtures?.[spec.fixture] : spec.inline),
    lenientContentType: extra.lenientContentType ?? false,
    ...(extra.validator ? { validator: extra.validator } : {}),
  };
}
