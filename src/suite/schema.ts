// The suite file schema (docs/suite-format.md) and the requirements catalog schema, in zod.
// One source for load-time validation and for schema/*.schema.json (editor completion and hints).
import * as z from 'zod';
import { regexOperand, scalarOperand } from '../checks/operands.js';
import {
  FHIRPATH_OPERATOR_NAMES,
  FHIRPATH_OPERATORS,
  fhirpathOperator,
  type FhirpathOperatorName,
} from '../checks/operators.js';
import { isSearchRequest } from '../model/request-kind.js';
import type { FhirpathIssueParams } from '../common/zod-issues.js';
import { BUILT_IN_VARIABLES, checkFhirpath } from './fhirpath-check.js';

/** A name usable as `${name}` and `%name`. */
export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const fhirpath = (description: string) =>
  z
    .string()
    .superRefine((source, ctx) => {
      const problem = checkFhirpath(source);
      if (problem) {
        const params: FhirpathIssueParams = { fhirpath: { line: problem.line, column: problem.column } };
        ctx.addIssue({ code: 'custom', message: problem.message, params });
      }
    })
    .meta({ description });

/** A regular expression, compiled as the checks compile it at run time. */
const regex = (description: string) => regexOperand.meta({ description });

/** Names FHIRPath or the harness already uses for its own %variables. */
const RESERVED_NAMES = ['inputs', 'env', ...BUILT_IN_VARIABLES];

const name = (what: string) =>
  z
    .string()
    .regex(NAME_PATTERN, {
      error: `must be a name made of letters, digits and _ (not starting with a digit), because it is used as \${name} and %name in ${what}`,
    })
    .refine((n) => !RESERVED_NAMES.includes(n), {
      error: `is a reserved name (${RESERVED_NAMES.join(', ')}); choose another`,
    });

const id = (what: string) =>
  z
    .string()
    .regex(ID_PATTERN, { error: `must be an id made of letters, digits, '.', '_' and '-' (${what})` });

export const severitySchema = z.enum(['SHALL', 'SHOULD', 'MAY']).meta({
  description: 'SHALL failures fail the scenario; SHOULD failures only warn; MAY is informational.',
});

const requirementRef = z
  .union([z.string(), z.array(z.string()).min(1)], { error: 'must be a requirement id or a list of ids' })
  .meta({ description: 'Requirement id(s) from suites/requirements.yaml that this covers.' });

/** One optional key per operator of the operator table, described by its docs line. */
const operatorShape = Object.fromEntries(
  FHIRPATH_OPERATOR_NAMES.map((name) => {
    const { operand, doc } = fhirpathOperator(name);
    const description = `Passes when ${doc.passes}. Operand: ${doc.operand}.`;
    return [name, operand.meta({ description }).optional()];
  }),
) as { [K in FhirpathOperatorName]: z.ZodOptional<(typeof FHIRPATH_OPERATORS)[K]['operand']> };

export const fhirpathCheckSchema = z
  .strictObject({
    that: fhirpath('FHIRPath evaluated on the response body (R4 model).'),
    ...operatorShape,
    id: id('check id')
      .optional()
      .meta({ description: 'A stable id for this check (used in reports and waivers).' }),
    message: z.string().optional().meta({ description: 'Shown when the check fails.' }),
    severity: severitySchema.optional().meta({
      description:
        "Default: the strictest level of the check's own requirements, else the scenario's severity. It may not be stricter than every requirement it names.",
    }),
    requirement: requirementRef.optional(),
  })
  .superRefine((check, ctx) => {
    const used = FHIRPATH_OPERATOR_NAMES.filter((op) => check[op] !== undefined);
    if (used.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        params: { quietWithUnknownKeys: true },
        message:
          used.length === 0
            ? `a fhirpath check needs exactly one operator (${FHIRPATH_OPERATOR_NAMES.join(', ')})`
            : `a fhirpath check needs exactly one operator, but has ${used.join(' and ')}; split it into separate checks`,
      });
    }
  })
  .meta({ id: 'FhirpathCheck', description: 'One FHIRPath check: `that` plus exactly one operator.' });

