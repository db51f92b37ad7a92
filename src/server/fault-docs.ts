// The fault table of docs/reference-server.md, written from FAULTS (faults.ts) by `npm run schema`; a test
// fails when the committed page differs.
import { markdownTable, withGeneratedRegion } from '../common/generated-region.js';
import { listFaults } from './faults.js';

export function faultTableMarkdown(): string {
  const rows = listFaults().map((f) => [`\`${f.id}\``, f.description, f.breaks.join(', ')]);
  return markdownTable(['id', 'what it does', 'requirement(s) it breaks'], rows);
}

/** docs/reference-server.md with its fault table as the code has it. */
export function withFaultTable(page: string): string {
  return withGeneratedRegion(page, 'faults', 'src/server/faults.ts', faultTableMarkdown());
}
