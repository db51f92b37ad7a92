// Reads a response body once (JSON.parse, no copies) and decides whether the server answered usably:
// 5xx, an empty, HTML or otherwise non-JSON body where JSON was needed, or invalid JSON are server faults.
import { ServerFault } from '../common/errors.js';
import type { HttpResponse } from '../http/client.js';
import { trimText } from '../checks/format.js';

export interface ReadBody {
  /** The parsed JSON body; undefined when there was none (or it was not JSON and nothing needed it). */
  readonly body?: unknown;
  readonly fault?: ServerFault;
}

export interface ReadOptions {
  /** `METHOD url` (already redacted), for messages. */
  readonly what: string;
  /** True when a check, capture or paging reads the body, or the request is a read/search/operation. */
  readonly needsJson: boolean;
  /** True when the step's status expectation names this status explicitly (e.g. a test of a 503). */
  readonly statusExpected: boolean;
}

/** Whether a request's successful answer must carry JSON even when no check reads it. */
export function answerCarriesJson(method: string, isOperation: boolean, status: number): boolean {
  return status >= 200 && status < 300 && status !== 204 && (method === 'GET' || isOperation);
}

function diagnostics(body: unknown, text: string): string {
  const issue = (
    body as { resourceType?: string; issue?: { diagnostics?: string; details?: { text?: string } }[] }
  )?.issue?.[0];
  const said = issue?.diagnostics ?? issue?.details?.text;
  if (said) return `: ${trimText(said, 120)}`;
  const start = text.slice(0, 400).trim();
  return start ? `: ${trimText(start.replace(/\s+/g, ' '), 120)}` : '';
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

export function readBody(response: HttpResponse, options: ReadOptions): ReadBody {
  const { what, needsJson } = options;
  const text = response.bodyText;
  const contentType = response.headers['content-type'] ?? 'no Content-Type';
  // No trim(): it would copy a large body just to look at its first characters.
  const blank = !/\S/.test(text);
  const looksJson = /^\s*[[{]/.test(text);
  const parsed = !blank && looksJson ? parseJson(text) : undefined;
  const body = parsed?.ok ? parsed.value : undefined;
  if (response.status >= 500 && !options.statusExpected) {
    return {
      body,
      fault: new ServerFault(
        'SERVER_ERROR',
        `${what}: the server answered ${response.status}${diagnostics(body, text)}`,
      ),
    };
  }
  if (!needsJson || parsed?.ok) return body === undefined ? {} : { body };
  if (blank) {
    return {
      fault: new ServerFault(
        'EMPTY_BODY',
        `${what}: the response body is empty (status ${response.status}), JSON was expected`,
      ),
    };
  }
  if (!parsed) {
    return {
      fault: new ServerFault(
        'NOT_JSON',
        `${what}: the response is not JSON (${contentType}, starts with ${JSON.stringify(trimText(text.trimStart(), 40))})`,
      ),
    };
  }
  return {
    fault: new ServerFault(
      'INVALID_JSON',
      `${what}: the response body is invalid JSON (${parsed.ok ? '' : parsed.error})`,
    ),
  };
}