const fixtureRef = z.strictObject({
  fixture: z.string().meta({ description: 'Id of a fixture declared in `fixtures`.' }),
});

const statusValue = z.union(
  [
    z.number().int().min(100).max(599),
    z.array(z.number().int().min(100).max(599)).min(1),
    z.string().regex(/^[1-5]xx$/, { error: 'must be a number, a list of numbers or a class like 2xx' }),
  ],
  { error: 'must be a number, a list of numbers or a class like 2xx' },
);

const statusSchema = z
  .union([statusValue, z.strictObject({ is: statusValue, requirement: requirementRef.optional() })], {
    error: 'must be a number, a list of numbers, a class like 2xx, or { is: <status>, requirement }',
  })
  .meta({
    description:
      'Expected HTTP status: a number, a list of numbers, or a class like 2xx. Only 2xx: a prerequisite of the step, traced to no requirement (a 4xx answer skips the scenario as "refused"); with an error code, it is what the scenario tests. { is, requirement } traces it to a requirement.',
  });

const canonical = z
  .string()
  .regex(/^[a-z][a-z0-9+.-]*:\S+$/i, {
    error: 'must be a profile canonical URL, e.g. http://hl7.org/fhir/StructureDefinition/Observation',
  })
  .meta({ description: 'Profile canonical URL (optionally |version).' });

const conformsToSchema = z
  .union(
    [
      canonical,
      z.strictObject({
        profile: canonical,
        select: fhirpath(
          'FHIRPath picking the resources to validate (default: the response body).',
        ).optional(),
        minimum: z
          .number()
          .int()
          .min(0)
          .optional()
          .meta({ description: 'At least this many resources must be selected.' }),
        requirement: requirementRef.optional(),
      }),
    ],
    { error: 'must be a profile URL or { profile, select, minimum, requirement }' },
  )
  .meta({
    description:
      "The response (or the selected resources) validates against this profile with no error. Without a requirement of its own, it tests the scenario's requirements.",
  });

const minimumSchema = z
  .union(
    [
      fixtureRef.extend({
        select: fhirpath('FHIRPath picking the resource to compare (default: the response body).').optional(),
      }),
      z.record(z.string(), z.unknown()),
    ],
    { error: 'must be { fixture: id } or an inline resource' },
  )
  .meta({
    description:
      'The response contains at least every element of this resource ({ fixture: id } or inline); arrays match in any order.',
  });

const mediaType = z
  .string()
  .regex(/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/, { error: 'must be a media type such as application/fhir+json' })
  .meta({ description: 'A media type, e.g. application/fhir+json.' });

export const expectSchema = z
  .strictObject({
    status: statusSchema.optional(),
    contentType: z
      .union(
        [
          mediaType,
          z.strictObject({
            is: mediaType,
            requirement: requirementRef.optional(),
          }),
        ],
        { error: 'must be a media type such as application/fhir+json, or { is: <media type>, requirement }' },
      )
      .optional()
      .meta({
        description:
          'Media type, parameters ignored. Plain, it is a prerequisite of the step; { is, requirement } traces it to the requirement it tests.',
      }),
    headers: z
      .record(z.string(), regex('Regular expression the header value must match.'))
      .optional()
      .meta({ description: 'Response headers: { Name: regex }.' }),
    headerExists: z
      .array(z.string())
      .optional()
      .meta({ description: 'Response headers that must be present.' }),
    fhirpath: z
      .array(fhirpathCheckSchema, { error: 'must be a list of checks, each starting with "- that:"' })
      .optional()
      .meta({ description: 'FHIRPath checks on the response body.' }),
    conformsTo: conformsToSchema.optional(),
    minimum: minimumSchema.optional(),
  })
  .meta({ id: 'Expect', description: 'What the response must look like.' });

const queryValue = z.union([scalarOperand, z.array(scalarOperand)], {
  error: 'must be a string, number, boolean or a list of them',
});

