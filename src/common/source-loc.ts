// Where something came from in a YAML file, for error messages (1-based line and column).
export interface SourceLoc {
  /** Path as given to the loader (usually relative to the working directory). */
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export function formatLoc(loc: SourceLoc): string {
  return `${loc.file}:${loc.line}:${loc.col}`;
}
