// Data-type names: which JSON property suffixes of a choice element (`value[x]` → `valueQuantity`) name a
// FHIR type, and the type code each suffix stands for.
import { isPrimitiveType } from './primitives.js';

const COMPLEX_TYPES = [
  'Address',
  'Age',
  'Annotation',
  'Attachment',
  'CodeableConcept',
  'Coding',
  'ContactDetail',
  'ContactPoint',
  'Contributor',
  'Count',
  'DataRequirement',
  'Distance',
  'Dosage',
  'Duration',
  'Expression',
  'HumanName',
  'Identifier',
  'Meta',
  'Money',
  'ParameterDefinition',
  'Period',
  'Quantity',
  'Range',
  'Ratio',
  'Reference',
  'RelatedArtifact',
  'SampledData',
  'Signature',
  'Timing',
  'TriggerDefinition',
  'UsageContext',
];
const COMPLEX = new Set(COMPLEX_TYPES);

/** `Quantity` → `Quantity`, `DateTime` → `dateTime`; undefined when the suffix names no type. */
export function typeFromSuffix(suffix: string): string | undefined {
  if (COMPLEX.has(suffix)) return suffix;
  const primitive = suffix.charAt(0).toLowerCase() + suffix.slice(1);
  return suffix.charAt(0) !== primitive.charAt(0) && isPrimitiveType(primitive) ? primitive : undefined;
}

/** `valueQuantity` for element `value[x]` and type `Quantity`. */
export function choiceKey(prefix: string, type: string): string {
  return prefix + type.charAt(0).toUpperCase() + type.slice(1);
}

/** Resource-typed elements hold a whole resource (contained, Bundle.entry.resource, Parameters.parameter.resource). */
export function isResourceType(code: string): boolean {
  return code === 'Resource' || code === 'DomainResource';
}
