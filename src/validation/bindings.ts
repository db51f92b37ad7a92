// Terminology bindings: a code, Coding or CodeableConcept checked against its bound ValueSet, expanded
// locally. Required → error, extensible → warning; preferred and example bindings are not checked.
import type { ElementNode } from './compile.js';
import type { ValueSetExpander } from './valuesets.js';

export interface BindingFinding {
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

type Coding = { system?: unknown; code?: unknown };

/** A finding when `value` (of type `type`) breaks the element's binding; undefined when fine or unknown. */
export function checkBinding(
  node: ElementNode,
  type: string,
  value: unknown,
  expander: ValueSetExpander,
): BindingFinding | undefined {
  const binding = node.binding;
  if (!binding?.valueSet || (binding.strength !== 'required' && binding.strength !== 'extensible'))
    return undefined;
  const codings = codingsOf(type, value);
  if (!codings) return undefined;
  if (codings.length === 0) {
    // A CodeableConcept with only text: acceptable for extensible, not for a required binding.
    return binding.strength === 'required' && type === 'CodeableConcept'
      ? { severity: 'error', message: `no code given; the required binding to ${binding.valueSet} needs one` }
      : undefined;
  }
  const results = codings.map((c) =>
    expander.membership(
      binding.valueSet!,
      typeof c.system === 'string' ? c.system : undefined,
      String(c.code),
    ),
  );
  if (results.includes('member') || results.includes('unknown')) return undefined;
  const shown = codings
    .map((c) => (c.system ? `${String(c.system)}|${String(c.code)}` : String(c.code)))
    .join(', ');
  const partial = expander.isPartial(binding.valueSet);
  const severity = binding.strength === 'required' && !partial ? 'error' : 'warning';
  const note = partial ? ' (the shipped copy of this LOINC answer list may be incomplete)' : '';
  return {
    severity,
    message: `${shown} is not in the value set ${binding.valueSet} (${binding.strength} binding)${note}`,
  };
}

/** The codings a value carries, or undefined when the type is not coded. */
function codingsOf(type: string, value: unknown): Coding[] | undefined {
  if (value === null || value === undefined) return undefined;
  switch (type) {
    case 'code':
      return typeof value === 'string' ? [{ code: value }] : undefined;
    case 'Coding':
      return typeof (value as Coding).code === 'string' ? [value as Coding] : [];
    case 'CodeableConcept': {
      const codings = (value as { coding?: unknown }).coding;
      return Array.isArray(codings) ? (codings as Coding[]).filter((c) => typeof c?.code === 'string') : [];
    }
    default:
      return undefined;
  }
}
