// Paging checks for `page: all`: the pages were followed, next links did not loop, stayed on the target's
// origin, and the page limit (when reached) is recorded rather than silently cutting the results.
import type { Severity } from '../model/suite.js';
import { fail, pass } from './format.js';
import type { Verdict } from './types.js';

export interface PagingFinding {
  readonly description: string;
  readonly verdict: Verdict;
  /** Set when the finding has its own severity regardless of the scenario's. */
  readonly severity?: Severity;
}

export function pagesFollowed(pages: number, entries: number): PagingFinding {
  return {
    description: `followed next links: ${pages} page(s), ${entries} entries merged`,
    verdict: pass('next links followed', `${pages} page(s)`),
  };
}

export function pagingLoop(url: string, page: number, seenOnPage: number): PagingFinding {
  const description = 'next links do not loop';
  return {
    description,
    verdict: fail(description, 'a new page URL', url, {
      where: `Bundle.link[relation=next] of page ${page}`,
      detail: `paging loop: this URL was already fetched as page ${seenOnPage}`,
    }),
  };
}

export function foreignNextLink(url: string, page: number, baseOrigin: string): PagingFinding {
  const description = `next links stay on the target origin ${baseOrigin}`;
  return {
    description,
    verdict: fail(description, `a URL on ${baseOrigin}`, url, {
      where: `Bundle.link[relation=next] of page ${page}`,
      detail: 'not followed, so the target credentials are not sent elsewhere',
    }),
  };
}

export function unusableNextLink(url: string, page: number): PagingFinding {
  const description = 'next links are valid URLs';
  return {
    description,
    verdict: fail(description, 'an absolute or relative URL', url, {
      where: `Bundle.link[relation=next] of page ${page}`,
    }),
  };
}

/**
 * The server had more pages than `maxPages`. Not the server's fault, so recorded as a MAY finding (shown as
 * information). The checks ran on the pages fetched; those that need every page end inconclusive.
 */
export function pageLimitReached(maxPages: number, nextUrl: string, entries: number): PagingFinding {
  const description = `all pages fetched within maxPages ${maxPages}`;
  return {
    description,
    severity: 'MAY',
    verdict: fail(description, `at most ${maxPages} pages`, `more pages (next: ${nextUrl})`, {
      where: `Bundle.link[relation=next] of page ${maxPages}`,
      detail: `page limit reached: the checks ran on the first ${maxPages} pages (${entries} entries); checks that need every page are inconclusive; raise maxPages to read more`,
    }),
  };
}

/** A page after the first that is not a Bundle. */
export function pageNotBundle(url: string, page: number, got: unknown): PagingFinding {
  const description = 'every page is a Bundle';
  return {
    description,
    verdict: fail(description, 'a Bundle', got, { where: `page ${page} (${url})` }),
  };
}