export const requestSchema = z
  .strictObject({
    method: z
      .enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'])
      .optional()
      .meta({ description: 'Default GET.' }),
    path: z
      .string()
      .min(1)
      .meta({ description: "Path relative to the target's base URL, e.g. Observation/${id}." }),
    query: z
      .record(z.string(), queryValue)
      .optional()
      .meta({ description: 'Query parameters; a list value repeats the parameter.' }),
    headers: z.record(z.string(), z.string()).optional().meta({ description: 'Request headers.' }),
    body: z.unknown().optional().meta({ description: 'Inline body (YAML/JSON), or { fixture: id }.' }),
    page: z
      .literal('all', { error: 'must be "all" (follow the Bundle next links)' })
      .optional()
      .meta({ description: 'all: follow Bundle next links and merge the entries (searches only).' }),
    maxPages: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: 'With page: all, the most pages to follow (default 20). An fgc extension.' }),
  })
  .superRefine((request, ctx) => {
    if (request.maxPages !== undefined && request.page !== 'all') {
      ctx.addIssue({ code: 'custom', path: ['maxPages'], message: 'maxPages only applies with page: all' });
    }
    if (request.page === 'all' && !isSearchRequest({ method: request.method ?? 'GET', path: request.path })) {
      ctx.addIssue({
        code: 'custom',
        path: ['page'],
        message: 'page: all only applies to searches (GET, or POST to _search)',
      });
    }
  })
  .meta({ id: 'Request', description: 'An HTTP request to the target.' });

export const operationSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9-]*$/, {
        error: "must be the operation code without '$', e.g. find-subject-variants",
      })
      .meta({ description: "Operation code without '$', e.g. find-subject-variants." }),
    params: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: 'Operation parameters; a list repeats the parameter.' }),
    via: z
      .enum(['GET', 'POST'])
      .optional()
      .meta({ description: 'Overrides the method the target config prefers for this operation.' }),
  })
  .meta({
    id: 'Operation',
    description: 'A FHIR operation; the target config says where the site serves it.',
  });

const captureMap = (description: string) =>
  z
    .record(name('later steps and scenarios'), fhirpath('FHIRPath evaluated on the response body.'))
    .meta({ description });

export const stepSchema = z
  .strictObject({
    request: requestSchema.optional(),
    operation: operationSchema.optional(),
    capture: captureMap(
      '{ name: FHIRPath }: stores the first item of the result as ${name} / %name. A capture that finds nothing fails nothing: the scenarios that need it are skipped ("nothing to check").',
    ).optional(),
    captureList: captureMap('{ name: FHIRPath }: stores the whole result as a list.').optional(),
    requireData: fhirpath(
      'The resources the scenario is about. When this selects nothing, the scenario is skipped as "no data" (not passed) and its requirements are not exercised.',
    ).optional(),
    expect: expectSchema.optional(),
  })
  .superRefine((step, ctx) => {
    if ((step.request === undefined) === (step.operation === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message:
          step.request === undefined
            ? 'a step needs a request or an operation'
            : 'a step has either a request or an operation, not both; split it into two steps',
      });
    }
  })
  .meta({ id: 'Step', description: 'One request or operation, then optional capture and expect.' });

export const scenarioSchema = z
  .strictObject({
    id: id('unique within the suite').meta({
      description: 'Unique within the suite; the full id is suite/id.',
    }),
    title: z.string().optional().meta({ description: 'One line shown in reports (default: the id).' }),
    requirement: requirementRef.optional(),
    severity: severitySchema.optional().meta({
      description:
        'SHALL, SHOULD or MAY; default: the strictest level of its requirements, else SHALL. It may not be stricter than every requirement it names.',
    }),
    tags: z.array(z.string()).optional().meta({ description: 'Tags for --tag / --exclude-tag.' }),
    when: fhirpath('Precondition; when false the scenario is skipped with the reason.').optional(),
    forEach: z
      .strictObject({
        in: z.string().meta({ description: 'A list input or a captureList name.' }),
        as: name('the steps').meta({ description: 'The item name, used as ${name} and %name.' }),
      })
      .optional()
      .meta({ description: 'Run the scenario once per item of a list.' }),
    retries: z.number().int().min(0).max(10).optional().meta({ description: 'Retries on failure.' }),
    timeoutMs: z.number().int().min(1).optional().meta({ description: 'Timeout for the whole scenario.' }),
    steps: z.array(stepSchema).min(1, { error: 'needs at least one step' }),
  })
  .meta({ id: 'Scenario', description: 'A scenario: one test, made of steps.' });

