// The hand-written site template (config/targets/example-site.yaml) must list every input the suites
// declare, so a site that copies it sees them all. `npm run schema` appends the ones it lacks, with the
// suite's description as the comment; move them to their group and word the comment better by hand.

export interface DeclaredInput {
  readonly name: string;
  readonly description: string;
  readonly list: boolean;
}

const PLACEHOLDER = 'REPLACE-ME';
const NEW_INPUTS_HEADING =
  '  # Inputs of newer suites (added by npm run schema: move each to its group above)';

/** The template text with a `name: REPLACE-ME  # description` line for each declared input it lacks. */
export function withDeclaredInputs(
  template: string,
  declared: readonly DeclaredInput[],
  present: ReadonlySet<string>,
): string {
  const missing = declared.filter((input) => !present.has(input.name));
  if (missing.length === 0) return template;
  const lines = template.split('\n');
  const start = lines.findIndex((line) => /^inputs:\s*(#.*)?$/.test(line));
  if (start < 0) throw new Error('the template has no block-style "inputs:" map');
  let end = start + 1;
  while (end < lines.length && (lines[end] === '' || /^\s/.test(lines[end]!))) end++;
  while (end > start + 1 && lines[end - 1] === '') end--;
  const added = missing.map((input) => {
    const value = input.list ? `[${PLACEHOLDER}]` : PLACEHOLDER;
    return `  ${input.name}: ${value}   # ${input.description.replace(/\s+/g, ' ').trim()}`;
  });
  const heading = lines.includes(NEW_INPUTS_HEADING) ? [] : ['', NEW_INPUTS_HEADING];
  return [...lines.slice(0, end), ...heading, ...added, ...lines.slice(end)].join('\n');
}
