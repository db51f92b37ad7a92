// The only way `fgc init` talks to a server: GET requests (an operation by the method the site configures
// for it) within a request budget, each one printed as it goes. Searches follow `next` links under the base URL.
import type { Resource } from '@medplum/fhirtypes';
import type { HttpClient, HttpRequest, HttpResult } from '../http/client.js';
import { appendQuery, buildQueryString, resolveUrl } from '../engine/url.js';

/** A resource as the server sent it (nothing is validated). */
export type FhirResource = Resource;

export interface Answer {
  readonly status: number;
  /** The parsed JSON body (undefined when it was not JSON). */
  readonly body?: unknown;
}

export interface SearchResult {
  readonly resources: readonly FhirResource[];
  /** False when pages were left unread (page cap, budget, a failed page): the resources are then a sample. */
  readonly complete: boolean;
  /** HTTP status of the first page (0: not sent, or no answer). */
  readonly status: number;
}

/** Parameter name to one value or a list (a list repeats the parameter). */
export type Query = Readonly<Record<string, string | readonly string[]>>;

interface Bundle {
  resourceType?: string;
  entry?: { resource?: FhirResource }[];
  link?: { relation?: string; url?: string }[];
}

export class SiteReader {
  private used = 0;

  constructor(
    private readonly http: Pick<HttpClient, 'send'>,
    private readonly baseUrl: string,
    readonly budget: number,
    private readonly log: (line: string) => void,
  ) {}

  get requestsUsed(): number {
    return this.used;
  }

  get exhausted(): boolean {
    return this.used >= this.budget;
  }

  /** The client shape the preflight takes; its request counts against the budget too. */
  get client(): Pick<HttpClient, 'send'> {
    return {
      send: async (request) => {
        const result = await this.send(request);
        if (!result) throw new Error('the request budget is spent');
        return result;
      },
    };
  }

  /** `GET <base>/<path>?<query>`; undefined when the budget is spent or no answer came. */
  async get(path: string, query: Query = {}): Promise<Answer | undefined> {
    return this.answer(await this.send({ method: 'GET', url: this.url(path, query) }));
  }

  /** A search, following `next` links up to `maxPages` pages. */
  async search(type: string, query: Query, maxPages: number): Promise<SearchResult> {
    const resources: FhirResource[] = [];
    let url: string | undefined = this.url(type, query);
    let status = 0;
    for (let page = 0; url !== undefined && page < maxPages; page++) {
      const answer = this.answer(await this.send({ method: 'GET', url }));
      if (page === 0) status = answer?.status ?? 0;
      const bundle = answer?.body as Bundle | undefined;
      if (answer?.status !== 200 || bundle?.resourceType !== 'Bundle')
        return { resources, complete: false, status };
      for (const entry of bundle.entry ?? [])
        if (entry.resource?.resourceType) resources.push(entry.resource);
      const next = this.next(bundle);
      if (next === 'outside') return { resources, complete: false, status };
      url = next;
    }
    return { resources, complete: url === undefined, status };
  }

  /** Calls an operation where the site serves it: GET with query parameters, or POST with a Parameters body. */
  async operation(path: string, method: 'GET' | 'POST', params: Query): Promise<Answer | undefined> {
    if (method === 'GET') return this.get(path, params);
    const parameter = pairs(params).map(([name, value]) => ({ name, valueString: value }));
    return this.answer(
      await this.send({
        method: 'POST',
        url: this.url(path, {}),
        headers: { 'Content-Type': 'application/fhir+json' },
        body: JSON.stringify({ resourceType: 'Parameters', parameter }),
      }),
    );
  }

  private url(path: string, query: Query): string {
    return appendQuery(resolveUrl(this.baseUrl, path), buildQueryString(pairs(query)));
  }

  /** The next page; `outside` when it is not under the base URL (credentials only go to the target). */
  private next(bundle: Bundle): string | 'outside' | undefined {
    const link = bundle.link?.find((l) => l.relation === 'next')?.url;
    if (!link) return undefined;
    try {
      return resolveUrl(this.baseUrl, link);
    } catch {
      this.log(`  (not following a next link outside ${this.baseUrl}: ${link})`);
      return 'outside';
    }
  }

  private async send(request: HttpRequest): Promise<HttpResult | undefined> {
    if (this.exhausted) return undefined;
    this.used++;
    const result = await this.http.send({
      ...request,
      headers: { Accept: 'application/fhir+json', ...request.headers },
    });
    const outcome = result.response
      ? `${result.response.status}`
      : `no answer (${result.fault?.message ?? 'unknown'})`;
    const width = String(this.budget).length;
    this.log(
      `[${String(this.used).padStart(width)}/${this.budget}] ${request.method} ${this.shown(request.url)} → ${outcome}`,
    );
    return result;
  }

  private shown(url: string): string {
    const relative = url.startsWith(`${this.baseUrl}/`) ? url.slice(this.baseUrl.length + 1) : url;
    try {
      return decodeURIComponent(relative);
    } catch {
      return relative;
    }
  }

  private answer(result: HttpResult | undefined): Answer | undefined {
    if (!result?.response) return undefined;
    try {
      return { status: result.response.status, body: JSON.parse(result.response.bodyText) as unknown };
    } catch {
      return { status: result.response.status };
    }
  }
}

function pairs(query: Query): [string, string][] {
  return Object.entries(query).flatMap(([name, value]) =>
    (typeof value === 'string' ? [value] : value).map((v): [string, string] => [name, v]),
  );
}
