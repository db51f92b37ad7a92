// Registry of user-defined FHIRPath functions available to every suite (fhirpath.js
// `userInvocationTable`). Genomics-aware functions are added here.
import type { UserInvocationTable } from 'fhirpath';
import { genomicsFunctions } from './genomics.js';

export const userInvocationTable: UserInvocationTable = { ...genomicsFunctions };
