// The zod schemas of FHIRPath operator operands (what `fgc lint` accepts after `equals:`, `count:`...).
// The operator table (operators.ts) gives each operator one of these; the suite schema and the editor JSON
// Schema are built from that table.
import * as z from 'zod';
import { regexProblem } from './regex.js';

export const scalarOperand = z.union([z.string(), z.number(), z.boolean()]);

export const anyValueOperand = z.union(
  [scalarOperand, z.array(z.unknown()), z.record(z.string(), z.unknown())],
  {
    error:
      'must be a value (a string, number, boolean, list or map); use `empty: true` to check for no value',
  },
);

export const valueListOperand = z.array(z.unknown(), { error: 'must be a list of values' }).min(1);

export const valueOrListOperand = z.union(
  [scalarOperand, z.array(z.unknown()).min(1), z.record(z.string(), z.unknown())],
  { error: 'must be a value or a list of values' },
);

export const booleanOperand = z.boolean();

const DATE_LIKE =
  /^(\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?|T?\d{2}:\d{2}(:\d{2}(\.\d+)?)?)$/;
const NOT_COMPARABLE = 'must be a number, a date (2024-01-31), a dateTime (2024-01-31T10:00:00Z) or a time';

export const comparableOperand = z.union(
  [z.number(), z.string().refine((s) => DATE_LIKE.test(s) || s.includes('${'), { error: NOT_COMPARABLE })],
  { error: NOT_COMPARABLE },
);

export const countOperand = z.union(
  [
    z.number().int().min(0),
    z
      .strictObject({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() })
      .refine((c) => c.min !== undefined || c.max !== undefined, { error: 'needs min, max or both' })
      .refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, {
        error: 'min must not be greater than max',
      }),
  ],
  { error: 'must be a whole number or { min, max }' },
);

/** A regular expression, checked with the same compiler the checks use at run time (regex.ts). */
export const regexOperand = z.string().superRefine((source, ctx) => {
  const problem = regexProblem(source);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
