// Matching operation inputs against findings: tokens and system|code, haplotype names, gene ids,
// variant notations and ranges. Tokens are case-insensitive on code, display or text; system|code is exact.
import type { CodeableConcept } from '@medplum/fhirtypes';
import { type RangeParameter, type Interval, overlaps, subsumes } from '../coordinates.js';
import { sameAllele, type VariantQuery } from '../genomics/alleles.js';
import { Codes, components } from '../genomics/codes.js';
import type { Finding } from '../genomics/index.js';

export function conceptMatches(concept: CodeableConcept | undefined, query: string): boolean {
  if (!concept) return false;
  const bar = query.indexOf('|');
  if (bar > 0) {
    const system = query.slice(0, bar);
    const code = query.slice(bar + 1);
    return (concept.coding ?? []).some((c) => c.system === system && c.code === code);
  }
  const q = query.toLowerCase();
  const texts = [concept.text, ...(concept.coding ?? []).flatMap((c) => [c.code, c.display, c.system])];
  return texts.some((t) => t?.toLowerCase() === q);
}

/** Whether any component with one of `codes` has a value matching the query (CodeableConcept or string). */
export function componentMatches(finding: Finding, codes: readonly string[], query: string): boolean {
  return codes.some((code) =>
    components(finding.resource, code).some(
      (c) =>
        conceptMatches(c.valueCodeableConcept, query) || c.valueString?.toLowerCase() === query.toLowerCase(),
    ),
  );
}

/** GL String and allele names split into their alleles, e.g. `hla#3.23.0#HLA-A*01:01G+HLA-A*01:02`. */
function alleleNames(text: string): string[] {
  const body = text.includes('#') ? text.slice(text.lastIndexOf('#') + 1) : text;
  return [text, ...body.split(/[+/|~^]/)];
}

/**
 * A haplotype or genotype name matches exactly (case-insensitive) or as an allele-field prefix, so
 * `HLA-A*23` finds `HLA-A*23:01:01`. `system|code` must match a value coding exactly.
 */
export function haplotypeMatches(finding: Finding, query: string): boolean {
  const value = finding.resource.valueCodeableConcept;
  if (!value) return false;
  if (query.indexOf('|') > 0 && conceptMatches(value, query)) return true;
  const q = query.trim().toLowerCase();
  const names = [value.text, ...(value.coding ?? []).flatMap((c) => [c.code, c.display])]
    .filter((t): t is string => Boolean(t))
    .flatMap(alleleNames)
    .map((n) => n.trim().toLowerCase());
  return names.some((n) => n === q || n.startsWith(`${q}:`));
}

/** Gene by gene-studied component; without one, a haplotype whose name starts with the gene symbol. */
export function geneMatches(finding: Finding, query: string): boolean {
  const genes = components(finding.resource, Codes.geneStudied);
  if (genes.length) return genes.some((g) => conceptMatches(g.valueCodeableConcept, query));
  if (query.includes('|')) return false;
  const value = finding.resource.valueCodeableConcept;
  const names = [value?.text, ...(value?.coding ?? []).map((c) => c.display)].filter((t): t is string =>
    Boolean(t),
  );
  const q = query.toLowerCase();
  return names.some((n) => n.toLowerCase().startsWith(q) && /^[\s*_]/.test(n.slice(q.length)));
}

export function variantMatches(finding: Finding, query: VariantQuery): boolean {
  if (finding.kind !== 'variant' || query.wildType) return false;
  if (finding.names.has(query.text.trim().toLowerCase())) return true;
  const allele = finding.location?.allele;
  return Boolean(query.allele && allele && sameAllele(query.allele, allele));
}

/** A simple variant (not structural) overlapping the range. */
export function simpleVariantInRange(finding: Finding, range: RangeParameter, closed: boolean): boolean {
  const loc = finding.location;
  if (finding.kind !== 'variant' || !loc || loc.structural || loc.accession !== range.accession || !loc.span)
    return false;
  return overlaps(loc.span, range, closed);
}

/** Intersect uses the widest known extent (outer, else exact, else inner); subsume the narrowest (inner first). */
export function structuralMatch(
  finding: Finding,
  range: RangeParameter,
  mode: 'intersect' | 'subsume',
  closed: boolean,
): boolean {
  const loc = finding.location;
  if (finding.kind !== 'variant' || !loc?.structural || loc.accession !== range.accession) return false;
  const extent: Interval | undefined =
    mode === 'intersect' ? (loc.outer ?? loc.exact ?? loc.inner) : (loc.inner ?? loc.exact ?? loc.outer);
  if (!extent) return false;
  return mode === 'intersect' ? overlaps(extent, range, closed) : subsumes(extent, range, closed);
}

/** Any variant (simple or structural) in the range: used by the implication operations' `ranges`. */
export function anyVariantInRange(finding: Finding, range: RangeParameter): boolean {
  return simpleVariantInRange(finding, range, false) || structuralMatch(finding, range, 'intersect', false);
}
