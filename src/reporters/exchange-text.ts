// One HTTP exchange as text, the same in every report (Allure attachment, Markdown, HTML): the request,
// then what came back, with the earlier attempts and the redirects that led to the answer, so evidence
// never shows an answer as coming from a URL that did not give it.
import type { HttpExchange } from '../results/model.js';
import { clip, formatDuration, prettyBody } from './report-format.js';

/** How a report shows a body: as stored, or pretty-printed and clipped. */
export type BodyText = (body: string) => string;

export const asStored: BodyText = (body) => body;

/** JSON pretty-printed, then cut to `max` characters (the full text stays in results.json). */
export function prettyClipped(max: number): BodyText {
  return (body) => clip(prettyBody(body), max);
}

export function requestLines(x: HttpExchange, body: BodyText): string[] {
  return [
    `${x.method} ${x.url}`,
    ...headerLines(x.requestHeaders),
    ...(x.requestBody ? ['', body(x.requestBody)] : []),
  ];
}

export function responseLines(x: HttpExchange, body: BodyText): string[] {
  const attempts = (x.retries ?? []).map(
    (r, i) =>
      `Attempt ${i + 1}: ${r.reason}; sent again${r.waitMs > 0 ? ` after ${formatDuration(r.waitMs)}` : ''}`,
  );
  const redirects = (x.redirects ?? []).map((r) => `HTTP ${r.status}, redirected to ${r.location}`);
  const answer = x.error
    ? [`No usable response: ${x.error.code}: ${x.error.message}`]
    : [
        `HTTP ${x.status ?? '?'} (${formatDuration(x.durationMs)})`,
        ...headerLines(x.responseHeaders),
        ...(x.responseBody ? ['', body(x.responseBody)] : []),
        ...(x.responseTruncated ? ['[body cut to the size limit by the run]'] : []),
      ];
  return [...attempts, ...redirects, ...answer];
}

function headerLines(headers: Readonly<Record<string, string>> | undefined): string[] {
  return Object.entries(headers ?? {}).map(([k, v]) => `${k}: ${v}`);
}
