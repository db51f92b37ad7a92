// Parts of the docs that are written from the code (`npm run schema`), between two marker comments, so a
// table in docs/ can never drift from the table in src/ it shows. Tests compare the committed page.

const begin = (name: string, source: string) =>
  `<!-- ${name}: generated from ${source} by \`npm run schema\`; edit there -->`;
const end = (name: string) => `<!-- end of generated ${name} -->`;

/** The page with its `name` region replaced by `body`. Throws when the page lacks the markers. */
export function withGeneratedRegion(page: string, name: string, source: string, body: string): string {
  const first = begin(name, source);
  const from = page.indexOf(first);
  const to = page.indexOf(end(name));
  if (from < 0 || to < from) throw new Error(`the page has no "${first}" ... "${end(name)}" region`);
  return `${page.slice(0, from)}${first}\n${body}\n${page.slice(to)}`;
}

/** A Markdown table from a header row and body rows. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')).replace(/ /g, ''), ...rows.map(line)].join('\n');
}
