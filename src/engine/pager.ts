// `page: all`: follows Bundle next links (up to maxPages), merging entries into one Bundle for the checks.
// Refuses loops and links off the target's origin (the HTTP client would send credentials there).
import type { HttpExchange } from '../results/model.js';
import type { ServerFault } from '../common/errors.js';
import {
  foreignNextLink,
  pageLimitReached,
  pageNotBundle,
  pagesFollowed,
  pagingLoop,
  unusableNextLink,
  type PagingFinding,
} from '../checks/paging.js';
import { isResource } from '../checks/locate.js';

export const DEFAULT_MAX_PAGES = 20;

interface Bundle {
  readonly resourceType: 'Bundle';
  readonly entry?: readonly unknown[];
  readonly link?: readonly { relation?: unknown; url?: unknown }[];
}

export interface FetchedPage {
  readonly exchange: HttpExchange;
  readonly body?: unknown;
  readonly fault?: ServerFault;
}

export interface PagedResult {
  /** The first page with every page's entries (the first page itself when there was one page). */
  readonly body: unknown;
  readonly exchanges: readonly HttpExchange[];
  readonly findings: readonly PagingFinding[];
  readonly fault?: ServerFault;
  /** Set when the page limit stopped the paging before the last page: the merged result is partial. */
  readonly cutShort?: string;
}

function isBundle(value: unknown): value is Bundle {
  return isResource(value) && value.resourceType === 'Bundle';
}

function nextLink(bundle: Bundle): string | undefined {
  const link = bundle.link?.find((l) => l.relation === 'next');
  return typeof link?.url === 'string' && link.url !== '' ? link.url : undefined;
}

/**
 * Follows next links from `first` (already fetched from `firstUrl`). `fetch` GETs one page and reads its body.
 */
export async function followPages(
  first: unknown,
  firstUrl: string,
  baseUrl: string,
  maxPages: number,
  fetch: (url: string) => Promise<FetchedPage>,
): Promise<PagedResult> {
  if (!isBundle(first)) {
    return {
      body: first,
      exchanges: [],
      findings: [pageNotBundle(firstUrl, 1, isResource(first) ? first.resourceType : first)],
    };
  }
  const baseOrigin = new URL(baseUrl).origin;
  const exchanges: HttpExchange[] = [];
  const findings: PagingFinding[] = [];
  const seen = new Map<string, number>([[firstUrl, 1]]);
  const entries: unknown[] = [...(first.entry ?? [])];
  let current: Bundle = first;
  let currentUrl = firstUrl;
  let pages = 1;
  let fault: ServerFault | undefined;
  let cutShort: string | undefined;
  for (;;) {
    const next = nextLink(current);
    if (next === undefined) break;
    let url: string;
    try {
      url = new URL(next, currentUrl).href;
    } catch {
      findings.push(unusableNextLink(next, pages));
      break;
    }
    if (new URL(url).origin !== baseOrigin) {
      findings.push(foreignNextLink(url, pages, baseOrigin));
      break;
    }
    const seenOn = seen.get(url);
    if (seenOn !== undefined) {
      findings.push(pagingLoop(url, pages, seenOn));
      break;
    }
    if (pages >= maxPages) {
      findings.push(pageLimitReached(maxPages, url, entries.length));
      cutShort = `the page limit (maxPages ${maxPages}) was reached with more pages to come (${entries.length} entries read)`;
      break;
    }
    const page = await fetch(url);
    exchanges.push(page.exchange);
    if (page.fault) {
      fault = page.fault;
      break;
    }
    if (!isBundle(page.body)) {
      findings.push(
        pageNotBundle(url, pages + 1, isResource(page.body) ? page.body.resourceType : page.body),
      );
      break;
    }
    pages++;
    seen.set(url, pages);
    for (const entry of page.body.entry ?? []) entries.push(entry);
    current = page.body;
    currentUrl = url;
  }
  findings.unshift(pagesFollowed(pages, entries.length));
  const body = pages === 1 ? first : { ...first, entry: entries };
  return { body, exchanges, findings, ...(fault ? { fault } : {}), ...(cutShort ? { cutShort } : {}) };
}
