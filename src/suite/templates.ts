// `${...}` references inside suite strings: `${inputs.name}` (a site input) and `${name}` (a capture or a
// forEach item). Suites may not read `${env.X}`; only target configs can.

export type TemplateRef =
  | { readonly kind: 'input' | 'variable'; readonly name: string; readonly offset: number }
  | { readonly kind: 'invalid'; readonly message: string; readonly offset: number };

const REFERENCE = /\$\{([^}]*)\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Every `${...}` in a string, with its 0-based offset. */
export function templateRefs(text: string): TemplateRef[] {
  const refs: TemplateRef[] = [];
  for (const match of text.matchAll(REFERENCE)) {
    const body = match[1]!.trim();
    const offset = match.index;
    const dot = body.indexOf('.');
    const head = dot < 0 ? body : body.slice(0, dot);
    const rest = dot < 0 ? '' : body.slice(dot + 1);
    if (head === 'env') {
      refs.push({
        kind: 'invalid',
        offset,
        message: `suites cannot read environment variables (\${${body}}); put secrets in the target config`,
      });
    } else if (head === 'inputs' && NAME.test(rest)) {
      refs.push({ kind: 'input', name: rest, offset });
    } else if (dot < 0 && NAME.test(body)) {
      refs.push({ kind: 'variable', name: body, offset });
    } else {
      refs.push({
        kind: 'invalid',
        offset,
        message: `"\${${match[1]}}" is not a valid reference: write \${inputs.name} for a site input or \${name} for a capture or forEach item`,
      });
    }
  }
  return refs;
}