export const inputSchema = z
  .strictObject({
    description: z.string().meta({ description: 'What the site must supply.' }),
    type: z
      .enum(['string', 'list', 'number', 'boolean'])
      .optional()
      .meta({ description: 'string (default), list, number or boolean.' }),
    required: z.boolean().optional().meta({
      description:
        'Whether the site must supply it (default false); an unsupplied input skips the scenarios using it.',
    }),
  })
  .meta({ id: 'Input', description: 'A site input.' });

export const suiteSchema = z
  .strictObject({
    suite: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, {
        error: "must be an id made of letters, digits, '.', '_', '-' and '/'",
      })
      .optional()
      .meta({ description: 'Unique id; defaults to the path under suites/ without .yaml.' }),
    title: z.string().optional().meta({ description: 'Shown in reports (default: the id).' }),
    description: z.string().optional(),
    ig: z
      .string()
      .regex(/^[a-z0-9.-]+#\S+$/i, {
        error: 'must be a package id and version, e.g. hl7.fhir.uv.genomics-reporting#3.0.0',
      })
      .optional()
      .meta({
        description: "IG package the suite's profiles come from, e.g. hl7.fhir.uv.genomics-reporting#3.0.0.",
      }),
    tags: z.array(z.string()).optional().meta({ description: 'Tags applied to every scenario.' }),
    requires: z
      .strictObject({
        resources: z.array(z.string()).optional(),
        searchParams: z.record(z.string(), z.array(z.string())).optional(),
        operations: z.array(z.string()).optional(),
      })
      .optional()
      .meta({ description: 'Capability gate: the suite is skipped unless the server claims all of these.' }),
    inputs: z
      .record(name('the suite'), inputSchema)
      .optional()
      .meta({ description: 'What the site must supply, declared and documented.' }),
    fixtures: z
      .array(
        z.strictObject({
          id: id('fixture id'),
          file: z.string().meta({ description: 'Relative to the suite file; must stay inside suites/.' }),
        }),
      )
      .optional()
      .meta({ description: 'Resources used as bodies or expected shapes (JSON or YAML files).' }),
    setup: z.array(stepSchema).optional().meta({ description: 'Steps run once before the scenarios.' }),
    teardown: z.array(stepSchema).optional().meta({ description: 'Steps run once after the scenarios.' }),
    scenarios: z.array(scenarioSchema).min(1, { error: 'needs at least one scenario' }),
  })
  .meta({ title: 'fgc suite', description: 'A conformance test suite for fgc (suite language v1).' });

export type SuiteData = z.infer<typeof suiteSchema>;
export type ScenarioData = z.infer<typeof scenarioSchema>;
export type StepData = z.infer<typeof stepSchema>;
export type ExpectData = z.infer<typeof expectSchema>;
export type CheckData = z.infer<typeof fhirpathCheckSchema>;

const requirementSchema = z
  .strictObject({
    id: id('requirement id'),
    text: z.string().min(1).meta({ description: 'Quoted from the IG or the operation definition.' }),
    source: z.url({ error: 'must be a URL (where the text comes from)' }),
    level: severitySchema,
    group: z.string().optional().meta({ description: 'Profile or operation name, for grouping in reports.' }),
  })
  .meta({ description: 'One requirement.' });

export const requirementsSchema = z
  .union([z.strictObject({ requirements: z.array(requirementSchema) }), z.array(requirementSchema)], {
    error: 'must be a map with `requirements:` (a list) or a list of requirements',
  })
  .meta({
    title: 'fgc requirements catalog',
    description: 'Requirements that suites trace their checks to.',
  });

export type RequirementData = z.infer<typeof requirementSchema>;
