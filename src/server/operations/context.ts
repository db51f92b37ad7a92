// What an operation handler gets: its input, the genomic index, and the behaviour switches faults flip.
import type { RangeParameter } from '../coordinates.js';
import { isKnownChromosomeAccession, parseRangeParameter } from '../coordinates.js';
import type { GenomicIndex } from '../genomics/index.js';
import type { OperationInput } from './input.js';

/** Behaviour a fault can change inside the operations (the IG behaviour is all false). */
export interface OperationFlags {
  readonly includeVariantsDefaultTrue: boolean;
  readonly closedRanges: boolean;
  readonly phasingWithoutVariants: boolean;
  readonly dateRangeOr: boolean;
}

export const IG_BEHAVIOUR: OperationFlags = {
  includeVariantsDefaultTrue: false,
  closedRanges: false,
  phasingWithoutVariants: false,
  dateRangeOr: false,
};

export interface OperationContext {
  readonly name: string;
  readonly input: OperationInput;
  readonly index: GenomicIndex;
  readonly flags: OperationFlags;
  /** The subject's patient id (subject operations only; checked to exist). */
  readonly subject?: string;
}

/** Parses every `ranges` item; accessions must be GRCh37/38 chromosomes or appear in the data. */
export function parseRanges(ctx: OperationContext, items: readonly string[]): RangeParameter[] {
  return items.map((text) =>
    parseRangeParameter(text, (acc) => isKnownChromosomeAccession(acc) || ctx.index.accessions.has(acc)),
  );
}
