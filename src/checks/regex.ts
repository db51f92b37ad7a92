// The one way fgc reads a regular expression from a suite (`matches`, `headers`): Unicode mode (`u`), so
// `\p{L}` works and a stray escape such as `\-` is an error. The loader (`fgc lint`) and the checks at run
// time both call compileRegex, so a regex that passes lint compiles when the check runs.

const cache = new Map<string, RegExp>();

/** A regex the suite wrote that cannot be compiled. `reason` is the JavaScript engine's message, plus a hint. */
export class RegexSyntaxError extends Error {
  constructor(
    readonly source: string,
    readonly reason: string,
  ) {
    super(`is not a valid regular expression (${reason})`);
    this.name = 'RegexSyntaxError';
  }
}

/** Compiles (once per text) a suite's regular expression; throws RegexSyntaxError when it is not valid. */
export function compileRegex(source: string): RegExp {
  let re = cache.get(source);
  if (!re) {
    try {
      re = new RegExp(source, 'u');
    } catch (err) {
      throw new RegexSyntaxError(source, withHint(source, (err as Error).message));
    }
    cache.set(source, re);
  }
  return re;
}

/**
 * What is wrong with a regex as written in a suite, or undefined when it compiles. A `${...}` template is
 * substituted only at run time, so here it stands for a plain value.
 */
export function regexProblem(written: string): string | undefined {
  try {
    compileRegex(written.replace(/\$\{[^}]*\}/g, 'x'));
    return undefined;
  } catch (err) {
    if (err instanceof RegexSyntaxError) return err.message;
    throw err;
  }
}

/** Without the `u` flag JavaScript accepts some escapes that Unicode mode refuses; say so when that is the cause. */
function withHint(source: string, message: string): string {
  try {
    new RegExp(source);
  } catch {
    return message;
  }
  return `${message}; fgc reads regexes in Unicode mode, where only syntax characters may be escaped (write - for \\-)`;
}
