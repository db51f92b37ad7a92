// Bundle.link for searchsets: self, first, previous, next and last, absolute under the base URL,
// built from the search parameters the server used plus _count and _offset.
import type { BundleLink } from '@medplum/fhirtypes';

export interface PageRequest {
  readonly count: number;
  readonly offset: number;
  readonly total: number;
}

export function pagingLinks(
  searchUrl: string,
  used: readonly (readonly [string, string])[],
  page: PageRequest,
  options: { omitNext?: boolean } = {},
): BundleLink[] {
  const url = (offset: number): string => {
    const params = new URLSearchParams(used.map(([k, v]) => [k, v]));
    params.set('_count', String(page.count));
    params.set('_offset', String(offset));
    return `${searchUrl}?${params.toString()}`;
  };
  const { count, offset, total } = page;
  const links: BundleLink[] = [{ relation: 'self', url: url(offset) }];
  if (count === 0) return links;
  links.push({ relation: 'first', url: url(0) });
  if (offset > 0) links.push({ relation: 'previous', url: url(Math.max(0, offset - count)) });
  if (offset + count < total && !options.omitNext) links.push({ relation: 'next', url: url(offset + count) });
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / count) * count;
  links.push({ relation: 'last', url: url(lastOffset) });
  return links;
}
