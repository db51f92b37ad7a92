// Registry of user-defined FHIRPath functions available to every suite (fhirpath.js
// `userInvocationTable`): the genomics functions and reference matching.
import type { UserInvocationTable } from 'fhirpath';
import { genomicsFunctions } from './genomics.js';
import { referenceFunctions } from './references.js';

export const userInvocationTable: UserInvocationTable = { ...genomicsFunctions, ...referenceFunctions };
