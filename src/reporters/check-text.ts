// A failing check told for a reviewer: a plain-English headline first, what was expected and what came
// back in words, the element and resource it points at, and the technical check (FHIRPath) kept apart.
// The checks already write their words into the message ("<check>: expected no items, got 1 resource(s):
// Observation/x at Bundle.entry[0].resource = Observation/x"); this takes that message apart again with the
// check's own description and location, so the report never shows a bare `true` as the expectation.
import type { CheckResult, HttpExchange, RequirementInfo } from '../results/model.js';
import { formatValue } from './report-format.js';

export interface CheckStory {
  /** What is wrong, in the suite author's words, else the requirement's, else the check's description. */
  readonly headline: string;
  /** The expectation in words ("no items", "greater than 0"). */
  readonly expected: string;
  /** What came back in words ("1 resource(s): Observation/x", `item 2 of 3 = "LA30102-0"`). */
  readonly actual: string;
  /** Where in the response (`Bundle.entry[3].resource = Observation/abc`), when the check knows. */
  readonly where?: string;
  /** The requirement whose text became the headline, so it is not repeated beside it. */
  readonly headlineRequirement?: string;
  /** The check as written in the suite (FHIRPath and operator), for the technical reader. */
  readonly technical: string;
  /** Resources the finding names (`Observation/abc`), to show as the server sent them. */
  readonly resources: readonly string[];
}

/** Checks whose description is an expression rather than a sentence. */
const TECHNICAL: ReadonlySet<CheckResult['kind']> = new Set(['fhirpath', 'conformsTo', 'minimum', 'capture']);

const RESOURCE_REF = /\b([A-Z][A-Za-z]{2,40})\/([A-Za-z0-9\-.]{1,64})\b/g;

export function checkStory(
  check: CheckResult,
  requirements: ReadonlyMap<string, RequirementInfo> = new Map(),
): CheckStory {
  const parsed = parseMessage(check);
  const cited = check.requirements.find((id) => requirements.has(id));
  // An author's message beats everything; a FHIRPath description is the last resort for a headline.
  const fromRequirement = !parsed?.author && TECHNICAL.has(check.kind) && cited !== undefined;
  const headline =
    parsed?.author ??
    (fromRequirement ? requirements.get(cited)!.text : (parsed?.plain ?? check.description));
  const expected = parsed?.expected ?? formatValue(check.expected);
  const actual = parsed?.actual ?? formatValue(check.actual);
  const where = check.location ?? parsed?.where;
  const named = `${actual} ${where ?? ''}`;
  const resources = [...new Set([...named.matchAll(RESOURCE_REF)].map((m) => `${m[1]}/${m[2]}`))];
  return {
    headline,
    expected,
    actual,
    // `1 resource(s): Observation/x` already says where `Observation/x` is.
    ...(where && !actual.includes(where) ? { where } : {}),
    ...(fromRequirement ? { headlineRequirement: cited } : {}),
    technical: check.description,
    resources: resources.slice(0, 3),
  };
}

interface ParsedMessage {
  readonly author?: string;
  /** The message itself when it is not in the `<check>: expected …, got …` shape. */
  readonly plain?: string;
  readonly expected?: string;
  readonly actual?: string;
  readonly where?: string;
}

function parseMessage(check: CheckResult): ParsedMessage | undefined {
  const message = check.message;
  if (!message) return undefined;
  const head = `${check.description}: expected `;
  const at = message.indexOf(head);
  if (at < 0) {
    // `expected X, got Y` without the description (hand-written results, older runs).
    const bare = /^(?:(.*?): )?expected (.+?), got (.+)$/s.exec(message);
    if (bare) return { ...(bare[1] ? { author: bare[1] } : {}), expected: bare[2]!, actual: bare[3]! };
    return { plain: message };
  }
  const author = at >= 2 ? message.slice(0, at - 2) : undefined;
  const rest = message.slice(at + head.length);
  const got = rest.indexOf(', got ');
  if (got < 0) return { ...(author ? { author } : {}), plain: message };
  const expected = rest.slice(0, got);
  let actual = rest.slice(got + ', got '.length);
  let where: string | undefined;
  const location = check.location ? ` at ${check.location}` : undefined;
  const loc = location ? actual.lastIndexOf(location) : -1;
  if (loc >= 0) {
    const detail = actual.slice(loc + location!.length).trim();
    where = check.location;
    actual = `${actual.slice(0, loc)}${detail ? ` ${detail}` : ''}`;
  }
  return { ...(author ? { author } : {}), expected, actual, ...(where ? { where } : {}) };
}

/** A resource as the server sent it in one of the step's responses, found by type and id. */
export function servedResource(exchanges: readonly HttpExchange[], ref: string): unknown {
  const [type, id] = ref.split('/');
  for (const x of exchanges) {
    if (!x.responseBody) continue;
    let body: unknown;
    try {
      body = JSON.parse(x.responseBody);
    } catch {
      continue;
    }
    const found = findResource(body, type!, id!, 0);
    if (found) return found;
  }
  return undefined;
}

function findResource(node: unknown, type: string, id: string, depth: number): unknown {
  if (node === null || typeof node !== 'object' || depth > 12) return undefined;
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findResource(item, type, id, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  const record = node as Record<string, unknown>;
  if (record.resourceType === type && record.id === id) return node;
  for (const value of Object.values(record)) {
    const found = findResource(value, type, id, depth + 1);
    if (found) return found;
  }
  return undefined;
}
