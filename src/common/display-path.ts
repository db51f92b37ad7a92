// How fgc shows a file path to people: relative to the working directory when it is under it, else in full.
import { isAbsolute, relative } from 'node:path';

/** A function that shows paths relative to `cwd` when they are under it, and in full otherwise. */
export function displayPath(cwd: string): (path: string) => string {
  return (path) => {
    const rel = relative(cwd, path);
    return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
  };
}
