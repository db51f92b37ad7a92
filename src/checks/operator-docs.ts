// The operator table of docs/suite-format.md, written from the operator table (operators.ts) by
// `npm run schema`; a test fails when the committed page differs.
import { markdownTable, withGeneratedRegion } from '../common/generated-region.js';
import { FHIRPATH_OPERATOR_NAMES, fhirpathOperator } from './operators.js';

/** The Markdown table: operator, operand, when it passes, an example. */
export function operatorTableMarkdown(): string {
  const rows = FHIRPATH_OPERATOR_NAMES.map((name) => {
    const { doc } = fhirpathOperator(name);
    return [`\`${name}\``, doc.operand, doc.passes, `\`${doc.example}\``];
  });
  return markdownTable(['operator', 'operand', 'passes when', 'example'], rows);
}

/** docs/suite-format.md with its operator table as the code has it. */
export function withOperatorTable(page: string): string {
  return withGeneratedRegion(page, 'operators', 'src/checks/operators.ts', operatorTableMarkdown());
}
