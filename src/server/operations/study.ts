// What a test's GenomicStudy and GenomicStudyAnalysis say: the analyses of a test (GenomicReport ->
// genomic-study-reference -> GenomicStudy -> genomic-study-analysis-ext), their genomic source class, and
// their studied and uncallable regions (the regions extension's BED GenomicDataFiles, 0-based half-open).
import type { DocumentReference, Extension, Procedure } from '@medplum/fhirtypes';
import type { RangeParameter } from '../coordinates.js';
import { IG_CANONICAL, SourceClasses } from '../genomics/codes.js';
import type { GenomicIndex, TestInfo } from '../genomics/index.js';

const EXT = `${IG_CANONICAL}/StructureDefinition/`;

const refsOf = (extensions: readonly Extension[] | undefined, url: string): string[] =>
  (extensions ?? [])
    .filter((e) => e.url === url)
    .flatMap((e) => (e.valueReference?.reference ? [e.valueReference.reference] : []));

/** The GenomicStudyAnalysis procedures of a test. */
export function analysesOf(index: GenomicIndex, test: TestInfo): Procedure[] {
  return refsOf(test.report.extension, `${EXT}genomic-study-reference`)
    .map((ref) => index.resolve(ref) as Procedure | undefined)
    .flatMap((study) => refsOf(study?.extension, `${EXT}genomic-study-analysis-ext`))
    .flatMap((ref) => {
      const analysis = index.resolve(ref) as Procedure | undefined;
      return analysis?.resourceType === 'Procedure' ? [analysis] : [];
    });
}

/** The source class an analysis of the test states (genomic-study-analysis-genomic-source-class). */
export function testSourceClass(index: GenomicIndex, test: TestInfo): 'germline' | 'somatic' | undefined {
  for (const analysis of analysesOf(index, test))
    for (const e of analysis.extension ?? [])
      if (e.url === `${EXT}genomic-study-analysis-genomic-source-class`)
        for (const c of e.valueCodeableConcept?.coding ?? [])
          if (c.code && SourceClasses[c.code]) return SourceClasses[c.code];
  return undefined;
}

export type RegionKind = 'studied' | 'uncalled';

/** One BED line `accession<TAB>start<TAB>end` per region (BED is 0-based half-open, as the operations are). */
function bedRegions(file: DocumentReference | undefined): RangeParameter[] | undefined {
  if (file?.resourceType !== 'DocumentReference') return undefined;
  const attachment = file.content?.[0]?.attachment;
  if (!attachment) return undefined;
  if (attachment.data === undefined) return attachment.url ? undefined : [];
  return Buffer.from(attachment.data, 'base64')
    .toString('utf8')
    .split('\n')
    .flatMap((line) => {
      const [accession, start, end] = line.trim().split(/\s+/);
      if (!accession || !/^\d+$/.test(start ?? '') || !/^\d+$/.test(end ?? '')) return [];
      const region = { accession, start: Number(start), end: Number(end) };
      return [{ ...region, text: `${accession}:${region.start}-${region.end}` }];
    });
}

/**
 * The test's studied or uncallable regions, read from the BED files its analyses name; undefined when no
 * analysis names a readable file (the server does not know them).
 */
export function testRegions(
  index: GenomicIndex,
  test: TestInfo,
  kind: RegionKind,
): RangeParameter[] | undefined {
  let known = false;
  const regions: RangeParameter[] = [];
  for (const analysis of analysesOf(index, test))
    for (const e of analysis.extension ?? []) {
      if (e.url !== `${EXT}genomic-study-analysis-regions`) continue;
      for (const ref of refsOf(e.extension, kind)) {
        const found = bedRegions(index.resolve(ref) as DocumentReference | undefined);
        if (found) {
          known = true;
          regions.push(...found);
        }
      }
    }
  return known ? regions : undefined;
}
