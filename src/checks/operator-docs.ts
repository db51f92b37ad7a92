// The operator table of docs/suite-format.md, written from the operator table (operators.ts) by
// `npm run schema`; a test fails when the committed page differs.
import { FHIRPATH_OPERATOR_NAMES, fhirpathOperator } from './operators.js';

const BEGIN = '<!-- operators: generated from src/checks/operators.ts by `npm run schema`; edit there -->';
const END = '<!-- end of generated operators -->';

/** The Markdown table: operator, operand, when it passes, an example. */
export function operatorTableMarkdown(): string {
  const rows = FHIRPATH_OPERATOR_NAMES.map((name) => {
    const { doc } = fhirpathOperator(name);
    return `| \`${name}\` | ${doc.operand} | ${doc.passes} | \`${doc.example}\` |`;
  });
  return ['| operator | operand | passes when | example |', '|---|---|---|---|', ...rows].join('\n');
}

/** The page with its generated region replaced by the current table. Throws when the markers are missing. */
export function withOperatorTable(page: string): string {
  const begin = page.indexOf(BEGIN);
  const end = page.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`the page has no "${BEGIN}" ... "${END}" region`);
  return `${page.slice(0, begin)}${BEGIN}\n${operatorTableMarkdown()}\n${page.slice(end)}`;
}
